import type { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/* One valid object of each kind Tenant Mesh renders, shaped like tenant `acme`'s. */

const labels = {
  'app.kubernetes.io/managed-by': 'tenant-mesh',
  'tenant-mesh.io/tenant': 'acme',
};
const selector = { matchLabels: { app: 'oauth2-proxy' } };

export const namespace: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'tenant-acme',
    labels: { ...labels, 'istio-injection': 'enabled' },
  },
};

export const configMap: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  data: { 'oauth2-proxy.cfg': 'provider = "oidc"\n' },
};

export const secret: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  type: 'Opaque',
  stringData: { 'client-id': 'abc', 'client-secret': 'def' },
};

export const serviceAccount: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  automountServiceAccountToken: false,
};

export const service: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  spec: {
    selector: { app: 'oauth2-proxy' },
    ports: [{ name: 'http', port: 4180, targetPort: 4180 }],
  },
};

export const deployment: KubernetesObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  spec: {
    replicas: 2,
    selector,
    template: {
      metadata: { labels: { app: 'oauth2-proxy' } },
      spec: {
        serviceAccountName: 'oauth2-proxy',
        containers: [
          {
            name: 'oauth2-proxy',
            image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0',
            args: ['--config=/etc/oauth2-proxy/oauth2-proxy.cfg'],
            ports: [{ name: 'http', containerPort: 4180 }],
            readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
          },
        ],
      },
    },
  },
};

export const podDisruptionBudget: KubernetesObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  spec: { minAvailable: 1, selector },
};

export const networkPolicy: KubernetesObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'oauth2-proxy', namespace: 'tenant-acme', labels },
  spec: {
    podSelector: selector,
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 4180 }],
      },
    ],
  },
};

export const gateway: KubernetesObject = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'tenants', namespace: 'istio-ingress' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      {
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: ['acme.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'tenants-tls' },
      },
    ],
  },
};

export const virtualService: KubernetesObject = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'acme', namespace: 'tenant-acme', labels },
  spec: {
    hosts: ['acme.example.com'],
    gateways: ['istio-ingress/tenants'],
    http: [
      {
        route: [
          {
            destination: {
              host: 'productpage.tenant-acme.svc.cluster.local',
              port: { number: 9080 },
            },
          },
        ],
      },
    ],
  },
};

export const authorizationPolicy: KubernetesObject = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'acme-ext-authz', namespace: 'istio-ingress', labels },
  spec: {
    selector: { matchLabels: { istio: 'ingressgateway' } },
    action: 'CUSTOM',
    provider: { name: 'tenant-mesh-ext-authz' },
    rules: [{ to: [{ operation: { hosts: ['acme.example.com'] } }] }],
  },
};

export const peerAuthentication: KubernetesObject = {
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name: 'default', namespace: 'tenant-acme', labels },
  spec: { mtls: { mode: 'STRICT' } },
};

export const validObjects: KubernetesObject[] = [
  namespace,
  configMap,
  secret,
  serviceAccount,
  service,
  deployment,
  podDisruptionBudget,
  networkPolicy,
  gateway,
  virtualService,
  authorizationPolicy,
  peerAuthentication,
];
