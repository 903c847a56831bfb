import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
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
  /** The plans at the last commit of main the list read; see #plans. */
  #recorded?: { commit: string; plans: TenantPlan[] };

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
    const plan = this.#plan(spec);

    const entity = await this.#entityOf(tenantId, options.credentials);
    const userPoolId =
      spec.identity?.userPoolId ??
      entity?.metadata.annotations?.[ANNOTATION_USER_POOL_ID];
    const [snapshot, cognito] = await Promise.all([
      this.#snapshot({ tenantId, kinds: kindsOf([plan]), ...options }),
      this.#cognitoChecks({ plan, userPoolId, fresh: options.fresh }),
    ]);

    const view = this.#viewOf(plan, snapshot, sharedLookupOf(snapshot?.shared));
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
      checkedAt: snapshot?.readAt ?? new Date().toISOString(),
      cluster: this.#clusterInfo(),
      record: { source: 'gitops', path: tenantRecordPath(tenantId) },
      routing,
      auth,
      pods,
      lint,
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
    const plans = await this.#plans();
    const snapshot = await this.#readSnapshot({
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
        ),
      ),
    );
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
  ): TenantView {
    return {
      plan,
      platform: this.#platform,
      snapshot,
      lookup,
      objects: snapshot?.tenantObjects ?? [],
      noClusterReason:
        'No cluster configured: set tenantMesh.status.cluster (or tenantMesh.delivery.cluster, or tenantMesh.delivery.gitops.secretsCluster) to check the live objects.',
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
  async #plans(): Promise<TenantPlan[]> {
    const commit = await this.#repository?.head();
    if (!this.#repository || !commit) {
      // TODO: list the tenants of the cluster target from the shared Gateway.
      return [];
    }
    if (this.#recorded?.commit !== commit) {
      const { records } = await readTenantRecords(this.#repository, {
        commit,
      });
      this.#recorded = { commit, plans: this.#plansOf(records) };
    }
    return this.#recorded.plans;
  }

  #plansOf(specs: TenantSpec[]): TenantPlan[] {
    return specs.flatMap(spec => {
      try {
        return [this.#plan(spec)];
      } catch (error) {
        this.#logger.warn('Skipped an unplannable tenant record', {
          tenantId: spec.tenantId,
          error: isError(error) ? error.message : String(error),
        });
        return [];
      }
    });
  }

  async #record(tenantId: string): Promise<TenantSpec> {
    if (!this.#repository) {
      // TODO: find a tenant of the cluster target on the shared Gateway.
      throw new NotFoundError(
        `Tenant ${tenantId} is not recorded: only tenantMesh.delivery.target gitops keeps records the status can read`,
      );
    }
    // Only this tenant's record is read, along its path.
    const read = await readTenantRecord(this.#repository, tenantId);
    if (!read || !('spec' in read)) {
      throw new NotFoundError(
        `Tenant ${tenantId} has no record ${tenantRecordPath(tenantId)}`,
      );
    }
    return read.spec;
  }

  async #snapshot(options: {
    tenantId: string;
    kinds: ReturnType<typeof kindsOf>;
    fresh?: boolean;
    credentials: BackstageCredentials;
  }): Promise<ClusterSnapshot | undefined> {
    const key = `snapshot:${options.tenantId}`;
    if (!options.fresh) {
      const cached = (await this.#cache.get(key)) as
        | ClusterSnapshot
        | undefined;
      if (cached) {
        return cached;
      }
    }
    const snapshot = await this.#readSnapshot(options);
    if (snapshot) {
      await this.#cache.set(key, snapshot as never, { ttl: CACHE_TTL_MS });
    }
    return snapshot;
  }

  async #readSnapshot(options: {
    tenantId?: string;
    kinds: ReturnType<typeof kindsOf>;
    credentials: BackstageCredentials;
  }): Promise<ClusterSnapshot | undefined> {
    if (!this.#cluster) {
      return undefined;
    }
    // The cluster is read with its service account; the caller's
    // credentials only find a cluster entity in the catalog.
    const reader = await this.#cluster.reader({
      credentials: options.credentials,
    });
    const { tenantId, kinds } = options;
    return readSnapshot({
      reader,
      platform: this.#platform,
      tenantId,
      kinds,
      meshConfigMap: this.#meshConfigMap,
    });
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
      cognito = await this.#describeCognito({ plan, userPoolId, fresh });
    } catch (error) {
      // Errors of the Cognito client name the operation, never a secret.
      const reason = `Cognito could not be read: ${
        isError(error) ? error.message : String(error)
      }`;
      this.#logger.warn('Could not read Cognito for a status', { tenantId });
      return { checks: cognitoUnknownChecks(plan, reason) };
    }
    const { checks, hostedUiUrl } = cognitoChecks(plan, cognito);
    const clientId = plan.spec.identity?.clientId ?? cognito.client?.clientId;
    const extra = await Promise.all([
      issuerCheck({
        plan,
        platform: this.#platform,
        userPoolId: cognito.pool?.userPoolId,
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
