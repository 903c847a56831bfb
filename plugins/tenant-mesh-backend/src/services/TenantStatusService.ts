import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_HOST,
  ANNOTATION_TENANT_ID,
  ANNOTATION_USER_POOL_ID,
  KubernetesObject,
  PlatformSettings,
  planTenant,
  StatusCheck,
  StatusClusterInfo,
  TENANT_ID_PATTERN,
  TENANT_LABEL,
  TenantList,
  TenantPlan,
  TenantSpec,
  TenantStatus,
  TenantSummary,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  readTenantRecord,
  readTenantRecords,
  TenantCognito,
  TenantCognitoStatus,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  cognitoChecks,
  cognitoUnknownChecks,
  issuerCheck,
} from './status/authChecks';
import { loginProbeCheck } from './status/loginProbe';
import { SharedLookup, sharedLookupOf } from './status/sharedLookup';
import {
  ClusterSnapshot,
  ConfigMapRef,
  kindsOf,
  readSnapshot,
} from './status/snapshot';
import {
  authSection,
  clusterAuthChecks,
  lintSection,
  overall,
  podsSection,
  routingSection,
  TenantView,
} from './status/tenantSections';

/** Seconds a snapshot of the cluster or of Cognito is reused. */
const CACHE_TTL_MS = 5_000;
const TENANT_ENTITY = { kind: 'Resource', 'spec.type': 'tenant' };
const tenantIdPattern = new RegExp(TENANT_ID_PATTERN);

/** Seconds Cognito or the cluster may take before the status says so. */
const READ_TIMEOUT_MS = 5_000;

/** A tenant whose record cannot be read or planned, and why. */
interface BrokenRecord {
  tenantId: string;
  path: string;
  /** A sentence naming the file, the problem and the fix. */
  reason: string;
}

