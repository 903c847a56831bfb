import { testPlatform } from './__fixtures__/platform';
import {
  ENVOY_DNS_CACHE_MAX_HOSTS,
  planEnvoyBootstrap,
} from './envoyBootstrap';

/** Every `dns_cache_config` in the bootstrap, wherever it sits. */
function dnsCaches(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) {
    return node.flatMap(dnsCaches);
  }
  if (typeof node !== 'object' || node === null) {
    return [];
  }
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'dns_cache_config'
      ? [value as Record<string, unknown>]
      : dnsCaches(value),
  );
}

describe('planEnvoyBootstrap', () => {
  it('sizes the DNS cache for the ~11,000 tenants the route shards hold', () => {
    const caches = dnsCaches(planEnvoyBootstrap(testPlatform));
    // The forward-proxy filters (one per listener) and the cluster share one
    // cache by name, so Envoy needs the same config in every place.
    expect(caches.length).toBeGreaterThan(1);
    caches.forEach(cache => expect(cache).toEqual(caches[0]));
    expect(ENVOY_DNS_CACHE_MAX_HOSTS).toBeGreaterThan(11000);
    expect(caches[0]).toMatchObject({
      max_hosts: ENVOY_DNS_CACHE_MAX_HOSTS,
      dns_cache_circuit_breaker: {
        max_pending_requests: ENVOY_DNS_CACHE_MAX_HOSTS,
      },
    });
  });
});
