import { planCentralEnvoyDeployment } from './centralEnvoyDeployment';
import { EnvoyConfigPlan } from './envoyConfig';
import { sharedLabels } from './labels';
import { centralEnvoyPodLabels, principal } from './meshObjects';
import { KubernetesObject, PlatformSettings } from './types';

/**
 * The central Envoy's namespace and workload, in apply order: Namespace
 * (with injection, so the Envoy has the principal the tenants' auth
 * namespaces admit), ServiceAccount, STRICT mTLS, an ALLOW policy and a
 * NetworkPolicy admitting only the ingress gateway (W11, W12), Service,
 * Deployment and PodDisruptionBudget.
 *
 * @public
 */
export function planCentralEnvoyObjects(opts: {
  platform: PlatformSettings;
  envoy: EnvoyConfigPlan;
}): KubernetesObject[] {
  const { platform } = opts;
  const { envoy, gateway } = platform;
  const podLabels = () => centralEnvoyPodLabels(platform);
  const metadata = (name: string, component: string) => ({
    name,
    namespace: envoy.namespace,
    labels: sharedLabels(component),
  });

  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: envoy.namespace,
        labels: {
          ...sharedLabels('namespace'),
          [platform.meshInjection.label]: platform.meshInjection.value,
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(envoy.serviceAccount, 'authorizer'),
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: metadata('default', 'mesh'),
      spec: { mtls: { mode: 'STRICT' } },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: metadata('allow-ingress-gateway', 'mesh'),
      spec: {
        action: 'ALLOW',
        rules: [
          {
            from: [
              {
                source: {
                  principals: [
                    principal(
                      platform,
                      gateway.namespace,
                      gateway.serviceAccount,
                    ),
                  ],
                },
              },
            ],
            to: [{ operation: { ports: [String(envoy.port)] } }],
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('allow-ingress-gateway', 'mesh'),
      spec: {
        // The kubelet's readiness probes come from the node, which
        // NetworkPolicies always admit; only the checks need a rule.
        podSelector: { matchLabels: podLabels() },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: {
                    'kubernetes.io/metadata.name': gateway.namespace,
                  },
                },
                podSelector: { matchLabels: { ...gateway.selector } },
              },
            ],
            ports: [{ protocol: 'TCP', port: envoy.port }],
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(envoy.name, 'authorizer'),
      spec: {
        selector: podLabels(),
        ports: [
          {
            // `http` tells Istio the protocol, so checks are routed per
            // request across the replicas, not per connection.
            name: 'http',
            port: envoy.port,
            targetPort: 'checks',
            protocol: 'TCP',
            appProtocol: 'http',
          },
        ],
      },
    },
    planCentralEnvoyDeployment(opts),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(envoy.name, 'authorizer'),
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: podLabels() },
        // A pod that never got ready must not block a node drain.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    },
  ];
}
