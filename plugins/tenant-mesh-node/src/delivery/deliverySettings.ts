import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How to reach one Kubernetes cluster; exactly one way is set. */
export interface ClusterAccess {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  /** A catalog Resource of spec.type `kubernetes-cluster`. */
  entityRef?: string;
  /** Token of the service account used with `entityRef`. */
  serviceAccountToken?: string;
}

/** The `tenantMesh.delivery` block of app-config. */
export type DeliverySettings =
  | { target: 'gitops'; repository: string; secretsCluster?: ClusterAccess }
  | { target: 'cluster'; cluster: ClusterAccess };

const DELIVERY_KEY = 'tenantMesh.delivery';

/**
 * Reads one `ClusterAccess` block.
 *
 * @throws InputError naming the key that is wrong.
 */
export function readClusterAccess(config: Config, key: string): ClusterAccess {
  const access: ClusterAccess = {
    kubeconfig: config.getOptionalString('kubeconfig'),
    context: config.getOptionalString('context'),
    inCluster: config.getOptionalBoolean('inCluster'),
    entityRef: config.getOptionalString('entityRef'),
    serviceAccountToken: config.getOptionalString('serviceAccountToken'),
  };
  const ways = [
    access.kubeconfig && 'kubeconfig',
    access.inCluster && 'inCluster',
    access.entityRef && 'entityRef',
  ].filter(Boolean);
  if (ways.length !== 1) {
    throw new InputError(
      `${key} must set exactly one of kubeconfig, inCluster or entityRef, got ${
        ways.length === 0 ? 'none' : ways.join(' and ')
      }`,
    );
  }
  if (access.context && !access.kubeconfig) {
    throw new InputError(`${key}.context needs ${key}.kubeconfig`);
  }
  if (access.entityRef && !access.serviceAccountToken) {
    throw new InputError(
      `${key}.entityRef needs ${key}.serviceAccountToken, the token of a service account on that cluster`,
    );
  }
  return access;
}

/**
 * Reads `tenantMesh.delivery`; undefined when the block is absent, in which
 * case nothing can be delivered.
 *
 * @throws InputError naming the key that is wrong.
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
      ),
    };
  }
  throw new InputError(
    `${DELIVERY_KEY}.target must be gitops or cluster, got ${JSON.stringify(
      target,
    )}`,
  );
}
