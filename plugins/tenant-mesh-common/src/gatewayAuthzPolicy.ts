import { sharedLabels } from './labels';
import { KubernetesObject, PlatformSettings } from './types';

/**
 * Name of the gateway-wide CUSTOM policy. Tenant policies are all named
 * `ext-authz-<id>`, so no tenant id can produce this name.
 *
 * @public
 */
export const GATEWAY_AUTHZ_POLICY = 'tenant-mesh-every-host';

/**
 * The gateway-wide rule that refuses a host no tenant owns (W1): a CUSTOM
 * policy on the ingress gateway whose single empty rule matches every
 * request, whatever its host, so every request is checked by the central
 * Envoy, which has no catch-all and answers 404 for an unknown host: a deny.
 * A host that is routed but lost its tenant policy (W4, W19) is therefore
 * still checked, and fails closed.
 *
 * Why not a DENY policy with `notHosts`: that list of every tenant's host
 * would be one more shared list edited per tenant (W4), and a second source
 * of truth next to the Envoy routes. The CUSTOM policy names the same
 * provider as the tenant policies, so the gateway still has one CUSTOM
 * provider (B10). The cost: the gateway selected by `tenantMesh.gateway`
 * must serve tenant hosts only; any other host on it is refused too.
 *
 * @public
 */
export function planGatewayAuthzPolicy(
  platform: PlatformSettings,
): KubernetesObject {
  const { gateway } = platform;
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name: GATEWAY_AUTHZ_POLICY,
      namespace: gateway.namespace,
      labels: sharedLabels('routing'),
    },
    spec: {
      selector: { matchLabels: { ...gateway.selector } },
      action: 'CUSTOM',
      provider: { name: platform.extAuthzProvider },
      rules: [{}],
    },
  };
}
