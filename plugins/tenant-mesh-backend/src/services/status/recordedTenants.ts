import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  PlatformSettings,
  planTenant,
  StatusCheck,
  TenantPlan,
  TENANT_RECORD_CONFIG_MAP,
  tenantNames,
  TenantRecordRef,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  KubernetesReader,
  readClusterTenantRecord,
  readClusterTenantRecords,
  readTenantRecord,
  readTenantRecords,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { problemText, withinReadTimeout } from './deadline';
import { CommittedFiles, gitopsManifestsCheck } from './gitopsCheck';

/** A tenant whose record cannot be read or planned, and why. */
export interface BrokenRecord {
  tenantId: string;
  record: TenantRecordRef;
  /** A sentence naming the file, the problem and the fix. */
  reason: string;
}

/** A recorded tenant, planned, with what the repository holds for it. */
export interface RecordedTenant {
  plan: TenantPlan;
  record: TenantRecordRef;
  /**
   * The tenant's manifests in the repository against the plan; none on the
   * cluster target, which applies the plan itself, so the live objects are
   * what is compared with it.
   */
  manifests?: StatusCheck;
}

const TENANTS = 'tenants/';

function brokenRecord(
  tenantId: string,
  record: TenantRecordRef,
  problem: string,
): BrokenRecord {
  return {
    tenantId,
    record,
    reason: `The record ${record.path} cannot be used: ${problem.replace(
      /\s*\n\s*/g,
      ' ',
    )}. Nothing else of this tenant is checked until it can.`,
  };
}

/** The planner refused the record: the record or the platform changed. */
const rulesBroken = (error: unknown, record: TenantRecordRef) =>
  `it breaks the platform's rules (${problemText(error)}); ${
    record.source === 'gitops'
      ? 'fix the record in the GitOps repository'
      : 'deliver the tenant again with valid fields'
  }, or the tenantMesh setting the rule comes from if that changed since the tenant was recorded`;

/** Where a record of the cluster target is, e.g. `ConfigMap tenant-acme/tenant-mesh-record`. */
const clusterRecord = (path: string): TenantRecordRef => ({
  source: 'cluster',
  path,
});

/** `tenants/<id>/…` → `<id>`. */
const tenantIdOfPath = (path: string) => path.split('/')[1] ?? path;

/** The committed files of each tenant folder, from one listing of `tenants/`. */
function filesByTenant(
  listing: Array<{ path: string; oid: string }>,
): Map<string, CommittedFiles> {
  const byTenant = new Map<string, Map<string, string>>();
  for (const { path, oid } of listing) {
    const tenantId = tenantIdOfPath(path);
    const files = byTenant.get(tenantId) ?? new Map<string, string>();
    files.set(path, oid);
    byTenant.set(tenantId, files);
  }
  return byTenant;
}

/** Forgets the entries of tenants no longer recorded (offboarded). */
function keepOnly<T>(memo: Map<string, T>, tenantIds: ReadonlySet<string>) {
  for (const tenantId of memo.keys()) {
    if (!tenantIds.has(tenantId)) {
      memo.delete(tenantId);
    }
  }
}

/** One key for a folder's contents: its paths and blob ids. */
const contentKey = (files: CommittedFiles) =>
  [...files].map(([path, oid]) => `${path}@${oid}`).join('\n');

/**
 * The tenants recorded in the GitOps repository, or in the record
 * ConfigMaps of the cluster target, planned. A record that does not parse or
 * breaks the platform's rules is kept as a BrokenRecord, so its tenant is
 * shown in error instead of vanishing.
 */
