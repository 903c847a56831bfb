import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { tenantMeshPermissions } from '@tenant-mesh/plugin-tenant-mesh-common';
import { readTenantMeshBackendConfig } from './config';
import { createRouter } from './router';
import { TenantAvailabilityService } from './services/TenantAvailabilityService';

/**
 * The Tenant Mesh backend plugin, mounted at `/api/tenant-mesh`. Startup
 * fails on invalid `tenantMesh` config.
 *
 * @public
 */
export const tenantMeshPlugin = createBackendPlugin({
  pluginId: 'tenant-mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, httpAuth, httpRouter, permissions, catalog } = deps;
        const { platform, repository } = readTenantMeshBackendConfig(config);

        deps.permissionsRegistry.addPermissions(tenantMeshPermissions);

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            availability: new TenantAvailabilityService({
              platform,
              catalog,
              repository,
            }),
          }),
        );
      },
    });
  },
});
