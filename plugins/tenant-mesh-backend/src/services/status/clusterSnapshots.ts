import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { PlatformSettings } from '@tenant-mesh/plugin-tenant-mesh-common';
import { ClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
import { CACHE_TTL_MS, problemText, withinReadTimeout } from './deadline';
import { InFlight } from './inFlight';
import {
  ClusterSnapshot,
  ConfigMapRef,
  kindsOf,
  readSnapshot,
} from './snapshot';

/** A snapshot of the cluster, or why a configured cluster gave none. */
export interface SnapshotRead {
  snapshot?: ClusterSnapshot;
  failure?: string;
}

/**
 * Snapshots of the cluster the status reads: none without a cluster, and a
 * failure reason instead of an error when the cluster is down, so Cognito
 * and the plan are still shown.
 */
export class ClusterSnapshots {
  readonly #platform: PlatformSettings;
  readonly #cluster?: ClusterProvider;
  readonly #cache: CacheService;
  readonly #logger: LoggerService;
  readonly #meshConfigMap: ConfigMapRef;
  readonly #inFlight = new InFlight();

  constructor(options: {
    platform: PlatformSettings;
    cluster?: ClusterProvider;
    cache: CacheService;
    logger: LoggerService;
    meshConfigMap: ConfigMapRef;
  }) {
    this.#platform = options.platform;
    this.#cluster = options.cluster;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#meshConfigMap = options.meshConfigMap;
  }

  /** One tenant's objects and the shared ones, cached briefly. */
  async ofTenant(options: {
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
    return this.#inFlight.run(key, async () => {
      const read = await this.read(options);
      if (read.snapshot) {
        await this.#cache.set(key, read.snapshot as never, {
          ttl: CACHE_TTL_MS,
        });
      }
      return read;
    });
  }

  /**
   * One fixed set of reads: one tenant's objects with `tenantId`, every
   * tenant's without; never cached (the list caches its rows instead).
   */
  async read(options: {
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
      const snapshot = await withinReadTimeout(
        cluster.reader({ credentials }).then(reader =>
          readSnapshot({
            reader,
            platform: this.#platform,
            tenantId,
            kinds,
            meshConfigMap: this.#meshConfigMap,
          }),
        ),
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
}
