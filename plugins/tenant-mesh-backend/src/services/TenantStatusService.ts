import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_HOST,
  ANNOTATION_TENANT_ID,
  ANNOTATION_USER_POOL_ID,
  KubernetesObject,
  PlatformSettings,
  StatusClusterInfo,
  TENANT_ID_PATTERN,
  TENANT_LABEL,
  TenantList,
  TenantPlan,
  TenantStatus,
  TenantSummary,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  TenantCognito,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { ClusterSnapshots } from './status/clusterSnapshots';
import { CognitoStatus } from './status/cognitoStatus';
import { CACHE_TTL_MS } from './status/deadline';
import { BrokenRecord, RecordedTenants } from './status/recordedTenants';
import { SharedLookup, sharedLookupOf } from './status/sharedLookup';
import { ClusterSnapshot, ConfigMapRef, kindsOf } from './status/snapshot';
import {
  authSection,
  clusterAuthChecks,
  lintSection,
  overall,
  podsSection,
  routingSection,
  TenantView,
} from './status/tenantSections';

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
  readonly #records: RecordedTenants;
  readonly #snapshots: ClusterSnapshots;
  readonly #cognito: CognitoStatus;
  readonly #clusterInfo: StatusClusterInfo;
  readonly #catalog: CatalogService;
  readonly #cache: CacheService;
  readonly #secretsDelivered: boolean;

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
    const { platform, cluster, cache, logger } = options;
    this.#platform = platform;
    this.#records = new RecordedTenants({
      platform,
      repository: options.repository,
    });
    this.#snapshots = new ClusterSnapshots({
      platform,
      cluster: cluster?.provider,
      cache,
      logger,
      meshConfigMap: options.meshConfigMap ?? {
        namespace: 'istio-system',
        name: 'istio',
      },
    });
    this.#cognito = new CognitoStatus({
      platform,
      cognito: options.cognito,
      cache,
      logger,
      loginProbeGatewayUrl: options.loginProbeGatewayUrl,
    });
    this.#clusterInfo = cluster
      ? {
          configured: true,
          description: `${cluster.provider.description} (${cluster.configKey})`,
        }
      : { configured: false };
    this.#catalog = options.catalog;
    this.#cache = cache;
    this.#secretsDelivered = options.secretsDelivered ?? true;
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
    const [recorded, entity] = await Promise.all([
      this.#records.one(tenantId),
      this.#entityOf(tenantId, options.credentials),
    ]);
    if ('broken' in recorded) {
      return this.#brokenStatus(
        recorded.broken,
        recorded.host ||
          (entity?.metadata.annotations?.[ANNOTATION_HOST] ?? ''),
      );
    }
    const { plan } = recorded;

    const userPoolId =
      plan.spec.identity?.userPoolId ??
      entity?.metadata.annotations?.[ANNOTATION_USER_POOL_ID];
    const [snapshot, cognito] = await Promise.all([
      this.#snapshots.ofTenant({
        tenantId,
        kinds: kindsOf([plan]),
        ...options,
      }),
      this.#cognito.checks({ plan, userPoolId, fresh: options.fresh }),
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
      cluster: this.#clusterInfo,
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
      cluster: this.#clusterInfo,
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
      cluster: this.#clusterInfo,
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
    const { plans, broken } = await this.#records.all();
    const { snapshot, failure } = await this.#snapshots.read({
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
