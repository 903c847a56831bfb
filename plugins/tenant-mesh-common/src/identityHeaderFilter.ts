import { sharedLabels } from './labels';
import { KubernetesObject, PlatformSettings } from './types';

/** Name of the gateway filter that drops identity headers sent by clients. */
export const IDENTITY_HEADER_FILTER = 'tenant-mesh-strip-identity-headers';

/**
 * Identity headers oauth2-proxy sets on an allowed request. The gateway copies
 * only those present in oauth2-proxy's answer upstream, overwriting the
 * client's; one it does not send (a user without groups, no access token
 * passed) would otherwise reach the tenant's app exactly as the client wrote
 * it, e.g. `X-Auth-Request-Groups: admin`.
 *
 * @public
 */
export const IDENTITY_HEADERS = [
  'x-auth-request-access-token',
  'x-auth-request-email',
  'x-auth-request-groups',
  'x-auth-request-preferred-username',
  'x-auth-request-user',
  'x-forwarded-access-token',
  'x-forwarded-email',
  'x-forwarded-groups',
  'x-forwarded-preferred-username',
  'x-forwarded-user',
];

/**
 * An EnvoyFilter on the ingress gateway that removes every identity header a
 * client sends, before the ext-authz check, so the only identity headers the
 * tenant's app sees are the ones oauth2-proxy set for this request. Istio has
 * no API for this: AuthorizationPolicy and VirtualService header rules run
 * after the check and would strip oauth2-proxy's headers too.
 *
 * @public
 */
export function planIdentityHeaderFilter(
  platform: PlatformSettings,
): KubernetesObject {
  const { gateway } = platform;
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: {
      name: IDENTITY_HEADER_FILTER,
      namespace: gateway.namespace,
      labels: sharedLabels('routing'),
    },
    spec: {
      workloadSelector: { labels: { ...gateway.selector } },
      configPatches: [
        {
          applyTo: 'HTTP_FILTER',
          match: {
            context: 'GATEWAY',
            listener: {
              filterChain: {
                filter: {
                  name: 'envoy.filters.network.http_connection_manager',
                  subFilter: { name: 'envoy.filters.http.ext_authz' },
                },
              },
            },
          },
          patch: {
            operation: 'INSERT_BEFORE',
            value: {
              name: IDENTITY_HEADER_FILTER,
              typed_config: {
                '@type':
                  'type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation',
                mutations: {
                  request_mutations: IDENTITY_HEADERS.map(header => ({
                    remove: header,
                  })),
                },
              },
            },
          },
        },
      ],
    },
  };
}
