import { InputError } from '@backstage/errors';
import { readPlatformSettings } from './platformSettings';

const minimal = {
  baseDomains: ['Example.com.'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
};

describe('readPlatformSettings', () => {
  it('applies every default to a minimal config', () => {
    expect(readPlatformSettings(minimal)).toEqual({
      baseDomains: ['example.com'],
      namespaces: { tenant: 'tenant-{id}', auth: 'tenant-{id}-auth' },
      meshInjection: { label: 'istio-injection', value: 'enabled' },
      trustDomain: 'cluster.local',
      gateway: {
        name: 'tenant-gateway',
        namespace: 'istio-ingress',
        selector: { istio: 'ingressgateway' },
        serviceAccount: 'istio-ingressgateway',
        credentialName: 'wildcard-example-com',
      },
      extAuthzProvider: 'tenant-authz',
      envoy: {
        namespace: 'tenant-authz',
        name: 'tenant-authz',
        serviceAccount: 'tenant-authz',
        port: 8080,
        image: 'envoyproxy/envoy:v1.38.8',
      },
      oauth2Proxy: {
        image: 'quay.io/oauth2-proxy/oauth2-proxy',
        version: 'v7.12.0',
      },
      cognito: {
        region: 'us-east-1',
        defaults: {
          mfa: 'optional',
          tokenValidity: {
            idToken: '1h',
            accessToken: '1h',
            refreshToken: '1d',
          },
        },
      },
    });
  });

  it.each([
    ['no credential', { ...minimal, gateway: {} }, 'gateway.credentialName'],
    ['no base domain', { ...minimal, baseDomains: [] }, 'baseDomains'],
    ['bad region', { ...minimal, cognito: { region: 'mars' } }, 'region'],
    [
      'pattern without id',
      { ...minimal, namespaces: { tenant: 'tenants' } },
      'namespaces.tenant',
    ],
    ['unknown key', { ...minimal, gatway: {} }, 'gatway'],
    [
      'a typo next to the module keys',
      { ...minimal, delivery: {}, catalog: {}, delivry: {} },
      'tenantMesh.delivry: is not a known field; did you mean delivery?',
    ],
    [
      "the admin API's port as the check port",
      { ...minimal, envoy: { port: 9901 } },
      'envoy.port',
    ],
  ])('rejects %s, naming the key', (_name, raw, key) => {
    expect(() => readPlatformSettings(raw)).toThrow(InputError);
    expect(() => readPlatformSettings(raw)).toThrow(key);
  });

  it('names a misspelt key with the key it probably meant', () => {
    expect(() => readPlatformSettings({ ...minimal, gatway: {} })).toThrow(
      'tenantMesh.gatway: is not a known field; did you mean gateway?',
    );
  });

  it.each([
    [undefined, 'tenantMesh: is required'],
    [{ ...minimal, cognito: undefined }, 'tenantMesh.cognito: is required'],
  ])('says %j is required without a trailing dot', (raw, line) => {
    expect(() => readPlatformSettings(raw)).toThrow(`\n${line}`);
  });

  it('accepts and leaves out the keys other modules own', () => {
    const settings = readPlatformSettings({
      ...minimal,
      delivery: { target: 'gitops', gitops: { repository: '/tmp/repo' } },
      catalog: { schedule: { frequency: { seconds: 10 } } },
    });
    expect(settings).toEqual(readPlatformSettings(minimal));
    expect(settings).not.toHaveProperty('delivery');
    expect(settings).not.toHaveProperty('catalog');
  });

  it.each([
    ['the defaults', {}],
    ['swapped defaults', { tenant: 'tenant-{id}-auth', auth: 'tenant-{id}' }],
    ['bare ids', { tenant: '{id}', auth: '{id}-auth' }],
    ['distinct prefixes', { tenant: 'app-{id}', auth: 'auth-{id}' }],
  ])('accepts namespace patterns: %s', (_name, namespaces) => {
    expect(() =>
      readPlatformSettings({ ...minimal, namespaces }),
    ).not.toThrow();
  });

  it.each([
    ['auth equal to the default tenant pattern', { auth: 'tenant-{id}' }],
    ['equal patterns', { tenant: 'ns-{id}', auth: 'ns-{id}' }],
  ])(
    'rejects namespace patterns that collide for every id: %s',
    (_name, namespaces) => {
      expect(() => readPlatformSettings({ ...minimal, namespaces })).toThrow(
        /\ntenantMesh\.namespaces\.auth: must never give/,
      );
    },
  );
});
