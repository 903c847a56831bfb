import { InputError } from '@backstage/errors';
import { acmeSpec, testPlatform } from './__fixtures__/platform';
import { assertValidTenant, validateTenant } from './validation';
import { readPlatformSettings } from './platformSettings';
import { PlatformSettings, TenantSpec, ValidationProblem } from './types';

function rules(problems: ValidationProblem[]): string[] {
  return problems.map(p => `${p.field}:${p.rule}`);
}

describe('validateTenant', () => {
  it('accepts acme', () => {
    expect(validateTenant(acmeSpec, testPlatform)).toEqual([]);
  });

  it.each<[string, Partial<TenantSpec> | Record<string, unknown>, string[]]>([
    // B25: DNS-1123 and the computed limit (50 with default patterns)
    ['uppercase id', { tenantId: 'Acme_Corp' }, ['tenantId:dns-label']],
    ['id starts with digit', { tenantId: '1acme' }, ['tenantId:dns-label']],
    ['id ends with hyphen', { tenantId: 'acme-' }, ['tenantId:dns-label']],
    [
      '50 chars',
      { tenantId: 'a'.repeat(50), host: `${'a'.repeat(50)}.example.com` },
      [],
    ],
    [
      '51 chars',
      { tenantId: 'a'.repeat(51), host: `${'a'.repeat(51)}.example.com` },
      ['tenantId:max-length'],
    ],
    [
      'reserved word in id',
      { tenantId: 'laws', host: 'laws.example.com' },
      ['domainPrefix:reserved-word'],
    ],
    ['empty display name', { displayName: '  ' }, ['displayName:length']],
    ['control char', { displayName: 'A\u0007' }, ['displayName:printable']],
    // host
    ['empty host', { host: '' }, ['host:fqdn']],
    ['url as host', { host: 'https://acme.example.com' }, ['host:bare-host']],
    ['host with port', { host: 'acme.example.com:8443' }, ['host:bare-host']],
    ['host with colon', { host: 'acme.example.com:' }, ['host:bare-host']],
    ['host with path', { host: 'acme.example.com/app' }, ['host:bare-host']],
    ['base domain itself', { host: 'example.com' }, ['host:base-domain']],
    ['other domain', { host: 'acme.example.org' }, ['host:base-domain']],
    ['suffix trick', { host: 'acme.notexample.com' }, ['host:base-domain']],
    ['two labels deep', { host: 'acme.a.example.com' }, ['host:one-label']],
    ['canonical form', { host: 'ACME.example.com.' }, []],
    // owner
    ['owner without kind', { owner: 'platform-team' }, ['owner:entity-ref']],
    ['component owner', { owner: 'component:default/x' }, ['owner:entity-ref']],
    ['owner short form', { owner: 'group:platform-team' }, []],
    // B16
    [
      'bad prefix',
      { domainPrefix: 'aws-acme' },
      ['domainPrefix:reserved-word'],
    ],
    ['prefix ok', { domainPrefix: 'acme-auth' }, []],
    // durations and Cognito bounds
    [
      'bad duration',
      { tokenValidity: { idToken: '1w' } },
      ['tokenValidity.idToken:format'],
    ],
    [
      'id token 4m',
      { tokenValidity: { idToken: '4m' } },
      ['tokenValidity.idToken:cognito-bounds'],
    ],
    [
      'id token 2d',
      { tokenValidity: { accessToken: '2d' } },
      ['tokenValidity.accessToken:cognito-bounds'],
    ],
    [
      'refresh 30m',
      { tokenValidity: { refreshToken: '30m' } },
      [
        'tokenValidity.refreshToken:cognito-bounds',
        'session.cookieRefresh:shorter-than-refresh-token',
      ],
    ],
    [
      'refresh 3651d',
      { tokenValidity: { refreshToken: '3651d' } },
      ['tokenValidity.refreshToken:cognito-bounds'],
    ],
    [
      'seconds',
      { tokenValidity: { idToken: '390s' } },
      ['tokenValidity.idToken:cognito-bounds'],
    ],
    // B06 and W16
    [
      'minimal + pass token',
      {
        session: {
          cookieMinimal: true,
          passAccessToken: true,
          cookieRefresh: '0',
        },
      },
      ['session.cookieMinimal:conflict'],
    ],
    [
      'minimal + refresh',
      { session: { cookieMinimal: true, cookieRefresh: '1h' } },
      ['session.cookieMinimal:conflict'],
    ],
    [
      'minimal alone',
      { session: { cookieMinimal: true, cookieRefresh: '0' } },
      [],
    ],
    [
      'refresh ≥ expire',
      { session: { cookieExpire: '1h', cookieRefresh: '1h' } },
      ['session.cookieRefresh:shorter-than-expire'],
    ],
    [
      'refresh = refresh token (W16)',
      {
        tokenValidity: { refreshToken: '1h' },
        session: { cookieRefresh: '1h' },
      },
      ['session.cookieRefresh:shorter-than-refresh-token'],
    ],
    // A browser-session cookie; refreshing then only has to beat the
    // refresh token, as oauth2-proxy checks it.
    ['zero expire', { session: { cookieExpire: '0', cookieRefresh: '0' } }, []],
    ['zero expire, refresh 30m', { session: { cookieExpire: '0' } }, []],
    [
      'zero expire, refresh = refresh token',
      { session: { cookieExpire: '0', cookieRefresh: '1d' } },
      ['session.cookieRefresh:shorter-than-refresh-token'],
    ],
    [
      'bad audience',
      { session: { extraAudiences: ['not a client'] } },
      ['session.extraAudiences.0:client-id'],
    ],
    // B01
    [
      'pool in another region',
      {
        identity: {
          userPoolId: 'eu-west-1_AbCdEf123',
          clientId: '1example23456789',
        },
      },
      ['identity.userPoolId:region'],
    ],
    [
      'malformed pool id',
      { identity: { userPoolId: 'AbCdEf123', clientId: '1example23456789' } },
      ['identity.userPoolId:user-pool-id'],
    ],
    [
      'malformed client id',
      { identity: { userPoolId: 'us-east-1_AbCdEf123', clientId: 'a b' } },
      ['identity.clientId:client-id'],
    ],
    ['unknown key', { cluster: 'x' }, ['cluster:unknown-field']],
    ['misspelt key', { sesion: {} }, ['sesion:unknown-field']],
    [
      'misspelt nested key',
      { session: { cookieExpir: '1h' } },
      ['session.cookieExpir:unknown-field'],
    ],
    ['wrong type', { mfa: 'always' }, ['mfa:invalid_enum_value']],
  ])('%s', (_name, change, expected) => {
    expect(
      rules(validateTenant({ ...acmeSpec, ...change }, testPlatform)),
    ).toEqual(expected);
  });

  it.each([
    ['sesion', { sesion: {} }, 'did you mean session?'],
    [
      'session.cookieExpir',
      { session: { cookieExpir: '1h' } },
      'did you mean cookieExpire?',
    ],
    ['tokenValidty', { tokenValidty: {} }, 'did you mean tokenValidity?'],
  ])('names unknown field %s with a suggestion', (field, change, hint) => {
    const problems = validateTenant({ ...acmeSpec, ...change }, testPlatform);
    expect(problems).toEqual([
      { field, rule: 'unknown-field', message: expect.stringContaining(hint) },
    ]);
  });

  it('names the limit in the tenantId message (B25)', () => {
    const [problem] = validateTenant(
      { ...acmeSpec, tenantId: 'a'.repeat(51) },
      testPlatform,
    );
    expect(problem.message).toContain('at most 50');
  });

  it('reports all problems at once', () => {
    const problems = validateTenant(
      {
        tenantId: '1acme',
        displayName: '',
        host: 'acme.example.org',
        owner: 'x',
      },
      testPlatform,
    );
    expect(rules(problems)).toEqual([
      'tenantId:dns-label',
      'displayName:length',
      'owner:entity-ref',
      'host:base-domain',
    ]);
  });

  it.each([
    ['another tenant', 'globex', ['host:host-taken']],
    ['the same tenant re-onboarding', 'acme', []],
  ])('host owned by %s', (_name, owner, expected) => {
    const existingTenants = [{ tenantId: owner, host: 'ACME.example.com.' }];
    expect(
      rules(validateTenant(acmeSpec, testPlatform, { existingTenants })),
    ).toEqual(expected);
  });

  const prefixOwnedBy = (tenantId: string) => [
    { tenantId, host: `${tenantId}.example.com`, domainPrefix: 'acme-auth' },
  ];

  it.each([
    ['another tenant', 'globex', ['domainPrefix:taken']],
    ['the same tenant re-onboarding', 'acme', []],
  ])(
    'B17: a domain prefix that is the domain of %s',
    (_name, owner, expected) => {
      const existingTenants = prefixOwnedBy(owner);
      expect(
        rules(
          validateTenant(
            { ...acmeSpec, domainPrefix: 'acme-auth' },
            testPlatform,
            {
              existingTenants,
            },
          ),
        ),
      ).toEqual(expected);
    },
  );

  it('B17: names the tenant whose domain the prefix is', () => {
    const [problem] = validateTenant(
      { ...acmeSpec, domainPrefix: 'acme-auth' },
      testPlatform,
      { existingTenants: prefixOwnedBy('globex') },
    );
    expect(problem.message).toBe(
      'acme-auth is the hosted-UI domain of tenant globex; choose another prefix, or leave it out to derive one',
    );
  });

  it.each([
    ['globex.example.com', ['host:host-of-tenant']],
    ['acme.example.com', []],
    ['acme-shop.example.com', []],
    ['acmeshop.example.com', ['host:host-of-tenant']],
  ])('B22: host %s for tenant acme → %j', (host, expected) => {
    expect(rules(validateTenant({ ...acmeSpec, host }, testPlatform))).toEqual(
      expected,
    );
  });
});

