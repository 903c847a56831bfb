import {
  COGNITO_TENANT_TAG,
  CognitoPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** A tenant's Cognito plan as the seed architecture sets it up. */
export function tenantPlan(tenantId: string): CognitoPlan {
  const host = `${tenantId}.example.com`;
  const domainPrefix = `${tenantId}-auth-20417`;
  return {
    region: 'us-east-1',
    tags: { [COGNITO_TENANT_TAG]: tenantId },
    userPool: {
      PoolName: `${tenantId}_example_com`,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      MfaConfiguration: 'OFF',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [
        {
          Name: 'email',
          AttributeDataType: 'String',
          Mutable: true,
          Required: true,
          StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
        },
        {
          Name: 'tenantid',
          AttributeDataType: 'String',
          Mutable: false,
          StringAttributeConstraints: { MinLength: '1', MaxLength: '20' },
        },
      ],
    },
    userPoolClient: {
      ClientName: `${tenantId}_client`,
      GenerateSecret: true,
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: {
        AccessToken: 'hours',
        IdToken: 'hours',
        RefreshToken: 'days',
      },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [`https://${host}/oauth2/callback`],
      LogoutURLs: [`https://${host}`],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      AllowedOAuthFlowsUserPoolClient: true,
      ReadAttributes: ['custom:tenantid', 'email', 'email_verified'],
    },
    domainPrefix,
    hostedUiUrl: `https://${domainPrefix}.auth.us-east-1.amazoncognito.com`,
  };
}
