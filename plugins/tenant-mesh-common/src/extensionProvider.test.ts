import { parse } from 'yaml';
import { testPlatform } from './__fixtures__/platform';
import {
  extensionProviderYaml,
  planExtensionProvider,
} from './extensionProvider';

describe('planExtensionProvider (B07/B08, W13, W14)', () => {
  const provider = planExtensionProvider(testPlatform);
  const http = provider.envoyExtAuthzHttp;

  it('points at the central Envoy and fails closed', () => {
    expect(provider.name).toBe('tenant-authz');
    expect(http).toMatchObject({
      service: 'tenant-authz.tenant-authz.svc.cluster.local',
      port: 8080,
      timeout: '5s',
      failOpen: false,
    });
    expect(http).not.toHaveProperty('pathPrefix');
  });

  it.each([
    [
      'includeRequestHeadersInCheck',
      ['cookie', 'authorization', 'x-forwarded-proto'],
    ],
    ['headersToDownstreamOnDeny', ['set-cookie', 'location', 'content-type']],
    ['headersToDownstreamOnAllow', ['set-cookie']],
    // B08: a prefix, so x-auth-request-groups and the rest reach the app.
    ['headersToUpstreamOnAllow', ['authorization', 'x-auth-request-*']],
  ] as const)('%s contains %j', (key, headers) => {
    expect(http[key]).toEqual(expect.arrayContaining([...headers]));
  });

  it('renders as a meshConfig fragment', () => {
    expect(parse(extensionProviderYaml(testPlatform))).toEqual({
      extensionProviders: [provider],
    });
  });
});
