import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { planCognito } from './cognitoPlan';
import { COGNITO_TENANT_TAG } from './keys';
import { renderOauth2ProxyConfig } from './oauth2ProxyConfig';
import { resolveTenantSpec } from './tenantSpec';

const acme = resolveTenantSpec(acmeSpec, testPlatform);

describe('planCognito', () => {
  const plan = planCognito(acme, testPlatform);

  it('uses the pool issuer, never the hosted-UI domain (B01)', () => {
    expect(plan.issuerUrl).toBe(
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
    );
    expect(plan.hostedUiUrl).toMatch(
      /^https:\/\/acme-[0-9a-f]{8}\.auth\.us-east-1\.amazoncognito\.com$/,
    );
  });

  it('uses the emulator endpoint as issuer base', () => {
    const local = {
      ...testPlatform,
      cognito: { ...testPlatform.cognito, endpoint: 'http://localhost:9229/' },
    };
    expect(planCognito(acme, local).issuerUrl).toBe(
      'http://localhost:9229/us-east-1_AbCdEf123',
    );
  });

  it('has no issuer before the pool exists', () => {
    const globex = resolveTenantSpec(globexSpec, testPlatform);
    expect(planCognito(globex, testPlatform).issuerUrl).toBeUndefined();
  });

  it('makes email the verified username (B03)', () => {
    expect(plan.userPool).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
      UserPoolTags: { [COGNITO_TENANT_TAG]: 'acme' },
    });
    expect(plan.userPool.Schema).toContainEqual(
      expect.objectContaining({ Name: 'email', Required: true }),
    );
    expect(plan.userPoolClient.AllowedOAuthScopes).toEqual(['openid', 'email']);
    expect(plan.userPoolClient.ReadAttributes).toEqual(
      expect.arrayContaining(['email', 'email_verified', 'custom:tenant_id']),
    );
  });

  it('keeps the tenant id immutable and unwritable (W16)', () => {
    expect(plan.userPool.Schema).toContainEqual(
      expect.objectContaining({ Name: 'tenant_id', Mutable: false }),
    );
    expect(plan.userPoolClient.WriteAttributes).not.toContain(
      'custom:tenant_id',
    );
  });

  it('asks for a strong password policy', () => {
    expect(plan.userPool.Policies).toEqual({
      PasswordPolicy: expect.objectContaining({
        MinimumLength: 12,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      }),
    });
  });

  it('creates the app client in one call with every setting (W3, B18)', () => {
    expect(plan.userPoolClient).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://acme.example.com/oauth2/callback'],
      LogoutURLs: ['https://acme.example.com/'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 1440,
      TokenValidityUnits: {
        IdToken: 'minutes',
        AccessToken: 'minutes',
        RefreshToken: 'minutes',
      },
    });
  });

  it('registers the callback oauth2-proxy sends, byte for byte (B18)', () => {
    const config = renderOauth2ProxyConfig(acme, testPlatform)!;
    const redirect = /^redirect_url = "(.*)"$/m.exec(config)![1];
    expect(plan.userPoolClient.CallbackURLs).toEqual([redirect]);
  });

  it.each([
    ['off', 'OFF', false],
    ['optional', 'OPTIONAL', true],
    ['on', 'ON', true],
  ] as const)('sets MFA %s with software tokens', (mfa, mode, enabled) => {
    const spec = resolveTenantSpec({ ...acmeSpec, mfa }, testPlatform);
    expect(planCognito(spec, testPlatform).mfa).toEqual({
      MfaConfiguration: mode,
      SoftwareTokenMfaConfiguration: { Enabled: enabled },
    });
  });

  it('takes an explicit domain prefix', () => {
    const spec = resolveTenantSpec(
      { ...acmeSpec, domainPrefix: 'acme-auth' },
      testPlatform,
    );
    expect(planCognito(spec, testPlatform)).toMatchObject({
      domainPrefix: 'acme-auth',
      hostedUiUrl: 'https://acme-auth.auth.us-east-1.amazoncognito.com',
    });
  });
});
