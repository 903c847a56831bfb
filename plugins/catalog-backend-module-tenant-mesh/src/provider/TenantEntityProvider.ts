import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { PlatformSettings } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  readTenantRecords,
  TenantRecords,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { tenantLocationRef, tenantToEntity } from '../entity/tenantToEntity';
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
}

const PROVIDER_NAME = 'tenant-mesh';

/**
 * Puts every tenant recorded by Tenant Mesh into the catalog, as a Resource
 * of type `tenant`. On each scheduled run it reads the records of the GitOps
 * repository and replaces all of its entities at once (a full mutation), so
 * an offboarded tenant's entity disappears with its record.
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
  /** Set for the gitops target, the only one whose records can be read. */
  readonly #gitops?: {
    repository: GitRepositoryTarget;
    repositoryPath: string;
  };
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
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;

    if (this.#source.target === 'cluster') {
      // TODO: read the records of the cluster target. Deliveries to a cluster
      // keep no tenant.yaml; the Gateway lists each tenant's host only, so a
      // record (a ConfigMap per tenant, say) must be written there first.
      this.#logger.warn('Tenant entities are not provided', {
        reason:
          'reading tenant records from the cluster target is not implemented',
      });
      return;
    }
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
    if (!this.#gitops) {
      return;
    }
    const { repository, repositoryPath } = this.#gitops;

    const { records, problems } = await this.#readRecords(repository);

    for (const { path, message } of problems) {
      this.#warnings.warn(
        `${path}: ${message}`,
        'Skipped a tenant record that does not parse',
        { path, problem: message },
      );
    }

    const entities: DeferredEntity[] = [];
    for (const spec of records) {
      const entity = tenantToEntity(spec, this.#platform, repositoryPath);
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
      // Keyed by the record's location, so no other source can take it over.
      const locationKey = tenantLocationRef(repositoryPath, spec.tenantId);
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
