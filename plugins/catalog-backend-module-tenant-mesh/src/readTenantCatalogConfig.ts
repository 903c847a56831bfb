import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * Where the tenant records are read from, after `tenantMesh.delivery`:
 * the GitOps repository, the cluster (not readable yet), or nowhere when
 * no delivery is configured and so no tenant can have been onboarded.
 *
 * @public
 */
export type TenantRecordSource =
  | { target: 'gitops'; repositoryPath: string }
  | { target: 'cluster' }
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
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 10 },
  timeout: { minutes: 1 },
  scope: 'global',
};

function readSource(config: RootConfigService): TenantRecordSource {
  const delivery = config.getOptionalConfig('tenantMesh.delivery');
  if (!delivery) {
    return { target: 'none' };
  }
  const target = delivery.getString('target');
  if (target === 'gitops') {
    return {
      target,
      repositoryPath: delivery.getString('gitops.repository'),
    };
  }
  if (target === 'cluster') {
    return { target };
  }
  throw new InputError(
    `tenantMesh.delivery.target must be gitops or cluster, got ${JSON.stringify(
      target,
    )}`,
  );
}

/**
 * Reads and validates the provider's settings from the root config, so that
 * a bad value stops the backend at startup.
 *
 * @throws InputError naming the key that is wrong.
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

  return { source: readSource(config), schedule, platform };
}
