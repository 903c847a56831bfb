import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterProvider,
  createClusterProvider,
  DeliverySettings,
  GitRepositoryTarget,
} from '@tenant-mesh/plugin-tenant-mesh-node';

/** Where `tenant-mesh:deliver` puts a tenant, built from the config. */
export type DeliveryTarget =
  | {
      kind: 'gitops';
      repository: GitRepositoryTarget;
      /** The folder of the repository, for outputs and log lines. */
      repositoryPath: string;
      /** Receives the oauth2-proxy Secret, which never goes into Git. */
      secretsCluster?: ClusterProvider;
    }
  | { kind: 'cluster'; cluster: ClusterProvider };

/** Builds the delivery target; nothing is contacted yet. */
export function createDeliveryTarget(options: {
  settings: DeliverySettings;
  catalog: CatalogService;
  /** The whole config, for clusters of the Kubernetes plugin. */
  rootConfig?: Config;
}): DeliveryTarget {
  const { settings, catalog, rootConfig } = options;
  if (settings.target === 'cluster') {
    return {
      kind: 'cluster',
      cluster: createClusterProvider({
        access: settings.cluster,
        catalog,
        rootConfig,
      }),
    };
  }
  return {
    kind: 'gitops',
    repository: new GitRepositoryTarget({ dir: settings.repository }),
    repositoryPath: settings.repository,
    ...(settings.secretsCluster
      ? {
          secretsCluster: createClusterProvider({
            access: settings.secretsCluster,
            catalog,
            rootConfig,
          }),
        }
      : {}),
  };
}
