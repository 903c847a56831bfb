import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { TenantEntityProvider } from './provider/TenantEntityProvider';
import { readTenantCatalogConfig } from './readTenantCatalogConfig';

/**
 * Registers every tenant Tenant Mesh has onboarded in the catalog, read from
 * Tenant Mesh's own records: no Git host or catalog location is involved.
 * Startup fails on invalid `tenantMesh` config.
 *
 * @public
 */
export const catalogModuleTenantMesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'tenant-mesh',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const { source, schedule, platform } = readTenantCatalogConfig(config);

        catalog.addEntityProvider(
          new TenantEntityProvider({
            source,
            platform,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
