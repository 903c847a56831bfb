import { tenantLabels } from './labels';
import { PRODUCTPAGE_PORT } from './meshObjects';
import { TenantNames } from './names';
import { KubernetesObject, PlatformSettings } from './types';

/** `<ns>/<name>` of the shared Gateway, as a VirtualService must name it. */
export function gatewayRef(platform: PlatformSettings): string {
  return `${platform.gateway.namespace}/${platform.gateway.name}`;
}

/**
 * The tenant's own CUSTOM policy on the ingress gateway: one object per
 * tenant, never a shared host list edited in place (W4). Matching `host:*`
 * too covers a Host header that carries a port.
 *
 * @public
 */
export function planExtAuthzPolicy(opts: {
  tenantId: string;
  host: string;
  names: TenantNames;
  platform: PlatformSettings;
}): KubernetesObject {
  const { platform } = opts;
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name: opts.names.extAuthzPolicy,
      namespace: platform.gateway.namespace,
      labels: tenantLabels(opts.tenantId, 'routing'),
    },
    spec: {
      selector: { matchLabels: { ...platform.gateway.selector } },
      action: 'CUSTOM',
      provider: { name: platform.extAuthzProvider },
      rules: [
        { to: [{ operation: { hosts: [opts.host, `${opts.host}:*`] } }] },
      ],
    },
  };
}

/**
 * The tenant's VirtualService: bound to the shared Gateway as `ns/name`
 * (B15), with explicit paths only. A catch-all `/` would also expose what
 * oauth2-proxy answers 200 without login, such as `/ping` (W22).
 *
 * @public
 */
export function planVirtualService(opts: {
  tenantId: string;
  host: string;
  names: TenantNames;
  platform: PlatformSettings;
}): KubernetesObject {
  const destination = {
    destination: {
      host: `productpage.${opts.names.tenantNamespace}.svc.cluster.local`,
      port: { number: PRODUCTPAGE_PORT },
    },
  };
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: {
      name: opts.names.virtualService,
      namespace: opts.names.tenantNamespace,
      labels: tenantLabels(opts.tenantId, 'routing'),
    },
    spec: {
      hosts: [opts.host],
      gateways: [gatewayRef(opts.platform)],
      http: [
        {
          name: 'root',
          match: [{ uri: { exact: '/' } }],
          redirect: { uri: '/productpage' },
        },
        {
          name: 'productpage',
          match: [
            { uri: { exact: '/productpage' } },
            { uri: { prefix: '/static/' } },
            { uri: { exact: '/login' } },
            { uri: { exact: '/logout' } },
            { uri: { prefix: '/api/v1/products' } },
          ],
          route: [destination],
        },
      ],
    },
  };
}
