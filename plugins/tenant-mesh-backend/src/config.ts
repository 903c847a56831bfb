import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { GitRepositoryTarget } from '@tenant-mesh/plugin-tenant-mesh-node';

/** What the plugin reads from the `tenantMesh` config key. */
export interface TenantMeshBackendConfig {
  platform: PlatformSettings;
  /** The GitOps repository holding the tenant records, when delivery is gitops. */
  repository?: GitRepositoryTarget;
}

/*
 * `tenantMesh.delivery` after the catalog module: only the gitops target
 * keeps records this plugin can read.
 */
function readRepository(
  config: RootConfigService,
): GitRepositoryTarget | undefined {
  const delivery = config.getOptionalConfig('tenantMesh.delivery');
  if (!delivery) {
    return undefined;
  }
  const target = delivery.getString('target');
  if (target === 'gitops') {
    return new GitRepositoryTarget({
      dir: delivery.getString('gitops.repository'),
    });
  }
  if (target === 'cluster') {
    // TODO: read the tenants recorded on the Gateway when delivery is cluster.
    return undefined;
  }
  throw new InputError(
    `tenantMesh.delivery.target must be gitops or cluster, got ${JSON.stringify(
      target,
    )}`,
  );
}

/**
 * Reads and validates the plugin's settings, so that bad config stops the
 * backend at startup.
 *
 * @throws InputError naming the key that is wrong.
 */
export function readTenantMeshBackendConfig(
  config: RootConfigService,
): TenantMeshBackendConfig {
  return {
    platform: readPlatformSettings(config.getOptional('tenantMesh')),
    repository: readRepository(config),
  };
}