export class RecordedTenants {
  readonly #platform: PlatformSettings;
  readonly #repository?: GitRepositoryTarget;
  readonly #cluster?: ClusterProvider;
  #recorded?: {
    commit: string;
    tenants: RecordedTenant[];
    broken: BrokenRecord[];
  };
  /**
   * Each tenant's manifest check by the contents of its folder: a new commit
   * changes one folder, so only that tenant is rendered again. Keyed by
   * content, so it can never disagree with another replica.
   */
  readonly #manifestChecks = new Map<
    string,
    { key: string; check: StatusCheck }
  >();
  /** Each cluster tenant's plan by its record, which a list reads again each time. */
  readonly #clusterPlans = new Map<
    string,
    { key: string; read: RecordedTenant | { broken: BrokenRecord } }
  >();

  constructor(options: {
    platform: PlatformSettings;
    /** The GitOps repository, when delivery is `gitops`. */
    repository?: GitRepositoryTarget;
    /** The cluster whose record ConfigMaps to read, when delivery is `cluster`. */
    cluster?: ClusterProvider;
  }) {
    this.#platform = options.platform;
    this.#repository = options.repository;
    this.#cluster = options.cluster;
  }

  /** How many tenants' plans and manifest checks are kept between reads. */
  get keptTenants(): number {
    return this.#manifestChecks.size + this.#clusterPlans.size;
  }

  /** Why the records cannot list every tenant, when they cannot. */
  get incomplete(): string | undefined {
    return this.#repository || this.#cluster
      ? undefined
      : 'Without tenantMesh.delivery no tenant records are read, so tenants onboarded elsewhere are not listed.';
  }

  /**
   * Every recorded tenant, read and planned once per commit of main: a
   * commit's files never change, so another replica at the same commit has
   * the same plans, and a new commit is read again.
   */
  async all(credentials: BackstageCredentials): Promise<{
    tenants: RecordedTenant[];
    broken: BrokenRecord[];
  }> {
    if (this.#cluster) {
      return this.#allOnCluster(credentials);
    }
    const repository = this.#repository;
    const commit = await repository?.head();
    if (!repository || !commit) {
      return { tenants: [], broken: [] };
    }
    if (this.#recorded?.commit !== commit) {
      const [{ records, problems }, listing] = await Promise.all([
        readTenantRecords(repository, { commit }),
        repository.listFiles(TENANTS, { commit }),
      ]);
      const folders = filesByTenant(listing);
      const broken = problems.map(p =>
        brokenRecord(
          p.tenantId,
          { source: 'gitops', path: p.path, commit },
          p.message,
        ),
      );
      const tenants = records.flatMap(spec => {
        const read = this.#planRecord(spec, commit, folders.get(spec.tenantId));
        if ('broken' in read) {
          broken.push(read.broken);
          return [];
        }
        return [read];
      });
      keepOnly(this.#manifestChecks, new Set(records.map(r => r.tenantId)));
      this.#recorded = { commit, tenants, broken };
    }
    return this.#recorded;
  }

  /**
   * One tenant, reading only its folder; or why its record cannot be used.
   *
   * @throws NotFoundError when the tenant has no record.
   */
  async one(
    tenantId: string,
    credentials: BackstageCredentials,
  ): Promise<RecordedTenant | { broken: BrokenRecord; host: string }> {
    if (this.#cluster) {
      return this.#oneOnCluster(tenantId, credentials);
    }
    const repository = this.#repository;
    if (!repository) {
      throw new NotFoundError(
        `Tenant ${tenantId} is not recorded: without tenantMesh.delivery no tenant records are read`,
      );
    }
    const path = tenantRecordPath(tenantId);
    const commit = await repository.head();
    const [read, listing] = commit
      ? await Promise.all([
          readTenantRecord(repository, tenantId, { commit }),
          repository.listFiles(`${TENANTS}${tenantId}/`, { commit }),
        ])
      : [undefined, []];
    if (!read || !commit) {
      throw new NotFoundError(`Tenant ${tenantId} has no record ${path}`);
    }
    const record: TenantRecordRef = { source: 'gitops', path, commit };
    if (!('spec' in read)) {
      return { broken: brokenRecord(tenantId, record, read.message), host: '' };
    }
    const tenant = this.#planRecord(
      read.spec,
      commit,
      filesByTenant(listing).get(tenantId),
    );
    return 'broken' in tenant ? { ...tenant, host: read.spec.host } : tenant;
  }

  /** A record planned, with its manifest check; or why it cannot be planned. */
  #planRecord(
    spec: TenantSpec,
    commit: string,
    files: CommittedFiles = new Map(),
  ): RecordedTenant | { broken: BrokenRecord } {
    const record: TenantRecordRef = {
      source: 'gitops',
      path: tenantRecordPath(spec.tenantId),
      commit,
    };
    let plan: TenantPlan;
    try {
      plan = planTenant({ spec, platform: this.#platform });
    } catch (error) {
      return {
        broken: brokenRecord(spec.tenantId, record, rulesBroken(error, record)),
      };
    }
    const key = contentKey(files);
    let memo = this.#manifestChecks.get(spec.tenantId);
    if (memo?.key !== key) {
      memo = { key, check: gitopsManifestsCheck({ plan, record, files }) };
      this.#manifestChecks.set(spec.tenantId, memo);
    }
    return { plan, record, manifests: memo.check };
  }

  /** The record ConfigMaps of every tenant, in one list, planned. */
  async #allOnCluster(credentials: BackstageCredentials): Promise<{
    tenants: RecordedTenant[];
    broken: BrokenRecord[];
  }> {
    const { records, problems } = await this.#readCluster(credentials, reader =>
      readClusterTenantRecords(reader),
    );
    const broken = problems.map(p =>
      brokenRecord(p.tenantId, clusterRecord(p.path), p.message),
    );
    const tenants = records.flatMap(spec => {
      const read = this.#planClusterRecord(spec);
      if ('broken' in read) {
        broken.push(read.broken);
        return [];
      }
      return [read];
    });
    keepOnly(this.#clusterPlans, new Set(records.map(r => r.tenantId)));
    return { tenants, broken };
  }

  /**
   * One tenant's record ConfigMap, planned.
   *
   * @throws NotFoundError when the cluster holds no record of the tenant.
   */
  async #oneOnCluster(
    tenantId: string,
    credentials: BackstageCredentials,
  ): Promise<RecordedTenant | { broken: BrokenRecord; host: string }> {
    const read = await this.#readCluster(credentials, reader =>
      readClusterTenantRecord(reader, tenantId),
    );
    if (!read) {
      throw new NotFoundError(
        `Tenant ${tenantId} has no record on the cluster (a ConfigMap labelled tenant-mesh.io/record=true and tenant-mesh.io/tenant=${tenantId}); deliver it with Create Tenant`,
      );
    }
    if (!('spec' in read)) {
      return {
        broken: brokenRecord(tenantId, clusterRecord(read.path), read.message),
        host: '',
      };
    }
    const tenant = this.#planClusterRecord(read.spec);
    return 'broken' in tenant ? { ...tenant, host: read.spec.host } : tenant;
  }

  /**
   * Reads the cluster's records within the read timeout. Unlike the live
   * objects, which a status can go without, the records are what there is
   * to show: without them the answer is an error, not an empty list.
   */
  async #readCluster<T>(
    credentials: BackstageCredentials,
    read: (reader: KubernetesReader) => Promise<T>,
  ): Promise<T> {
    const cluster = this.#cluster;
    if (!cluster) {
      throw new Error('RecordedTenants has no cluster to read records from');
    }
    try {
      return await withinReadTimeout(
        cluster.reader({ credentials }).then(read),
      );
    } catch (error) {
      throw new ServiceUnavailableError(
        `The tenant records of the cluster (${
          cluster.description
        }) could not be read: ${problemText(
          error,
        )}. Check that it is reachable with the configured credentials.`,
        isError(error) ? error : undefined,
      );
    }
  }

  /** A record of the cluster planned, again only when the record changed. */
  #planClusterRecord(
    spec: TenantSpec,
  ): RecordedTenant | { broken: BrokenRecord } {
    const key = JSON.stringify(spec);
    const memo = this.#clusterPlans.get(spec.tenantId);
    if (memo?.key === key) {
      return memo.read;
    }
    const namespace = tenantNames(
      spec.tenantId,
      this.#platform,
    ).tenantNamespace;
    const record = clusterRecord(
      `ConfigMap ${namespace}/${TENANT_RECORD_CONFIG_MAP}`,
    );
    let read: RecordedTenant | { broken: BrokenRecord };
    try {
      read = { plan: planTenant({ spec, platform: this.#platform }), record };
    } catch (error) {
      read = {
        broken: brokenRecord(spec.tenantId, record, rulesBroken(error, record)),
      };
    }
    this.#clusterPlans.set(spec.tenantId, { key, read });
    return read;
  }
}
