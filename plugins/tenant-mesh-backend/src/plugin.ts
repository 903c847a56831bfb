import {
  AuthService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { tenantMeshPermissions } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  cognitoClientFromConfig,
  createClusterProvider,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { readTenantMeshBackendConfig } from './config';
import { createRouter } from './router';
import { TenantAvailabilityService } from './services/TenantAvailabilityService';
import { TenantStatusService } from './services/TenantStatusService';

/**
 * The status's cluster, looked up as this plugin whoever asks: a cluster
 * given as a catalog entity must not depend on what the caller may see,
 * since what is read from it is cached for every caller (the route itself
 * checks the caller's permission).
 */
function asOwnService(
  provider: ClusterProvider,
  auth: AuthService,
): ClusterProvider {
  return {
    description: provider.description,
    get: async () =>
      provider.get({ credentials: await auth.getOwnServiceCredentials() }),
    reader: async () =>
      provider.reader({ credentials: await auth.getOwnServiceCredentials() }),
  };
}

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
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        cache: coreServices.cache,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, httpAuth, auditor, httpRouter, permissions, catalog } =
          deps;
        const {
          platform,
          repository,
          recordsOnCluster,
          statusCluster,
          loginProbeGatewayUrl,
          meshConfigMap,
          secretsDelivered,
        } = readTenantMeshBackendConfig(config);
        const cognito = new TenantCognito({
          client: await cognitoClientFromConfig(config, platform.cognito),
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(tenantMeshPermissions);

        const cluster = statusCluster && {
          provider: asOwnService(
            createClusterProvider({
              access: statusCluster.access,
              catalog,
              configKey: statusCluster.configKey,
              rootConfig: config,
            }),
            deps.auth,
          ),
          configKey: statusCluster.configKey,
        };
        // On the cluster target, the records are ConfigMaps of the cluster
        // the status reads (the delivery cluster unless another is set).
        const recordsCluster = recordsOnCluster ? cluster?.provider : undefined;

        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            permissions,
            availability: new TenantAvailabilityService({
              platform,
              catalog,
              repository,
              cluster: recordsCluster,
            }),
            status: new TenantStatusService({
              platform,
              repository,
              cluster,
              recordsCluster,
              cognito,
              catalog,
              cache: deps.cache,
              logger: deps.logger,
              loginProbeGatewayUrl,
              meshConfigMap,
              secretsDelivered,
            }),
          }),
        );
      },
    });
  },
});