/** Rejects with `message` when `promise` takes longer than `ms`. */
async function within<T>(
  promise: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const problemText = (error: unknown) =>
  isError(error) ? error.message : String(error);

/** A snapshot of the cluster, or why a configured cluster gave none. */
interface SnapshotRead {
  snapshot?: ClusterSnapshot;
  failure?: string;
}

const brokenReason = (path: string, problem: string) =>
  `The record ${path} cannot be used: ${problem.replace(
    /\s*\n\s*/g,
    ' ',
  )}. Fix the file in the GitOps repository; until then nothing of this tenant is checked.`;

/** Options of both reads. */
export interface StatusReadOptions {
  /** Skip the cached snapshots and read the cluster and Cognito again. */
  fresh?: boolean;
  /** The caller's; the catalog shows only what the caller may see. */
  credentials: BackstageCredentials;
}

/** A tenant's row of the list, before the caller's catalog view is added. */
type CachedSummary = Omit<TenantSummary, 'owner' | 'entityRef'>;

/**
 * The status of tenants: what is recorded (the GitOps records), what is
 * planned for it, and what the cluster and Cognito say. Reads of the cluster
 * are a fixed set of lists whatever the number of tenants.
 */
export class TenantStatusService {
  readonly #platform: PlatformSettings;
  readonly #repository?: GitRepositoryTarget;
  readonly #cluster?: ClusterProvider;
  readonly #clusterConfigKey?: string;
  readonly #cognito: TenantCognito;
  readonly #catalog: CatalogService;
  readonly #cache: CacheService;
  readonly #logger: LoggerService;
  readonly #loginProbeGatewayUrl?: string;
  readonly #meshConfigMap: ConfigMapRef;
  readonly #secretsDelivered: boolean;
  /** The plans at the last commit of main the list read; see #plans. */
  #recorded?: { commit: string; plans: TenantPlan[]; broken: BrokenRecord[] };

  constructor(options: {
    platform: PlatformSettings;
    repository?: GitRepositoryTarget;
    cluster?: { provider: ClusterProvider; configKey: string };
    cognito: TenantCognito;
    catalog: CatalogService;
    cache: CacheService;
    logger: LoggerService;
    loginProbeGatewayUrl?: string;
    /** Where istiod keeps meshConfig; `istio-system/istio` when unset. */
    meshConfigMap?: ConfigMapRef;
    /**
     * Whether onboarding writes the oauth2-proxy Secret to a cluster; the
     * GitOps target without a secrets cluster never does. Default true.
     */
    secretsDelivered?: boolean;
  }) {
    this.#platform = options.platform;
    this.#repository = options.repository;
    this.#cluster = options.cluster?.provider;
    this.#clusterConfigKey = options.cluster?.configKey;
    this.#cognito = options.cognito;
    this.#catalog = options.catalog;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#loginProbeGatewayUrl = options.loginProbeGatewayUrl;
    this.#secretsDelivered = options.secretsDelivered ?? true;
    this.#meshConfigMap = options.meshConfigMap ?? {
      namespace: 'istio-system',
      name: 'istio',
    };
  }

  /**
   * The status of one recorded tenant.
   *
   * @throws InputError for a malformed id; NotFoundError for an id no
   *   record has.
   */
  async getStatus(
    tenantId: string,
    options: StatusReadOptions,
  ): Promise<TenantStatus> {
    if (!tenantIdPattern.test(tenantId)) {
      throw new InputError(
        `Tenant id ${JSON.stringify(tenantId)} is not a lowercase DNS label`,
      );
    }
    const spec = await this.#record(tenantId);
    const entity = await this.#entityOf(tenantId, options.credentials);
    if ('reason' in spec) {
      return this.#brokenStatus(
        spec,
        entity?.metadata.annotations?.[ANNOTATION_HOST] ?? '',
      );
    }
    let plan: TenantPlan;
    try {
      plan = this.#plan(spec);
    } catch (error) {
      return this.#brokenStatus(
        {
          tenantId,
          path: tenantRecordPath(tenantId),
          reason: brokenReason(
            tenantRecordPath(tenantId),
            `it breaks the platform's rules (${problemText(error)})`,
          ),
        },
        spec.host,
      );
    }

    const userPoolId =
      spec.identity?.userPoolId ??
      entity?.metadata.annotations?.[ANNOTATION_USER_POOL_ID];
    const [snapshot, cognito] = await Promise.all([
      this.#snapshot({ tenantId, kinds: kindsOf([plan]), ...options }),
      this.#cognitoChecks({ plan, userPoolId, fresh: options.fresh }),
    ]);

    const view = this.#viewOf(
      plan,
      snapshot.snapshot,
      sharedLookupOf(snapshot.snapshot?.shared),
      snapshot.failure,
    );
    const routing = routingSection(view);
    const auth = authSection(
      [...cognito.checks, ...clusterAuthChecks(view)],
      cognito.hostedUiUrl,
    );
    const pods = podsSection(view);
    const lint = lintSection(view);

    return {
      tenantId,
      host: plan.spec.host,
      ...overall([
        ['Routing', routing],
        ['Auth', auth],
        ['Pods', pods],
        ['Lint', lint],
      ]),
      checkedAt: snapshot.snapshot?.readAt ?? new Date().toISOString(),
      cluster: this.#clusterInfo(),
      record: { source: 'gitops', path: tenantRecordPath(tenantId) },
      routing,
      auth,
      pods,
      lint,
    };
  }

  /**
   * The answer for a tenant whose record is there but unusable: every card
   * shows why, instead of an error about the request.
   */
  #brokenStatus(broken: BrokenRecord, host: string): TenantStatus {
    const section = { state: 'error' as const, reason: broken.reason };
    return {
      tenantId: broken.tenantId,
      host,
      ...section,
      checkedAt: new Date().toISOString(),
      cluster: this.#clusterInfo(),
      record: { source: 'gitops', path: broken.path },
      routing: { ...section, path: [], authorizer: [] },
      auth: { ...section, checks: [] },
      pods: { ...section, namespaces: [] },
      lint: { ...section, findings: [] },
    };
  }

  /**
   * Every recorded tenant with its overall state, from one snapshot of the
   * cluster shared by all of them. Cognito is not called per tenant here
   * (one scan per tenant would not scale): the auth state of a row covers
   * oauth2-proxy and its Secret only; the tenant's status checks Cognito.
   */
  async listTenants(options: StatusReadOptions): Promise<TenantList> {
    const [rows, catalog] = await Promise.all([
      this.#summaries(options),
      this.#catalogTenants(options.credentials),
    ]);
    return {
      items: rows.items.map(row => ({
        ...row,
        ...catalog.get(row.tenantId),
      })),
      checkedAt: rows.checkedAt,
      cluster: this.#clusterInfo(),
    };
  }

  async #summaries(
    options: StatusReadOptions,
  ): Promise<{ items: CachedSummary[]; checkedAt: string }> {
    // The rows, not the raw snapshot of every tenant's objects, are cached:
    // with thousands of tenants the snapshot is tens of megabytes.
    const key = 'list:summaries';
    if (!options.fresh) {
      const cached = (await this.#cache.get(key)) as
        | { items: CachedSummary[]; checkedAt: string }
        | undefined;
      if (cached) {
        return cached;
      }
    }
    const { plans, broken } = await this.#plans();
    const { snapshot, failure } = await this.#readSnapshot({
      kinds: kindsOf(plans),
      credentials: options.credentials,
    });
    const byTenant = new Map<string, KubernetesObject[]>();
    for (const object of snapshot?.tenantObjects ?? []) {
      const tenantId = object.metadata.labels?.[TENANT_LABEL] ?? '';
      const objects = byTenant.get(tenantId) ?? [];
      objects.push(object);
      byTenant.set(tenantId, objects);
    }

    // The shared objects are parsed once here, not once per tenant.
    const lookup = sharedLookupOf(snapshot?.shared);
    const items = plans.map(plan =>
      this.#summaryOf(
        this.#viewOf(
          plan,
          snapshot && {
            ...snapshot,
            tenantObjects: byTenant.get(plan.spec.tenantId) ?? [],
          },
          lookup,
          failure,
        ),
      ),
    );
    // A record that cannot be used stays in the list, in error, so nobody
    // mistakes its tenant for gone.
    for (const record of broken) {
      items.push({
        tenantId: record.tenantId,
        host: '',
        state: 'error',
        reason: record.reason,
        routing: 'unknown',
        auth: 'unknown',
        pods: 'unknown',
      });
    }
    items.sort((a, b) => a.tenantId.localeCompare(b.tenantId));
    const rows = {
      items,
      checkedAt: snapshot?.readAt ?? new Date().toISOString(),
    };
    await this.#cache.set(key, rows, { ttl: CACHE_TTL_MS });
    return rows;
  }

  #summaryOf(view: TenantView): CachedSummary {
    const routing = routingSection(view);
    const pods = podsSection(view);
    const authChecks = clusterAuthChecks(view);
    const authState = worstState(authChecks.map(c => c.state));
    const authWorst = authChecks.find(c => c.state === authState);
    const auth = {
      state: authState,
      reason:
        authState === 'ok'
          ? 'oauth2-proxy and its Secret are in place; Cognito is not checked in the list, open the tenant for it.'
          : `${authWorst?.reason ?? ''} Cognito is not checked in the list.`,
    };
    return {
      tenantId: view.plan.spec.tenantId,
      host: view.plan.spec.host,
      ...overall([
        ['Routing', routing],
        ['Auth', auth],
        ['Pods', pods],
      ]),
      routing: routing.state,
      auth: auth.state,
      pods: pods.state,
    };
  }

  #viewOf(
    plan: TenantPlan,
    snapshot: ClusterSnapshot | undefined,
    lookup: SharedLookup,
    /** Why a configured cluster gave no snapshot. */
    failure?: string,
  ): TenantView {
    return {
      plan,
      platform: this.#platform,
      snapshot,
      lookup,
      objects: snapshot?.tenantObjects ?? [],
      noClusterReason:
        failure ??
        'No cluster configured: set tenantMesh.status.cluster (or tenantMesh.delivery.cluster, or tenantMesh.delivery.gitops.secretsCluster) to check the live objects.',
      secretsDelivered: this.#secretsDelivered,
    };
  }

  #clusterInfo(): StatusClusterInfo {
    return this.#cluster
      ? {
          configured: true,
          description: `${this.#cluster.description} (${
            this.#clusterConfigKey
          })`,
        }
      : { configured: false };
  }

  #plan(spec: TenantSpec): TenantPlan {
    return planTenant({ spec, platform: this.#platform });
  }

  /**
   * The plans of every recorded tenant, read and planned once per commit of
   * main: a commit's files never change, so another replica at the same
   * commit has the same plans, and a new commit is read again.
   */
  async #plans(): Promise<{ plans: TenantPlan[]; broken: BrokenRecord[] }> {
    const commit = await this.#repository?.head();
    if (!this.#repository || !commit) {
      // TODO: list the tenants of the cluster target from the shared Gateway.
      return { plans: [], broken: [] };
    }
    if (this.#recorded?.commit !== commit) {
      const { records, problems } = await readTenantRecords(this.#repository, {
        commit,
      });
      const broken: BrokenRecord[] = problems.map(problem => ({
        tenantId: problem.path.split('/')[1] ?? problem.path,
        path: problem.path,
        reason: brokenReason(problem.path, problem.message),
      }));
      this.#recorded = {
        commit,
        plans: this.#plansOf(records, broken),
        broken,
      };
    }
    return this.#recorded;
  }

  #plansOf(specs: TenantSpec[], broken: BrokenRecord[]): TenantPlan[] {
    return specs.flatMap(spec => {
      try {
        return [this.#plan(spec)];
      } catch (error) {
        const path = tenantRecordPath(spec.tenantId);
        broken.push({
          tenantId: spec.tenantId,
          path,
          reason: brokenReason(
            path,
            `it breaks the platform's rules (${problemText(error)})`,
          ),
        });
        return [];
      }
    });
  }

  async #record(tenantId: string): Promise<TenantSpec | BrokenRecord> {
    if (!this.#repository) {
      // TODO: find a tenant of the cluster target on the shared Gateway.
      throw new NotFoundError(
        `Tenant ${tenantId} is not recorded: only tenantMesh.delivery.target gitops keeps records the status can read`,
      );
    }
    // Only this tenant's record is read, along its path.
    const read = await readTenantRecord(this.#repository, tenantId);
    if (!read) {
      throw new NotFoundError(
        `Tenant ${tenantId} has no record ${tenantRecordPath(tenantId)}`,
      );
    }
    if (!('spec' in read)) {
      return {
        tenantId,
        path: read.path,
        reason: brokenReason(read.path, read.message),
      };
    }
    return read.spec;
  }

  async #snapshot(options: {
    tenantId: string;
    kinds: ReturnType<typeof kindsOf>;
    fresh?: boolean;
    credentials: BackstageCredentials;
  }): Promise<SnapshotRead> {
    const key = `snapshot:${options.tenantId}`;
    if (!options.fresh) {
      const cached = (await this.#cache.get(key)) as
        | ClusterSnapshot
        | undefined;
      if (cached) {
        return { snapshot: cached };
      }
    }
    const read = await this.#readSnapshot(options);
    if (read.snapshot) {
      await this.#cache.set(key, read.snapshot as never, {
        ttl: CACHE_TTL_MS,
      });
    }
    return read;
  }

  async #readSnapshot(options: {
    tenantId?: string;
    kinds: ReturnType<typeof kindsOf>;
    credentials: BackstageCredentials;
  }): Promise<SnapshotRead> {
    const cluster = this.#cluster;
    if (!cluster) {
      return {};
    }
    const { tenantId, kinds, credentials } = options;
    try {
      // The cluster is read with its service account; the caller's
      // credentials only find a cluster entity in the catalog.
      const snapshot = await within(
        cluster.reader({ credentials }).then(reader =>
          readSnapshot({
            reader,
            platform: this.#platform,
            tenantId,
            kinds,
            meshConfigMap: this.#meshConfigMap,
          }),
        ),
        READ_TIMEOUT_MS,
        `no answer within ${READ_TIMEOUT_MS / 1000} s`,
      );
      return { snapshot };
    } catch (error) {
      // A cluster that is down must not hide what Cognito and the plan say.
      this.#logger.warn('Could not read the cluster for a status', {
        error: problemText(error),
      });
      return {
        failure: `The cluster (${
          cluster.description
        }) could not be read: ${problemText(
          error,
        )}. Check that it is reachable with the configured credentials.`,
      };
    }
  }

  async #cognitoChecks(options: {
    plan: TenantPlan;
    userPoolId?: string;
    fresh?: boolean;
  }): Promise<{ checks: StatusCheck[]; hostedUiUrl?: string }> {
    const { plan, userPoolId, fresh } = options;
    const tenantId = plan.spec.tenantId;
    let cognito: TenantCognitoStatus;
    try {
      cognito = await within(
        this.#describeCognito({ plan, userPoolId, fresh }),
        READ_TIMEOUT_MS,
        `no answer within ${READ_TIMEOUT_MS / 1000} s`,
      );
    } catch (error) {
      // Errors of the Cognito client name the operation, never a secret.
      const reason = `Cognito could not be read: ${problemText(error)}.`;
      this.#logger.warn('Could not read Cognito for a status', {
        tenantId,
        error: problemText(error),
      });
      return { checks: cognitoUnknownChecks(plan, reason) };
    }
    const { checks, hostedUiUrl } = cognitoChecks(plan, cognito);
    const clientId = plan.spec.identity?.clientId ?? cognito.client?.clientId;
    const extra = await Promise.all([
      issuerCheck({
        plan,
        platform: this.#platform,
        userPoolId: cognito.pool?.userPoolId,
        poolExists: Boolean(cognito.pool),
      }),
      ...(this.#loginProbeGatewayUrl
        ? [
            loginProbeCheck({
              plan,
              gatewayUrl: this.#loginProbeGatewayUrl,
              clientId,
            }),
          ]
        : []),
    ]);
    return { checks: [...checks, ...extra], hostedUiUrl };
  }

  async #describeCognito(options: {
    plan: TenantPlan;
    userPoolId?: string;
    fresh?: boolean;
  }): Promise<TenantCognitoStatus> {
    const { plan, userPoolId, fresh } = options;
    const key = `cognito:${plan.spec.tenantId}`;
    if (!fresh) {
      const cached = (await this.#cache.get(key)) as
        | TenantCognitoStatus
        | undefined;
      if (cached) {
        return cached;
      }
    }
    // The summary carries whether the client has a secret, never the secret.
    const described = await this.#cognito.describeTenant(
      plan.spec.tenantId,
      plan.cognito,
      { userPoolId },
    );
    await this.#cache.set(key, described as never, { ttl: CACHE_TTL_MS });
    return described;
  }

  async #entityOf(tenantId: string, credentials: BackstageCredentials) {
    const { items } = await this.#catalog.getEntities(
      {
        filter: [
          { ...TENANT_ENTITY, 'metadata.name': tenantId },
          {
            ...TENANT_ENTITY,
            [`metadata.annotations.${ANNOTATION_TENANT_ID}`]: tenantId,
          },
        ],
        fields: ['kind', 'metadata', 'spec.owner'],
      },
      { credentials },
    );
    return items[0];
  }

  /** Owner and entity ref of every tenant the caller may see, by tenant id. */
  async #catalogTenants(
    credentials: BackstageCredentials,
  ): Promise<Map<string, { owner?: string; entityRef: string }>> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: TENANT_ENTITY,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    );
    return new Map(
      items.map(entity => [
        entity.metadata.annotations?.[ANNOTATION_TENANT_ID] ??
          entity.metadata.name,
        {
          entityRef: stringifyEntityRef(entity),
          ...(typeof entity.spec?.owner === 'string'
            ? { owner: entity.spec.owner }
            : {}),
        },
      ]),
    );
  }
}
