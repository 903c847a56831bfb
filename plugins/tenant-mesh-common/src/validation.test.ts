import { InputError } from '@backstage/errors';
import { acmeSpec, testPlatform } from './__fixtures__/platform';
import { assertValidTenant, validateTenant } from './validation';
import { TenantSpec, ValidationProblem } from './types';

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
    ['url as host', { host: 'https://acme.example.com' }, ['host:fqdn']],
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
    [
      'zero expire',
      { session: { cookieExpire: '0', cookieRefresh: '0' } },
      ['session.cookieExpire:positive'],
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
    ['unknown key', { cluster: 'x' }, ['spec:unrecognized_keys']],
    ['wrong type', { mfa: 'always' }, ['mfa:invalid_enum_value']],
  ])('%s', (_name, change, expected) => {
    expect(
      rules(validateTenant({ ...acmeSpec, ...change }, testPlatform)),
    ).toEqual(expected);
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