describe('assertValidTenant', () => {
  it('throws an InputError listing every problem as field: message', () => {
    const call = () =>
      assertValidTenant(
        { ...acmeSpec, tenantId: 'Acme', host: 'acme.example.org' },
        testPlatform,
      );
    expect(call).toThrow(InputError);
    expect(call).toThrow(/\ntenantId: must be a lowercase DNS label/);
    expect(call).toThrow(/\nhost: must be a subdomain of example.com/);
  });

  it('passes a valid tenant', () => {
    expect(() => assertValidTenant(acmeSpec, testPlatform)).not.toThrow();
  });
});

describe('validateTenant: namespaces are the tenant’s own', () => {
  const withPatterns = (tenant: string, auth: string) =>
    readPlatformSettings({
      baseDomains: ['example.com'],
      gateway: { credentialName: 'wildcard-example-com' },
      cognito: { region: 'us-east-1' },
      namespaces: { tenant, auth },
    });
  const defaults = testPlatform;
  const swapped = withPatterns('tenant-{id}-auth', 'tenant-{id}');
  const bare = withPatterns('{id}', '{id}-auth');
  const envoyInTenantSpace = readPlatformSettings({
    baseDomains: ['example.com'],
    gateway: { credentialName: 'wildcard-example-com' },
    cognito: { region: 'us-east-1' },
    envoy: { namespace: 'tenant-authz-gw' },
  });

  it.each<[string, PlatformSettings, string, boolean]>([
    // acme's auth namespace is tenant-acme-auth; acme-auth's workload
    // namespace would be the same, holding acme's Secret.
    ['defaults', defaults, 'acme', true],
    ['defaults', defaults, 'acme-auth', false],
    ['defaults', defaults, 'globex-auth', false],
    ['defaults', defaults, 'acme-authz', true],
    ['defaults', defaults, 'auth', true],
    // The central Envoy's namespace (tenant-authz).
    ['defaults', defaults, 'authz', false],
    ['defaults', envoyInTenantSpace, 'authz-gw', false],
    // The auth pattern is now the one that reaches into the other's names.
    ['swapped', swapped, 'acme', true],
    ['swapped', swapped, 'acme-auth', false],
    // System, mesh and gateway namespaces.
    ['bare', bare, 'default', false],
    ['bare', bare, 'kube-system', false],
    ['bare', bare, 'kube-public', false],
    ['bare', bare, 'kube-node-lease', false],
    ['bare', bare, 'istio-system', false],
    ['bare', bare, 'istio-ingress', false],
    ['bare', bare, 'tenant-authz', false],
    ['bare', bare, 'kube', true],
    ['bare', bare, 'istio', true],
  ])('%s patterns: %s is valid: %s', (_name, platform, tenantId, valid) => {
    const problems = validateTenant(
      { ...acmeSpec, tenantId, host: `${tenantId}.example.com` },
      platform,
    ).filter(p => p.rule === 'namespace-collision');
    expect(problems.length === 0).toBe(valid);
    problems.forEach(p => expect(p.field).toBe('tenantId'));
  });

  it('names the tenant whose namespace it would take', () => {
    const [problem] = validateTenant(
      { ...acmeSpec, tenantId: 'acme-auth', host: 'acme-auth.example.com' },
      testPlatform,
    );
    expect(problem).toMatchObject({
      field: 'tenantId',
      rule: 'namespace-collision',
    });
    expect(problem.message).toContain('tenant-acme-auth');
    expect(problem.message).toContain("tenant acme's auth namespace");
  });
});

describe('validateTenant: emulator pool ids', () => {
  const emulated = readPlatformSettings({
    baseDomains: ['example.com'],
    gateway: { credentialName: 'wildcard-example-com' },
    cognito: { region: 'us-east-1', endpoint: 'http://localhost:9229' },
  });
  const identity = (userPoolId: string) => ({
    ...acmeSpec,
    identity: { userPoolId, clientId: '1example23456789' },
  });

  it.each<[string, PlatformSettings, string, string[]]>([
    ['emulator', emulated, 'local_AbC123', []],
    ['emulator', emulated, 'us-east-1_AbCdEf123', []],
    // B01 still holds for AWS ids next to an emulator.
    [
      'emulator',
      emulated,
      'eu-west-1_AbCdEf123',
      ['identity.userPoolId:region'],
    ],
    [
      'emulator',
      emulated,
      'local-AbC123',
      ['identity.userPoolId:user-pool-id'],
    ],
    ['AWS', testPlatform, 'local_AbC123', ['identity.userPoolId:user-pool-id']],
  ])('%s: %s → %j', (_name, platform, userPoolId, expected) => {
    expect(rules(validateTenant(identity(userPoolId), platform))).toEqual(
      expected,
    );
  });
});
