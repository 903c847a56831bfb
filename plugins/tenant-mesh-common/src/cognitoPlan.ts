import { tenantCallbackUrl, tenantLogoutUrl } from './callbackUrl';
import { parseDuration } from './durations';
import { COGNITO_TENANT_TAG, MANAGED_BY_VALUE } from './keys';
import { tenantNames } from './names';
import { CognitoPlan, PlatformSettings, ResolvedTenantSpec } from './types';

/** The immutable custom attribute that carries the tenant id. @public */
export const TENANT_ID_ATTRIBUTE = 'tenant_id';

const MFA_CONFIGURATION = {
  off: 'OFF',
  optional: 'OPTIONAL',
  on: 'ON',
} as const;

function minutes(duration: string): number {
  return (parseDuration(duration) ?? 0) / 60;
}

/**
 * The OIDC issuer of a user pool, exactly as go-oidc compares it (B01): never
 * the hosted-UI domain, never a trailing slash. Against the emulator the
 * issuer is the emulator's endpoint plus the pool id.
 *
 * @public
 */
export function cognitoIssuerUrl(
  userPoolId: string,
  platform: PlatformSettings,
): string {
  const { endpoint, region } = platform.cognito;
  if (endpoint) {
    return `${endpoint.replace(/\/+$/, '')}/${userPoolId}`;
  }
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** The hosted-UI base URL of a prefix domain. @public */
export function cognitoHostedUiUrl(prefix: string, region: string): string {
  return `https://${prefix}.auth.${region}.amazoncognito.com`;
}

/**
 * Cognito's desired state for one tenant, as AWS SDK request inputs. The app
 * client is created in one call with every setting (W3); the pool and client
 * are shaped for oauth2-proxy, which needs a verified `email` claim (B03).
 *
 * @public
 */
export function planCognito(
  spec: ResolvedTenantSpec,
  platform: PlatformSettings,
): CognitoPlan {
  const names = tenantNames(spec.tenantId, platform);
  const { region } = platform.cognito;
  const tags = {
    [COGNITO_TENANT_TAG]: spec.tenantId,
    'tenant-mesh:host': spec.host,
    'tenant-mesh:managed-by': MANAGED_BY_VALUE,
  };

  const userPool = {
    PoolName: names.cognitoPool,
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    AutoVerifiedAttributes: ['email'],
    Schema: [
      {
        Name: 'email',
        AttributeDataType: 'String',
        Required: true,
        Mutable: true,
      },
      {
        // Immutable: set once at user creation, never by the user (W16).
        Name: TENANT_ID_ATTRIBUTE,
        AttributeDataType: 'String',
        Required: false,
        Mutable: false,
        DeveloperOnlyAttribute: false,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '63' },
      },
    ],
    Policies: {
      PasswordPolicy: {
        MinimumLength: 12,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      },
    },
    // TOTP cannot be set at creation; `mfa` holds SetUserPoolMfaConfig.
    MfaConfiguration: 'OFF',
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    AccountRecoverySetting: {
      RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
    },
    DeletionProtection: 'ACTIVE',
    UserPoolTags: tags,
  };

  const callbackUrl = tenantCallbackUrl(spec.host);
  const userPoolClient = {
    ClientName: names.cognitoClient,
    GenerateSecret: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [callbackUrl],
    DefaultRedirectURI: callbackUrl,
    LogoutURLs: [tenantLogoutUrl(spec.host)],
    SupportedIdentityProviders: ['COGNITO'],
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    ReadAttributes: ['custom:tenant_id', 'email', 'email_verified'],
    // Never the tenant id: users must not move themselves between tenants.
    WriteAttributes: ['email'],
    IdTokenValidity: minutes(spec.tokenValidity.idToken),
    AccessTokenValidity: minutes(spec.tokenValidity.accessToken),
    RefreshTokenValidity: minutes(spec.tokenValidity.refreshToken),
    TokenValidityUnits: {
      IdToken: 'minutes',
      AccessToken: 'minutes',
      RefreshToken: 'minutes',
    },
  };

  return {
    region,
    tags,
    userPool,
    userPoolClient,
    mfa: {
      MfaConfiguration: MFA_CONFIGURATION[spec.mfa],
      SoftwareTokenMfaConfiguration: { Enabled: spec.mfa !== 'off' },
    },
    domainPrefix: spec.domainPrefix,
    hostedUiUrl: cognitoHostedUiUrl(spec.domainPrefix, region),
    ...(spec.identity
      ? { issuerUrl: cognitoIssuerUrl(spec.identity.userPoolId, platform) }
      : {}),
  };
}
