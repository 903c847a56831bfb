import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { InputError, stringifyError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { PlatformSettings } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  readClusterTenantRecords,
  readTenantRecords,
  TenantRecords,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  tenantClusterLocationRef,
  tenantLocationRef,
  tenantToEntity,
} from '../entity/tenantToEntity';
import { validateTenantEntity } from '../entity/validateTenantEntity';
import { TenantRecordSource } from '../readTenantCatalogConfig';
import { RepeatedWarnings } from './RepeatedWarnings';

/** What a TenantEntityProvider needs. @public */
export interface TenantEntityProviderOptions {
  source: TenantRecordSource;
  platform: PlatformSettings;
  logger: LoggerService;
  /** Runs the refresh; from `scheduler.createScheduledTaskRunner`. */
  taskRunner: SchedulerServiceTaskRunner;
  /**
   * The cluster of `tenantMesh.delivery.cluster`, read with the plugin's own
   * credentials (they find a cluster entity in the catalog); required for
   * the cluster source.
   */
  cluster?: {
    provider: ClusterProvider;
    auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  };
}

const PROVIDER_NAME = 'tenant-mesh';

/**
 * Puts every tenant recorded by Tenant Mesh into the catalog, as a Resource
 * of type `tenant`. On each scheduled run it reads the records (of the GitOps
 * repository, or the record ConfigMaps of the cluster target) and replaces
 * all of its entities at once (a full mutation), so an offboarded tenant's
 * entity disappears with its record.
 *
 * @public
 */
export class TenantEntityProvider implements EntityProvider {
  /** Id of the scheduled refresh, unique within the catalog plugin. */
  static readonly TASK_ID = `${PROVIDER_NAME}:refresh`;

  readonly #source: TenantRecordSource;
  readonly #platform: PlatformSettings;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #warnings: RepeatedWarnings;
  /** Set for the gitops target. */
  readonly #gitops?: {
    repository: GitRepositoryTarget;
    repositoryPath: string;
  };
  /** Set for the cluster target. */
  readonly #cluster?: TenantEntityProviderOptions['cluster'];
  #connection?: EntityProviderConnection;
  /** The records of the last commit read, keyed by that commit. */
  #lastRead?: { commit: string; records: TenantRecords };

  constructor(options: TenantEntityProviderOptions) {
    this.#source = options.source;
    this.#platform = options.platform;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
    this.#warnings = new RepeatedWarnings(this.#logger);
    if (options.source.target === 'gitops') {
      const { repositoryPath } = options.source;
      this.#gitops = {
        repository: new GitRepositoryTarget({ dir: repositoryPath }),
        repositoryPath,
      };
    }
    if (options.source.target === 'cluster') {
      if (!options.cluster) {
        throw new InputError(
          'TenantEntityProvider reads the cluster target only with a cluster; pass the cluster of tenantMesh.delivery.cluster',
        );
      }
      this.#cluster = options.cluster;
    }
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;

    if (this.#source.target === 'none') {
      this.#logger.info('Tenant entities are not provided', {
        reason: 'no tenantMesh.delivery config, so no tenant is onboarded',
      });
      return;
    }

    await this.#taskRunner.run({
      id: TenantEntityProvider.TASK_ID,
      fn: () => this.refresh(),
    });
  }

  /**
   * Reads the records and applies them as a full mutation. A record that does
   * not parse, or whose entity is invalid, is logged and left out; the other
   * tenants are still emitted.
   */
  async refresh(): Promise<void> {
    if (!this.#connection) {
      throw new Error('TenantEntityProvider is not connected to the catalog');
    }
    const gitops = this.#gitops;
    const read = gitops
      ? {
          ...(await this.#readRecords(gitops.repository)),
          locationOf: (tenantId: string) =>
            tenantLocationRef(gitops.repositoryPath, tenantId),
        }
      : await this.#readClusterRecords();
    if (!read) {
      return;
    }
    const { records, problems, locationOf } = read;

    for (const { path, message } of problems) {
      this.#warnings.warn(
        `${path}: ${message}`,
        'Skipped a tenant record that does not parse',
        { path, problem: message },
      );
    }

    const entities: DeferredEntity[] = [];
    for (const spec of records) {
      // Keyed by the record's location, so no other source can take it over.
      const locationKey = locationOf(spec.tenantId);
      const entity = tenantToEntity(spec, this.#platform, {
        locationRef: locationKey,
      });
      try {
        await validateTenantEntity(entity);
      } catch (error) {
        this.#warnings.warn(
          `${spec.tenantId}: ${stringifyError(error)}`,
          'Skipped a tenant whose entity is invalid',
          { tenantId: spec.tenantId, problem: stringifyError(error) },
        );
        continue;
      }
      entities.push({ entity, locationKey });
    }
    this.#warnings.endRun();

    await this.#connection.applyMutation({ type: 'full', entities });
    this.#logger.debug('Refreshed tenant entities', {
      tenants: entities.length,
      skipped: records.length - entities.length + problems.length,
    });
  }

  /**
   * The record ConfigMaps of the cluster target, in one list; undefined when
   * the cluster cannot be read. Then nothing is applied: an empty full
   * mutation would remove every tenant while the cluster is only out of reach.
   */
  async #readClusterRecords(): Promise<
    (TenantRecords & { locationOf: (tenantId: string) => string }) | undefined
  > {
    const cluster = this.#cluster;
    if (!cluster) {
      return undefined;
    }
    let records: TenantRecords;
    try {
      const credentials = await cluster.auth.getOwnServiceCredentials();
      const reader = await cluster.provider.reader({ credentials });
      records = await readClusterTenantRecords(reader);
    } catch (error) {
      this.#warnings.warn(
        'cluster-unreadable',
        'Could not read the tenant records of the cluster; the tenant entities stay as they were',
        {
          cluster: cluster.provider.description,
          error: stringifyError(error),
        },
      );
      this.#warnings.endRun();
      return undefined;
    }
    return {
      ...records,
      locationOf: tenantId =>
        tenantClusterLocationRef(tenantId, this.#platform),
    };
  }

  /**
   * Reading every tenant's files takes about a second per hundred tenants,
   * while the repository changes only when a tenant is onboarded or
   * offboarded: read again only when main has a new commit.
   */
  async #readRecords(repository: GitRepositoryTarget): Promise<TenantRecords> {
    const [head] = await repository.log(1);
    if (!head) {
      return { records: [], problems: [] };
    }
    if (this.#lastRead?.commit !== head.commit) {
      const records = await readTenantRecords(repository);
      this.#lastRead = { commit: head.commit, records };
    }
    return this.#lastRead.records;
  }
}
