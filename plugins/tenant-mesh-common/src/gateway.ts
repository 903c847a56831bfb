import { InputError } from '@backstage/errors';
import { canonicalHost } from './hosts';
import { sharedLabels } from './labels';
import { KubernetesObject, PlatformSettings } from './types';

/** A tenant as the shared objects see it. @public */
export interface TenantBinding {
  tenantId: string;
  host: string;
  /** The tenant's workload namespace. */
  namespace: string;
}

/**
 * Refuses two tenants on one host. The shared objects route a host to one
 * tenant only, and Envoy rejects a route file that lists a host twice, so
 * shared objects built from such entries would break every tenant's routing.
 * The deliveries refuse a host that is taken before they write; this is the
 * last guard, against records that already disagree.
 *
 * @throws InputError naming the host and both tenants.
 * @public
 */
export function assertOneTenantPerHost(
  entries: Array<{ tenantId: string; host: string }>,
): void {
  const ownerByHost = new Map<string, string>();
  for (const { tenantId, host } of entries) {
    const canonical = canonicalHost(host);
    const owner = ownerByHost.get(canonical);
    if (owner !== undefined && owner !== tenantId) {
      throw new InputError(
        `Tenants ${owner} and ${tenantId} both claim host ${canonical}; the shared Gateway and central Envoy route a host to one tenant only, so fix the host of one of them`,
      );
    }
    ownerByHost.set(canonical, tenantId);
  }
}

/**
 * The one ingress Gateway of all tenants, or `undefined` without tenants
 * (Istio refuses a server without hosts).
 *
 * All tenants share one wildcard certificate, so they must share one Gateway
 * object: browsers reuse one HTTP/2 connection for every host the
 * certificate covers, and the gateway then answers 404 for any host of a
 * second Gateway with the same certificate (case B14, IST0138). Each host is
 * bound as `<tenant namespace>/<host>`, never `<ns>/*`, so a tenant's
 * namespace cannot bind another tenant's host (W10).
 *
 * @throws InputError when two tenants claim one host.
 * @public
 */
export function planGateway(
  bindings: TenantBinding[],
  platform: PlatformSettings,
): KubernetesObject | undefined {
  if (bindings.length === 0) {
    return undefined;
  }
  assertOneTenantPerHost(bindings);
  const { gateway } = platform;
  const hosts = [...bindings]
    .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1))
    .map(b => `${b.namespace}/${b.host}`);
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: {
      name: gateway.name,
      namespace: gateway.namespace,
      labels: sharedLabels('gateway'),
    },
    spec: {
      selector: { ...gateway.selector },
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts,
          tls: {
            mode: 'SIMPLE',
            credentialName: gateway.credentialName,
            minProtocolVersion: 'TLSV1_2',
          },
        },
        {
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: [...hosts],
          tls: { httpsRedirect: true },
        },
      ],
    },
  };
}
