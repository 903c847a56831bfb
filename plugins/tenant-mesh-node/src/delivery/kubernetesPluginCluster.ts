import { readFile } from 'node:fs/promises';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  GoogleServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { KubeConfig } from '@kubernetes/client-node';

const LOCATORS_KEY = 'kubernetes.clusterLocatorMethods';

/** Where a pod's service-account token is mounted. */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The plugin's serviceAccount rule: the configured token, else the pod's
 * own. Its ServiceAccountStrategy does the same, but loads client-node
 * through a dynamic import even when a token is given.
 */
const serviceAccountStrategy: Pick<AuthenticationStrategy, 'getCredential'> = {
  async getCredential(cluster) {
    const token =
      cluster.authMetadata.serviceAccountToken ??
      (await readFile(IN_CLUSTER_TOKEN, 'utf8')).trim();
    return { type: 'bearer token', token };
  },
};

/**
 * The Kubernetes plugin's auth providers that work without a signed-in
 * user: status reads and deliveries run as the backend. google, oidc and
 * aks need the user's own token, which a backend job does not have.
 */
const STRATEGIES: Record<
  string,
  (rootConfig: Config) => Pick<AuthenticationStrategy, 'getCredential'>
> = {
  serviceAccount: () => serviceAccountStrategy,
  aws: rootConfig => new AwsIamStrategy({ config: rootConfig }),
  googleServiceAccount: rootConfig =>
    new GoogleServiceAccountStrategy({ config: rootConfig }),
  localKubectlProxy: () => new AnonymousStrategy(),
};

/**
 * One cluster of the Kubernetes plugin's `config` cluster locator, read the
 * way that plugin reads it, so a cluster is configured once for the
 * Kubernetes tab, the tenant status and the deliveries.
 *
 * @throws Error naming `key` when there is no such cluster, or when its
 *   auth provider needs a signed-in user's token: both are app-config
 *   mistakes, found at startup.
 * @public
 */
export function readKubernetesPluginCluster(
  rootConfig: Config,
  name: string,
  key: string,
): ClusterDetails {
  const clusters = (rootConfig.getOptionalConfigArray(LOCATORS_KEY) ?? [])
    .filter(locator => locator.getString('type') === 'config')
    .flatMap(locator => locator.getOptionalConfigArray('clusters') ?? []);
  const cluster = clusters.find(c => c.getString('name') === name);
  if (!cluster) {
    const known = clusters.map(c => c.getString('name'));
    throw new Error(
      `${key} names the cluster ${name}, which ${LOCATORS_KEY} (type config) does not list; it lists ${
        known.join(', ') || 'none'
      }`,
    );
  }

  const authMetadata: Record<string, string> = {
    ...(cluster.getOptional<Record<string, string>>('authMetadata') ?? {}),
  };
  const authProvider =
    authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    cluster.getOptionalString('authProvider');
  if (!authProvider || !STRATEGIES[authProvider]) {
    throw new Error(
      `${key}: the cluster ${name} authenticates with ${
        authProvider ?? 'no auth provider'
      }; Tenant Mesh reads and writes as the backend, so it needs one of ${Object.keys(
        STRATEGIES,
      ).join(', ')}`,
    );
  }
  authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] = authProvider;
  const optional: Array<[string, string]> = [
    ['serviceAccountToken', 'serviceAccountToken'],
    ['assumeRole', ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE],
    ['externalId', ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID],
  ];
  for (const [configKey, metadataKey] of optional) {
    const value = cluster.getOptionalString(configKey);
    if (value && authMetadata[metadataKey] === undefined) {
      authMetadata[metadataKey] = value;
    }
  }

  return {
    name,
    url: cluster.getString('url'),
    authMetadata,
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
  };
}

/** The kubeconfig user fields of a credential of the Kubernetes plugin. */
function userOf(credential: KubernetesCredential) {
  if (credential.type === 'bearer token') {
    return { token: credential.token };
  }
  if (credential.type === 'x509 client certificate') {
    return { certData: credential.cert, keyData: credential.key };
  }
  return {};
}

/**
 * A KubeConfig for a Kubernetes plugin cluster, with a credential fresh from
 * that plugin's own auth strategy: an EKS token lasts 15 minutes, so a
 * KubeConfig is built per use, never kept.
 *
 * @public
 */
export async function kubeConfigOfKubernetesPluginCluster(
  cluster: ClusterDetails,
  rootConfig: Config,
): Promise<KubeConfig> {
  const provider = cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
  const strategy = STRATEGIES[provider]?.(rootConfig);
  if (!strategy) {
    throw new InputError(
      `The cluster ${cluster.name} authenticates with ${provider}, which Tenant Mesh cannot use`,
    );
  }
  // No user is signed in: the strategies used here need no request auth.
  const credential = await strategy.getCredential(cluster, {});

  const user = { name: 'tenant-mesh', ...userOf(credential) };
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        ...(cluster.caData ? { caData: cluster.caData } : {}),
        ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
      },
    ],
    users: [user],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: user.name }],
    currentContext: cluster.name,
  });
  return kubeConfig;
}
