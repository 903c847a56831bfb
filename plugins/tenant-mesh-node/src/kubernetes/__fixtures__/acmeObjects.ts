import {
  KubernetesObject,
  MANAGED_BY_LABEL,
  TENANT_LABEL,
} from '@tenant-mesh/plugin-tenant-mesh-common';

const labels = { [TENANT_LABEL]: 'acme' };

/** The tenant namespace of acme. */
export const acmeNamespace: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'tenant-acme', labels: { ...labels } },
};

/** A ConfigMap of acme's oauth2-proxy. */
export const acmeProxyConfig: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'acme-oauth2-proxy', namespace: 'tenant-acme', labels },
  data: { 'oauth2-proxy.cfg': 'provider = "oidc"\n' },
};

/** The CUSTOM policy that sends acme's requests to the central Envoy. */
export const acmeAuthorizationPolicy: KubernetesObject = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'acme-ext-authz', namespace: 'tenant-acme', labels },
  spec: {
    action: 'CUSTOM',
    provider: { name: 'tenant-authz' },
    rules: [{ to: [{ operation: { hosts: ['acme.example.com'] } }] }],
  },
};

/** The tenant's objects in the order a plan lists them (namespace last). */
export const acmeObjects = [
  acmeProxyConfig,
  acmeAuthorizationPolicy,
  acmeNamespace,
];

/** A copy of an object as another tool created it, without our label. */
export function foreign(object: KubernetesObject): KubernetesObject {
  const { [MANAGED_BY_LABEL]: _ours, ...others } = object.metadata.labels ?? {};
  return {
    ...object,
    metadata: { ...object.metadata, labels: { ...others, team: 'other' } },
  };
}
