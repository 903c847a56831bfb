import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_HOST,
  ANNOTATION_USER_POOL_ID,
  PlatformSettings,
  StatusClusterInfo,
  maxTenantIdLength,
  TENANT_ID_PATTERN,
  TenantList,
  TenantStatus,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { ClusterSnapshots } from './status/clusterSnapshots';
import { CognitoStatus } from './status/cognitoStatus';
import { CACHE_TTL_MS } from './status/deadline';
import { InFlight } from './status/inFlight';
import { RecordedTenants } from './status/recordedTenants';
import { ConfigMapRef, kindsOf } from './status/snapshot';
import {
  authSection,
  clusterAuthChecks,
  lintSection,
  overall,
  podsSection,
  routingSection,
} from './status/tenantSections';
import { brokenStatus, brokenSummary } from './status/brokenRecord';
import { summaryOf, TenantRow } from './status/tenantSummary';
import { tenantViews, ViewContext } from './status/tenantViews';
import { catalogTenants, tenantEntity } from './tenantEntities';

const tenantIdPattern = new RegExp(TENANT_ID_PATTERN);

/** Options of both reads. */
export interface StatusReadOptions {
  /** Skip the cached snapshots and read the cluster and Cognito again. */
  fresh?: boolean;
  /** The caller's; the catalog shows only what the caller may see. */
  credentials: BackstageCredentials;
}

/**
 * The status of tenants: what is recorded (the GitOps records, or the record
 * ConfigMaps of the cluster target), what is planned for it, and what the
 * cluster and Cognito say. Reads of the cluster are a fixed set of lists
 * whatever the number of tenants.
 */
export class TenantStatusService {
  readonly #context: ViewContext;
  readonly #records: RecordedTenants;
  readonly #snapshots: ClusterSnapshots;
  readonly #cognito: CognitoStatus;
  readonly #clusterInfo: StatusClusterInfo;
  readonly #catalog: CatalogService;
  readonly #cache: CacheService;
  readonly #inFlight = new InFlight();

  constructor(options: {
    platform: PlatformSettings;
    repository?: GitRepositoryTarget;
    cluster?: { provider: ClusterProvider; configKey: string };
    /** The cluster whose record ConfigMaps list the tenants (delivery target `cluster`). */
    recordsCluster?: ClusterProvider;
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
    this.#context = {
      platform,
      secretsDelivered: options.secretsDelivered ?? true,
    };
    this.#records = new RecordedTenants({
      platform,
      repository: options.repository,
      cluster: options.recordsCluster,
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
    const max = maxTenantIdLength(this.#context.platform);
    if (tenantId.length > max) {
      // Not echoed: an id of any length would otherwise come back whole.
      throw new InputError(
        `Tenant id must be at most ${max} characters, got ${tenantId.length}`,
      );
    }
    if (!tenantIdPattern.test(tenantId)) {
      throw new InputError(
        `Tenant id ${JSON.stringify(tenantId)} is not a lowercase DNS label`,
      );
    }
    const [recorded, entity] = await Promise.all([
      this.#records.one(tenantId, options.credentials),
      tenantEntity(this.#catalog, tenantId, options.credentials),
    ]);
    if ('broken' in recorded) {
      return brokenStatus({
        broken: recorded.broken,
        host:
          recorded.host ||
          (entity?.metadata.annotations?.[ANNOTATION_HOST] ?? ''),
        cluster: this.#clusterInfo,
      });
    }
    const { plan } = recorded;

    const userPoolId =
      plan.spec.identity?.userPoolId ??
      entity?.metadata.annotations?.[ANNOTATION_USER_POOL_ID];
    const [read, cognito] = await Promise.all([
      this.#snapshots.ofTenant({
        tenantId,
        kinds: kindsOf([plan]),
        ...options,
      }),
      this.#cognito.checks({ plan, userPoolId, fresh: options.fresh }),
    ]);

    const [view] = tenantViews({
      tenants: [recorded],
      read,
      context: this.#context,
    });
    const routing = routingSection(view);
    const auth = authSection(
      [...cognito.checks, ...clusterAuthChecks(view)],
      cognito.hostedUiUrl,
    );
    const pods = podsSection(view);

    return {
      tenantId,
      host: plan.spec.host,
      ...overall({ auth, routing, pods }),
      checkedAt: read.snapshot?.readAt ?? new Date().toISOString(),
      cluster: this.#clusterInfo,
      record: recorded.record,
      routing,
      auth,
      pods,
      lint: lintSection(view),
    };
  }

  /**
   * Every recorded tenant with its overall state, from one snapshot of the
   * cluster shared by all of them. Cognito is not called per tenant here
   * (one scan per tenant would not scale): the auth state of a row covers
   * the provider, oauth2-proxy and its Secret; the tenant's status checks
   * Cognito.
   */
  async listTenants(options: StatusReadOptions): Promise<TenantList> {
    const [rows, catalog] = await Promise.all([
      this.#summaries(options),
      catalogTenants(this.#catalog, options.credentials),
    ]);
    const incomplete = this.#records.incomplete;
    return {
      items: rows.items.map(row => ({
        ...row,
        ...catalog.get(row.tenantId),
      })),
      checkedAt: rows.checkedAt,
      cluster: this.#clusterInfo,
      ...(incomplete ? { incomplete } : {}),
    };
  }

  async #summaries(
    options: StatusReadOptions,
  ): Promise<{ items: TenantRow[]; checkedAt: string }> {
    // The rows, not the raw snapshot of every tenant's objects, are cached:
    // with thousands of tenants the snapshot is tens of megabytes.
    const key = 'list:summaries';
    if (!options.fresh) {
      const cached = (await this.#cache.get(key)) as
        | { items: TenantRow[]; checkedAt: string }
        | undefined;
      if (cached) {
        return cached;
      }
    }
    return this.#inFlight.run(key, () => this.#readSummaries(key, options));
  }

  async #readSummaries(
    key: string,
    options: StatusReadOptions,
  ): Promise<{ items: TenantRow[]; checkedAt: string }> {
    const { tenants, broken } = await this.#records.all(options.credentials);
    const read = await this.#snapshots.read({
      kinds: kindsOf(tenants.map(t => t.plan)),
      credentials: options.credentials,
    });
    const items = [
      ...tenantViews({ tenants, read, context: this.#context }).map(summaryOf),
      // A record that cannot be used stays in the list, in error, so nobody
      // mistakes its tenant for gone.
      ...broken.map(brokenSummary),
    ].sort((a, b) => a.tenantId.localeCompare(b.tenantId));
    const rows = {
      items,
      checkedAt: read.snapshot?.readAt ?? new Date().toISOString(),
    };
    await this.#cache.set(key, rows, { ttl: CACHE_TTL_MS });
    return rows;
  }
}
