import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  TENANTS_CHANGED_TOPIC,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  cognitoClientFromConfig,
  readDeliverySettings,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { createTenantMeshCognitoAction } from './actions/cognito';
import { createTenantMeshDeliverAction } from './actions/deliver';
import { createTenantMeshDeliverPlatformAction } from './actions/deliverPlatform';
import { createTenantMeshPlanAction } from './actions/plan';
import { createTenantMeshRegisterAction } from './actions/register';
import { createDeliveryTarget } from './delivery/deliveryTarget';

import { TenantLocks } from './locks/TenantLocks';

/**
 * The Tenant Mesh scaffolder actions: plan, Cognito, register, deliver and
 * deliver-platform. Startup fails on invalid `tenantMesh` config; Cognito
 * and clusters are only contacted when an action runs. Startup creates the table of per-tenant
 * locks in the scaffolder's database when it is missing.
 *
 * @public
 */
export const tenantMeshModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'tenant-mesh',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, logger, database, catalog, events }) {
        const platform = readPlatformSettings(config.getOptional('tenantMesh'));
        const settings = readDeliverySettings(config);
        const client = await cognitoClientFromConfig(config, {
          region: platform.cognito.region,
          endpoint: platform.cognito.endpoint,
        });
        const cognito = new TenantCognito({ client, logger });
        const locks = await TenantLocks.create({
          knex: await database.getClient(),
          logger,
        });
        const delivery = settings
          ? createDeliveryTarget({ settings, catalog, rootConfig: config })
          : undefined;

        scaffolder.addActions(
          createTenantMeshPlanAction({ platform, catalog, delivery }),
          createTenantMeshCognitoAction({
            platform,
            catalog,
            cognito,
            delivery,
            logger,
            locks,
          }),
          createTenantMeshRegisterAction({
            catalog,
            requestRefresh: () =>
              events.publish({
                topic: TENANTS_CHANGED_TOPIC,
                eventPayload: {},
              }),
          }),
        );
        if (delivery) {
          scaffolder.addActions(
            createTenantMeshDeliverAction({
              platform,
              catalog,
              cognito,
              delivery,
              logger,
            }),
            createTenantMeshDeliverPlatformAction({
              platform,
              delivery,
              logger,
            }),
          );
        } else {
          logger.warn(
            'Actions tenant-mesh:deliver and deliver-platform not registered',
            {
              reason: 'no tenantMesh.delivery config',
            },
          );
        }
      },
    });
  },
});
