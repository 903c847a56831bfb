import { Config } from '@backstage/config';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { readKubernetesPluginCluster } from './kubernetesPluginCluster';

/** How to reach one Kubernetes cluster; exactly one way is set. */
export interface ClusterAccess {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  /** A catalog Resource of spec.type `kubernetes-cluster`. */
  entityRef?: string;
  /** Token of the service account used with `entityRef`. */
  serviceAccountToken?: string;
  /**
   * A cluster of the Kubernetes plugin's config locator
   * (`kubernetes.clusterLocatorMethods`), named by `kubernetesCluster`.
   */
  kubernetesCluster?: ClusterDetails;
}

/** The `tenantMesh.delivery` block of app-config. */
export type DeliverySettings =
  | { target: 'gitops'; repository: string; secretsCluster?: ClusterAccess }
  | { target: 'cluster'; cluster: ClusterAccess };

const DELIVERY_KEY = 'tenantMesh.delivery';

/**
 * Reads one `ClusterAccess` block of app-config, at backend startup.
 *
 * @throws Error naming the key that is wrong and the rule it breaks: a bad
 *   config value is the operator's to fix, not a bad request.
 */
export function readClusterAccess(
  config: Config,
  key: string,
  /** The whole config, where the Kubernetes plugin's clusters are. */
  rootConfig?: Config,
): ClusterAccess {
  const access: ClusterAccess = {
    kubeconfig: config.getOptionalString('kubeconfig'),
    context: config.getOptionalString('context'),
    inCluster: config.getOptionalBoolean('inCluster'),
    entityRef: config.getOptionalString('entityRef'),
    serviceAccountToken: config.getOptionalString('serviceAccountToken'),
  };
  const kubernetesCluster = config.getOptionalString('kubernetesCluster');
  const ways = [
    access.kubeconfig && 'kubeconfig',
    access.inCluster && 'inCluster',
    access.entityRef && 'entityRef',
    kubernetesCluster && 'kubernetesCluster',
  ].filter(Boolean);
  if (ways.length !== 1) {
    throw new Error(
      `${key} must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got ${
        ways.length === 0 ? 'none' : ways.join(' and ')
      }`,
    );
  }
  if (kubernetesCluster) {
    if (!rootConfig) {
      throw new Error(
        `${key}.kubernetesCluster cannot be read here: the Kubernetes plugin's clusters are not at hand`,
      );
    }
    access.kubernetesCluster = readKubernetesPluginCluster(
      rootConfig,
      kubernetesCluster,
      `${key}.kubernetesCluster`,
    );
  }
  if (access.context && !access.kubeconfig) {
    throw new Error(`${key}.context needs ${key}.kubeconfig`);
  }
  if (access.entityRef && !access.serviceAccountToken) {
    throw new Error(
      `${key}.entityRef needs ${key}.serviceAccountToken, the token of a service account on that cluster`,
    );
  }
  return access;
}

/**
 * Reads `tenantMesh.delivery`; undefined when the block is absent, in which
 * case nothing can be delivered. Every module reading the block calls this
 * at startup, so they all accept and refuse the same config.
 *
 * @throws Error naming the key that is wrong and the rule it breaks.
 */
export function readDeliverySettings(
  rootConfig: Config,
): DeliverySettings | undefined {
  const config = rootConfig.getOptionalConfig(DELIVERY_KEY);
  if (!config) {
    return undefined;
  }
  const target = config.getString('target');
  if (target === 'gitops') {
    const gitops = config.getConfig('gitops');
    const secrets = gitops.getOptionalConfig('secretsCluster');
    return {
      target,
      repository: gitops.getString('repository'),
      ...(secrets
        ? {
            secretsCluster: readClusterAccess(
              secrets,
              `${DELIVERY_KEY}.gitops.secretsCluster`,
              rootConfig,
            ),
          }
        : {}),
    };
  }
  if (target === 'cluster') {
    return {
      target,
      cluster: readClusterAccess(
        config.getConfig('cluster'),
        `${DELIVERY_KEY}.cluster`,
        rootConfig,
      ),
    };
  }
  throw new Error(
    `${DELIVERY_KEY}.target must be gitops or cluster, got ${JSON.stringify(
      target,
    )}`,
  );
}
