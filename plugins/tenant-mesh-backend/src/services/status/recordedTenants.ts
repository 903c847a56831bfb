import { NotFoundError } from '@backstage/errors';
import {
  PlatformSettings,
  planTenant,
  StatusCheck,
  TenantPlan,
  TenantRecordRef,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  readTenantRecord,
  readTenantRecords,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { problemText } from './deadline';
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
  /** The tenant's manifests in the repository against the plan. */
  manifests: StatusCheck;
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
const rulesBroken = (error: unknown) =>
  `it breaks the platform's rules (${problemText(
    error,
  )}); fix the record in the GitOps repository, or the tenantMesh setting the rule comes from if that changed since the tenant was recorded`;

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

/** One key for a folder's contents: its paths and blob ids. */
const contentKey = (files: CommittedFiles) =>
  [...files].map(([path, oid]) => `${path}@${oid}`).join('\n');

/**
 * The tenants recorded in the GitOps repository, planned. A record that does
 * not parse or breaks the platform's rules is kept as a BrokenRecord, so its
 * tenant is shown in error instead of vanishing.
 */
export class RecordedTenants {
  readonly #platform: PlatformSettings;
  readonly #repository?: GitRepositoryTarget;
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

  constructor(options: {
    platform: PlatformSettings;
    repository?: GitRepositoryTarget;
  }) {
    this.#platform = options.platform;
    this.#repository = options.repository;
  }

  /** Why the records cannot list every tenant, when they cannot. */
  get incomplete(): string | undefined {
    return this.#repository
      ? undefined
      : 'Only tenants delivered to a GitOps repository (tenantMesh.delivery.target gitops) are recorded where the status can read them; tenants delivered straight to a cluster are not listed.';
  }

  /**
   * Every recorded tenant, read and planned once per commit of main: a
   * commit's files never change, so another replica at the same commit has
   * the same plans, and a new commit is read again.
   */
  async all(): Promise<{
    tenants: RecordedTenant[];
    broken: BrokenRecord[];
  }> {
    const repository = this.#repository;
    const commit = await repository?.head();
    if (!repository || !commit) {
      // TODO: list the tenants of the cluster target, once it keeps records.
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
  ): Promise<RecordedTenant | { broken: BrokenRecord; host: string }> {
    const repository = this.#repository;
    if (!repository) {
      // TODO: find a tenant of the cluster target, once it keeps records.
      throw new NotFoundError(
        `Tenant ${tenantId} is not recorded: only tenantMesh.delivery.target gitops keeps records the status can read`,
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
        broken: brokenRecord(spec.tenantId, record, rulesBroken(error)),
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
}
