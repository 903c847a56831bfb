import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterAccess,
  DeliverySettings,
  readDeliverySettings,
} from '@tenant-mesh/plugin-tenant-mesh-node';

/**
 * Where the tenant records are read from, after `tenantMesh.delivery`:
 * the GitOps repository, the cluster's record ConfigMaps, or nowhere when
 * no delivery is configured and so no tenant can have been onboarded.
 *
 * @public
 */
export type TenantRecordSource =
  | { target: 'gitops'; repositoryPath: string }
  | { target: 'cluster'; cluster: ClusterAccess }
  | { target: 'none' };

/** The settings of the tenant entity provider. @public */
export interface TenantCatalogConfig {
  source: TenantRecordSource;
  schedule: SchedulerServiceTaskScheduleDefinition;
  platform: PlatformSettings;
}

/**
 * Every 10 seconds, so a tenant shows in the catalog soon after Create
 * Tenant; reading a local repository is cheap. `global` scope: with several
 * backend replicas only one refreshes at a time.
 */
// A refresh takes seconds; a short timeout frees the lock of a run whose
// backend was killed sooner, which a Create Tenant waiting for its entity needs.
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 10 },
  timeout: { seconds: 30 },
  scope: 'global',
};

/** Where delivery writes the tenant records, so where the provider reads them. */
function sourceOf(delivery: DeliverySettings | undefined): TenantRecordSource {
  if (!delivery) {
    return { target: 'none' };
  }
  if (delivery.target === 'gitops') {
    return { target: 'gitops', repositoryPath: delivery.repository };
  }
  return { target: 'cluster', cluster: delivery.cluster };
}

/**
 * Reads and validates the provider's settings from the root config, so that
 * a bad value stops the backend at startup. `tenantMesh.delivery` is read by
 * the same reader as the scaffolder module's, so both refuse the same config.
 *
 * @throws Error naming the key that is wrong and the rule it breaks; an
 *   InputError for invalid platform settings, whose reader also checks the
 *   CLI's user-chosen config files.
 * @public
 */
export function readTenantCatalogConfig(
  config: RootConfigService,
): TenantCatalogConfig {
  const platform = readPlatformSettings(config.getOptional('tenantMesh'));

  const scheduleConfig = config.getOptionalConfig(
    'tenantMesh.catalog.schedule',
  );
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : DEFAULT_SCHEDULE;

  const source = sourceOf(readDeliverySettings(config));

  return { source, schedule, platform };
}
