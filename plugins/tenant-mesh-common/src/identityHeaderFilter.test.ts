import { testPlatform } from './__fixtures__/platform';
import {
  IDENTITY_HEADERS,
  planIdentityHeaderFilter,
} from './identityHeaderFilter';
import { planExtensionProvider } from './extensionProvider';

describe('planIdentityHeaderFilter', () => {
  const filter = planIdentityHeaderFilter(testPlatform);
  const [patch] = (
    filter.spec as {
      workloadSelector: { labels: Record<string, string> };
      configPatches: Array<{
        match: { listener: { filterChain: { filter: { subFilter: object } } } };
        patch: {
          operation: string;
          value: {
            typed_config: {
              mutations: { request_mutations: Array<{ remove: string }> };
            };
          };
        };
      }>;
    }
  ).configPatches;

  it('runs on the ingress gateway before the ext-authz check', () => {
    expect(filter.metadata.namespace).toBe(testPlatform.gateway.namespace);
    expect(
      (filter.spec as { workloadSelector: object }).workloadSelector,
    ).toEqual({ labels: testPlatform.gateway.selector });
    expect(patch.patch.operation).toBe('INSERT_BEFORE');
    expect(patch.match.listener.filterChain.filter.subFilter).toEqual({
      name: 'envoy.filters.http.ext_authz',
    });
  });

  it('removes every identity header a client could forge', () => {
    const removed =
      patch.patch.value.typed_config.mutations.request_mutations.map(
        m => m.remove,
      );
    expect(removed).toEqual(IDENTITY_HEADERS);
    // Every header the gateway copies upstream from oauth2-proxy's answer,
    // other than Authorization (always set), is one of them.
    const upstream =
      planExtensionProvider(testPlatform).envoyExtAuthzHttp
        .headersToUpstreamOnAllow;
    const prefixes = upstream
      .filter(h => h !== 'authorization')
      .map(h => h.replace(/\*$/, ''));
    for (const prefix of prefixes) {
      expect(IDENTITY_HEADERS.some(h => h.startsWith(prefix))).toBe(true);
    }
  });
});
