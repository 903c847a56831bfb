import {
  UpdateUserPoolRequest,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  COGNITO_TENANT_TAG,
  CognitoPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * True when every value the plan sets is present in the live value. Cognito
 * fills in defaults and may reorder lists, so extra fields in the live value
 * and a different order of list items are not differences.
 */
export function matchesPlan(planned: unknown, live: unknown): boolean {
  if (planned === undefined) {
    return true;
  }
  if (Array.isArray(planned)) {
    if (!Array.isArray(live) || live.length !== planned.length) {
      return false;
    }
    return planned.every(item => live.some(l => matchesPlan(item, l)));
  }
  if (typeof planned === 'object' && planned !== null) {
    if (typeof live !== 'object' || live === null) {
      return false;
    }
    const liveRecord = live as Record<string, unknown>;
    return Object.entries(planned).every(([key, value]) =>
      matchesPlan(value, liveRecord[key]),
    );
  }
  return planned === live;
}

function difference(field: string, planned: unknown, live: unknown): string {
  const found = live === undefined ? 'nothing' : JSON.stringify(live);
  return `${field}: planned ${JSON.stringify(planned)}, found ${found}`;
}

/** The settings UpdateUserPool accepts, besides the pool id and tags. */
export const MUTABLE_POOL_SETTINGS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'PoolName',
  'UserPoolTier',
] as const satisfies readonly (keyof UpdateUserPoolRequest)[];

/** The tags the tenant's pool must carry: the plan's and the tenant tag. */
export function plannedPoolTags(
  plan: CognitoPlan,
  tenantId: string,
): Record<string, string> {
  const fromPool = plan.userPool.UserPoolTags as
    | Record<string, string>
    | undefined;
  return { ...fromPool, ...plan.tags, [COGNITO_TENANT_TAG]: tenantId };
}

function livePoolSetting(pool: UserPoolType, setting: string): unknown {
  // DescribeUserPool calls the pool name `Name`; the requests `PoolName`.
  const key = setting === 'PoolName' ? 'Name' : setting;
  return (pool as Record<string, unknown>)[key];
}

/**
 * The mutable pool settings (and tags) whose live value differs from the
 * plan, as `{ setting, message }`.
 */
export function comparePoolWithPlan(
  pool: UserPoolType,
  plan: CognitoPlan,
  tenantId: string,
): { setting: string; message: string }[] {
  const planned: Record<string, unknown> = {
    ...plan.userPool,
    // MFA is set after creation (SetUserPoolMfaConfig); that is the plan.
    ...(plan.mfa ? { MfaConfiguration: plan.mfa.MfaConfiguration } : {}),
  };
  // AWS always reports DeletionProtection; cognito-local omits it, which is
  // not knowing it rather than a difference.
  if (pool.DeletionProtection === undefined) {
    delete planned.DeletionProtection;
  }
  const differences: { setting: string; message: string }[] =
    MUTABLE_POOL_SETTINGS.filter(
      setting => !matchesPlan(planned[setting], livePoolSetting(pool, setting)),
    ).map(setting => ({
      setting,
      message: difference(
        setting,
        planned[setting],
        livePoolSetting(pool, setting),
      ),
    }));

  const tags = plannedPoolTags(plan, tenantId);
  if (!matchesPlan(tags, pool.UserPoolTags ?? {})) {
    differences.push({
      setting: 'UserPoolTags',
      message: difference('UserPoolTags', tags, pool.UserPoolTags),
    });
  }
  return differences;
}

/** OAuth settings that must hold before oauth2-proxy can use the client. */
export const OAUTH_CLIENT_SETTINGS = [
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'CallbackURLs',
  'LogoutURLs',
  'SupportedIdentityProviders',
] as const;

/**
 * The app client settings whose live value differs from the plan, as
 * `{ setting, message }`. The client secret is never compared or shown;
 * only whether the client has one.
 */
export function clientDifferences(
  client: UserPoolClientType,
  plan: CognitoPlan,
): { setting: string; message: string }[] {
  const { GenerateSecret, ...planned } = plan.userPoolClient;
  const live = client as Record<string, unknown>;
  const differences = Object.entries(planned)
    .filter(([setting]) => setting !== 'ClientSecret')
    .filter(([setting, value]) => !matchesPlan(value, live[setting]))
    .map(([setting, value]) => ({
      setting,
      message: difference(setting, value, live[setting]),
    }));

  if (GenerateSecret === true && !client.ClientSecret) {
    differences.push({
      setting: 'GenerateSecret',
      message: 'GenerateSecret: planned a client secret, the client has none',
    });
  }
  return differences;
}

/**
 * Differences between a described app client and the plan, one sentence
 * each; empty when the client matches.
 */
export function compareClientWithPlan(
  client: UserPoolClientType,
  plan: CognitoPlan,
): string[] {
  return clientDifferences(client, plan).map(d => d.message);
}
