import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { ForwardedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KubernetesReader,
  KubernetesTarget,
  KubernetesTargetOptions,
} from '../kubernetes';
import { ClusterAccess } from './deliverySettings';
import { kubeConfigOfKubernetesPluginCluster } from './kubernetesPluginCluster';

/**
 * A Kubernetes cluster, reached only when an action needs it, so the backend
 * starts while the cluster is down.
 */
export interface ClusterProvider {
  /** Where the cluster comes from, for log lines; never a credential. */
  readonly description: string;
  /** The cluster; a catalog lookup runs with the task initiator's credentials. */
  get(options: {
    credentials: BackstageCredentials;
  }): Promise<KubernetesTarget>;
  /** The read side of the same cluster, as the same service account. */
  reader(options: {
    credentials: BackstageCredentials;
  }): Promise<KubernetesReader>;
}

/** Completes a provider with the reader of the target it gets. */
function withReader(
  provider: Omit<ClusterProvider, 'reader'>,
): ClusterProvider {
  return {
    ...provider,
    reader: async options => (await provider.get(options)).reader(),
  };
}

/** A provider for one fixed target, e.g. in tests. */
export function fixedClusterProvider(
  target: KubernetesTarget,
  description = target.server,
): ClusterProvider {
  return withReader({ description, get: async () => target });
}

/** The provider for one `ClusterAccess` block of the config. */
export function createClusterProvider(options: {
  access: ClusterAccess;
  catalog: CatalogService;
  targetOptions?: KubernetesTargetOptions;
  /** The config key of `access`, for error messages. */
  configKey?: string;
  /** The whole config, for the Kubernetes plugin's auth strategies (AWS). */
  rootConfig?: Config;
}): ClusterProvider {
  const { access, catalog, targetOptions } = options;
  const configKey = options.configKey ?? 'tenantMesh.delivery.cluster';

  if (access.kubernetesCluster) {
    const cluster = access.kubernetesCluster;
    const rootConfig = options.rootConfig ?? new ConfigReader({});
    return withReader({
      description: `the Kubernetes plugin's cluster ${cluster.name}`,
      // A fresh credential each time: the plugin's EKS tokens expire.
      get: async () =>
        KubernetesTarget.fromKubeConfig(
          await kubeConfigOfKubernetesPluginCluster(cluster, rootConfig),
          targetOptions,
        ),
    });
  }

  if (access.entityRef) {
    const entityRef = access.entityRef;
    const token = access.serviceAccountToken ?? '';
    return withReader({
      description: `the cluster of catalog entity ${entityRef}`,
      async get({ credentials }) {
        const entity = await catalog.getEntityByRef(entityRef, {
          credentials,
        });
        if (!entity) {
          throw new NotFoundError(
            `The cluster entity ${entityRef} (${configKey}.entityRef) is not in the catalog`,
          );
        }
        return KubernetesTarget.fromClusterEntity(entity, {
          ...targetOptions,
          token,
        });
      },
    });
  }

  let target: KubernetesTarget | undefined;
  const memo = (key: string, build: () => KubernetesTarget) => async () => {
    try {
      target ??= build();
    } catch (error) {
      // The configuration is at fault, not the request that needed it.
      throw new ForwardedError(
        `Could not load the cluster of ${configKey}.${key}`,
        error,
      );
    }
    return target;
  };
  if (access.inCluster) {
    return withReader({
      description: 'the cluster the backend runs in',
      get: memo('inCluster', () => KubernetesTarget.inCluster(targetOptions)),
    });
  }
  const kubeconfig = access.kubeconfig ?? '';
  return withReader({
    description: `the kubeconfig ${kubeconfig}${
      access.context ? ` (context ${access.context})` : ''
    }`,
    get: memo('kubeconfig', () =>
      KubernetesTarget.fromKubeconfigFile(
        kubeconfig,
        access.context,
        targetOptions,
      ),
    ),
  });
}
