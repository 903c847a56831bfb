import { tenantLabels } from './labels';
import { TenantNames } from './names';
import { OAUTH2_PROXY_PORT } from './oauth2ProxyConfig';
import { KubernetesObject, PlatformSettings, TenantWorkload } from './types';

/** Port of bookinfo's productpage. */
export const PRODUCTPAGE_PORT = 9080;

/**
 * Pod labels the central Envoy's Deployment must carry: the auth namespaces'
 * NetworkPolicies admit only these pods.
 *
 * @public
 */
export function centralEnvoyPodLabels(
  platform: PlatformSettings,
): Record<string, string> {
  return { 'app.kubernetes.io/name': platform.envoy.name };
}

/** The SPIFFE principal of a service account, as Istio policies write it. */
export function principal(
  platform: PlatformSettings,
  ns: string,
  serviceAccount: string,
): string {
  return `${platform.trustDomain}/ns/${ns}/sa/${serviceAccount}`;
}

function namespace(
  name: string,
  tenantId: string,
  platform: PlatformSettings,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        ...tenantLabels(tenantId, 'namespace'),
        // W12: without injection the mesh does not cover the tenant.
        [platform.meshInjection.label]: platform.meshInjection.value,
      },
    },
  };
}

function strictMtls(ns: string, tenantId: string): KubernetesObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: {
      name: 'default',
      namespace: ns,
      labels: tenantLabels(tenantId, 'mesh'),
    },
    spec: { mtls: { mode: 'STRICT' } },
  };
}

function allowOnly(opts: {
  ns: string;
  tenantId: string;
  name: string;
  principal: string;
}): KubernetesObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name: opts.name,
      namespace: opts.ns,
      labels: tenantLabels(opts.tenantId, 'mesh'),
    },
    spec: {
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: [opts.principal] } }] }],
    },
  };
}

function ingressOnlyFrom(opts: {
  ns: string;
  tenantId: string;
  name: string;
  fromNamespace: string;
  fromPods: Record<string, string>;
  /** The one port admitted; every port when absent. */
  port?: number;
}): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: opts.name,
      namespace: opts.ns,
      labels: tenantLabels(opts.tenantId, 'mesh'),
    },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': opts.fromNamespace,
                },
              },
              podSelector: { matchLabels: opts.fromPods },
            },
          ],
          ...(opts.port === undefined
            ? {}
            : { ports: [{ protocol: 'TCP', port: opts.port }] }),
        },
      ],
    },
  };
}

/**
 * The tenant's namespaces and their guard rails (W11, W12): injection,
 * STRICT mTLS, an ALLOW policy admitting only the ingress gateway (workload
 * namespace) or only the central Envoy (auth namespace), and NetworkPolicies
 * to match. The central Envoy must itself be in the mesh for its principal.
 *
 * @public
 */
export function planMeshObjects(opts: {
  tenantId: string;
  names: TenantNames;
  platform: PlatformSettings;
  workload: TenantWorkload;
}): KubernetesObject[] {
  const { tenantId, names, platform } = opts;
  const { gateway, envoy } = platform;
  return [
    namespace(names.tenantNamespace, tenantId, platform),
    namespace(names.authNamespace, tenantId, platform),
    strictMtls(names.tenantNamespace, tenantId),
    strictMtls(names.authNamespace, tenantId),
    allowOnly({
      ns: names.tenantNamespace,
      tenantId,
      name: 'allow-ingress-gateway',
      principal: principal(platform, gateway.namespace, gateway.serviceAccount),
    }),
    allowOnly({
      ns: names.authNamespace,
      tenantId,
      name: 'allow-central-envoy',
      principal: principal(platform, envoy.namespace, envoy.serviceAccount),
    }),
    ingressOnlyFrom({
      ns: names.tenantNamespace,
      tenantId,
      name: 'allow-ingress-gateway',
      fromNamespace: gateway.namespace,
      fromPods: gateway.selector,
      // Without a workload the platform team deploys its own app, on a port
      // we cannot know; the source is still only the ingress gateway.
      port: opts.workload === 'bookinfo' ? PRODUCTPAGE_PORT : undefined,
    }),
    ingressOnlyFrom({
      ns: names.authNamespace,
      tenantId,
      name: 'allow-central-envoy',
      fromNamespace: envoy.namespace,
      fromPods: centralEnvoyPodLabels(platform),
      port: OAUTH2_PROXY_PORT,
    }),
  ];
}
