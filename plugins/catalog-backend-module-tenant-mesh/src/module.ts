import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { TENANTS_CHANGED_TOPIC } from '@tenant-mesh/plugin-tenant-mesh-common';
import { createClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
import { TenantEntityProvider } from './provider/TenantEntityProvider';
import { readTenantCatalogConfig } from './readTenantCatalogConfig';

/**
 * Registers every tenant Tenant Mesh has onboarded in the catalog, read from
 * Tenant Mesh's own records (the GitOps repository's, or the cluster's
 * record ConfigMaps): no Git host or catalog location is involved.
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
        auth: coreServices.auth,
        events: eventsServiceRef,
        // Finds a cluster given as a catalog entity (delivery.cluster.entityRef).
        catalogApi: catalogServiceRef,
      },
      async init(deps) {
        const { catalog, config, logger, scheduler, events } = deps;
        const { source, schedule, platform } = readTenantCatalogConfig(config);

        const provider = new TenantEntityProvider({
          source,
          platform,
          logger,
          taskRunner: scheduler.createScheduledTaskRunner(schedule),
          // Contacted only when the refresh runs, so the backend starts
          // while the cluster is down.
          ...(source.target === 'cluster'
            ? {
                cluster: {
                  provider: createClusterProvider({
                    access: source.cluster,
                    catalog: deps.catalogApi,
                    configKey: 'tenantMesh.delivery.cluster',
                    rootConfig: config,
                  }),
                  auth: deps.auth,
                },
              }
            : {}),
        });
        catalog.addEntityProvider(provider);

        // Onboarding announces a changed record so the entity appears within a second; the
        // schedule still covers replicas that do not receive the event.
        await events.subscribe({
          id: 'tenant-mesh-entity-provider',
          topics: [TENANTS_CHANGED_TOPIC],
          // Through the scheduler, so the refresh still runs on one replica
          // at a time and never overlaps a scheduled one.
          onEvent: async () => {
            try {
              await scheduler.triggerTask(TenantEntityProvider.TASK_ID);
            } catch (error) {
              logger.warn('Tenant refresh on event failed', {
                topic: TENANTS_CHANGED_TOPIC,
                error: stringifyError(error),
              });
            }
          },
        });
      },
    });
  },
});
