import { acmeSpec, testPlatform } from './__fixtures__/platform';
import {
  resolveTenantSpec,
  TENANT_ID_PATTERN,
  tenantSpecSchema,
} from './tenantSpec';

describe('tenantSpecSchema', () => {
  it('uses the exported tenant id pattern (B22)', () => {
    const tenantId = tenantSpecSchema.shape.tenantId;
    const regexCheck = tenantId._def.checks.find(c => c.kind === 'regex');
    expect(regexCheck && 'regex' in regexCheck && regexCheck.regex.source).toBe(
      TENANT_ID_PATTERN,
    );
  });

  it('refuses keys a tenant file must not have', () => {
    expect(
      tenantSpecSchema.safeParse({ ...acmeSpec, cluster: 'x' }).success,
    ).toBe(false);
  });
});

describe('resolveTenantSpec', () => {
  it('applies platform and session defaults', () => {
    const resolved = resolveTenantSpec(
      { ...acmeSpec, host: 'Acme.Example.com.' },
      testPlatform,
    );
    expect(resolved).toMatchObject({
      host: 'acme.example.com',
      mfa: 'optional',
      workload: 'bookinfo',
      tokenValidity: { idToken: '1h', accessToken: '1h', refreshToken: '1d' },
      session: {
        cookieExpire: '12h',
        cookieRefresh: '30m',
        cookieMinimal: false,
        passAccessToken: false,
        skipJwtBearerTokens: false,
        extraAudiences: [],
        allowUnverifiedEmail: false,
      },
    });
  });

  it('keeps what the spec sets', () => {
    const resolved = resolveTenantSpec(
      { ...acmeSpec, mfa: 'on', tokenValidity: { idToken: '30m' } },
      testPlatform,
    );
    expect(resolved.mfa).toBe('on');
    expect(resolved.tokenValidity).toEqual({
      idToken: '30m',
      accessToken: '1h',
      refreshToken: '1d',
    });
  });
});
