import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';

/** Annotation with the URL of the cluster's API server. */
export const API_SERVER_ANNOTATION = 'kubernetes.io/api-server';
/** Annotation with the base64 PEM of the API server's certificate authority. */
export const API_SERVER_CA_ANNOTATION =
  'kubernetes.io/api-server-certificate-authority';

/**
 * The parts of a catalog `Resource` of type `kubernetes-cluster` that locate
 * a cluster, as the Kubernetes plugin's catalog cluster locator reads them.
 * Structural, so that any catalog-model `Entity` fits.
 */
export interface ClusterResourceEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { type?: unknown } | Record<string, unknown>;
}

/**
 * Builds a KubeConfig for a cluster described by a catalog entity. The
 * service-account token comes from the caller's secret store; an entity is
 * readable by every catalog user and must never carry one.
 */
export function kubeConfigFromClusterEntity(
  entity: ClusterResourceEntity,
  token: string,
): KubeConfig {
  const entityName = `${entity.kind.toLowerCase()}:${entity.metadata.name}`;
  if (
    entity.kind !== 'Resource' ||
    entity.spec?.type !== 'kubernetes-cluster'
  ) {
    throw new InputError(
      `${entityName} is not a Resource of spec.type kubernetes-cluster`,
    );
  }
  const annotations = entity.metadata.annotations ?? {};
  const server = annotations[API_SERVER_ANNOTATION];
  if (!server) {
    throw new InputError(
      `${entityName} has no ${API_SERVER_ANNOTATION} annotation`,
    );
  }
  if (!token) {
    throw new InputError(`No service-account token given for ${entityName}`);
  }
  const caData = annotations[API_SERVER_CA_ANNOTATION];

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: entity.metadata.name,
        server,
        skipTLSVerify: false,
        ...(caData ? { caData } : {}),
      },
    ],
    users: [{ name: 'tenant-mesh', token }],
    contexts: [
      {
        name: entity.metadata.name,
        cluster: entity.metadata.name,
        user: 'tenant-mesh',
      },
    ],
    currentContext: entity.metadata.name,
  });
  return kubeConfig;
}
