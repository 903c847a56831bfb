import { fnv1a64 } from './hash';
import { tenantLabels } from './labels';
import { TenantNames } from './names';
import {
  OAUTH2_PROXY_PORT,
  OAUTH2_PROXY_SECRET_ENV,
} from './oauth2ProxyConfig';
import { KubernetesObject, PlatformSettings, SecretRef } from './types';

/** Pod annotation whose change rolls the pods when the config changes. */
export const CONFIG_CHECKSUM_ANNOTATION = 'tenant-mesh.io/config-checksum';

const CONFIG_FILE = 'oauth2-proxy.cfg';
const CONFIG_DIR = '/etc/oauth2-proxy';

/**
 * Where the tenant's oauth2-proxy secrets live; the node package writes the
 * values, the plan only names them (W8, B20).
 *
 * @public
 */
export function oauth2ProxySecretRef(names: TenantNames): SecretRef {
  return {
    namespace: names.authNamespace,
    name: names.oauth2Proxy,
    keys: { clientSecret: 'client-secret', cookieSecret: 'cookie-secret' },
  };
}

/** Pod labels; also the selector of the Deployment, Service and PDB. */
function selector(names: TenantNames): Record<string, string> {
  return {
    'app.kubernetes.io/instance': names.oauth2Proxy,
    'app.kubernetes.io/name': 'oauth2-proxy',
  };
}

/**
 * The tenant's oauth2-proxy: ServiceAccount and Service always; ConfigMap,
 * Deployment and PodDisruptionBudget only once the config is known.
 *
 * @public
 */
export function planOauth2ProxyObjects(opts: {
  tenantId: string;
  names: TenantNames;
  platform: PlatformSettings;
  config?: string;
}): KubernetesObject[] {
  const { tenantId, names, platform, config } = opts;
  const ns = names.authNamespace;
  const metadata = {
    name: names.oauth2Proxy,
    namespace: ns,
    labels: { ...tenantLabels(tenantId, 'auth'), ...selector(names) },
  };
  const secret = oauth2ProxySecretRef(names);

  const serviceAccount: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata,
    automountServiceAccountToken: false,
  };
  const service: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      selector: selector(names),
      ports: [
        {
          name: 'http',
          port: OAUTH2_PROXY_PORT,
          targetPort: 'http',
          protocol: 'TCP',
          appProtocol: 'http',
        },
      ],
    },
  };
  if (config === undefined) {
    return [serviceAccount, service];
  }

  const configMap: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata,
    data: { [CONFIG_FILE]: config },
  };
  const secretEnv = (env: string, key: string) => ({
    name: env,
    valueFrom: { secretKeyRef: { name: secret.name, key } },
  });
  const probe = (path: string) => ({
    httpGet: { path, port: 'http' },
    periodSeconds: 10,
    timeoutSeconds: 2,
  });
  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 2,
      selector: { matchLabels: selector(names) },
      template: {
        metadata: {
          labels: { ...tenantLabels(tenantId, 'auth'), ...selector(names) },
          annotations: { [CONFIG_CHECKSUM_ANNOTATION]: fnv1a64(config) },
        },
        spec: {
          serviceAccountName: names.oauth2Proxy,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'oauth2-proxy',
              image: `${platform.oauth2Proxy.image}:${platform.oauth2Proxy.version}`,
              args: [`--config=${CONFIG_DIR}/${CONFIG_FILE}`],
              env: [
                secretEnv(
                  OAUTH2_PROXY_SECRET_ENV.clientSecret,
                  secret.keys.clientSecret,
                ),
                secretEnv(
                  OAUTH2_PROXY_SECRET_ENV.cookieSecret,
                  secret.keys.cookieSecret,
                ),
              ],
              ports: [
                {
                  name: 'http',
                  containerPort: OAUTH2_PROXY_PORT,
                  protocol: 'TCP',
                },
              ],
              livenessProbe: probe('/ping'),
              readinessProbe: probe('/ready'),
              resources: {
                requests: { cpu: '50m', memory: '64Mi' },
                limits: { memory: '128Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
              ],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: names.oauth2Proxy } }],
        },
      },
    },
  };
  const disruptionBudget: KubernetesObject = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata,
    spec: { minAvailable: 1, selector: { matchLabels: selector(names) } },
  };
  return [serviceAccount, configMap, deployment, service, disruptionBudget];
}
