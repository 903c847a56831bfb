import {
  CreateUserPoolCommand,
  CreateUserPoolRequest,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigRequest,
  UpdateUserPoolCommand,
  UpdateUserPoolRequest,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { InputError } from '@backstage/errors';
import {
  COGNITO_TENANT_TAG,
  CognitoPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { callCognito } from './cognitoErrors';
import {
  MUTABLE_POOL_SETTINGS,
  comparePoolWithPlan,
  plannedPoolTags,
} from './compareWithPlan';
import { findTaggedUserPool } from './findUserPool';
import { CognitoContext, EnsureUserPoolResult } from './types';

function assertPlanIsForTenant(plan: CognitoPlan, tenantId: string) {
  const tagged = plan.tags[COGNITO_TENANT_TAG];
  if (tagged !== undefined && tagged !== tenantId) {
    throw new InputError(
      `The Cognito plan is tagged for tenant ${tagged}, not for tenant ${tenantId}`,
    );
  }
}

/**
 * The full UpdateUserPool input: UpdateUserPool resets every setting it is
 * not given, so the live values are sent back for settings the plan leaves
 * out, and the plan's values win where it has them.
 */
function poolUpdate(
  pool: UserPoolType,
  plan: CognitoPlan,
  tenantId: string,
): UpdateUserPoolRequest {
  const live = { ...pool, PoolName: pool.Name } as Record<string, unknown>;
  const planned = plan.userPool as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  for (const setting of MUTABLE_POOL_SETTINGS) {
    settings[setting] = planned[setting] ?? live[setting];
  }
  const update = {
    ...settings,
    UserPoolId: pool.Id,
    UserPoolTags: { ...pool.UserPoolTags, ...plannedPoolTags(plan, tenantId) },
  } as UpdateUserPoolRequest;

  // Cognito still describes the deprecated UnusedAccountValidityDays, but
  // refuses it next to PasswordPolicy.TemporaryPasswordValidityDays.
  const temporaryDays =
    update.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays;
  if (temporaryDays !== undefined && update.AdminCreateUserConfig) {
    const { UnusedAccountValidityDays: _unused, ...adminCreateUser } =
      update.AdminCreateUserConfig;
    update.AdminCreateUserConfig = adminCreateUser;
  }
  return update;
}

/**
 * Brings the pool's MFA setting to the plan. CreateUserPool cannot turn on
 * software-token MFA, so this is a step of its own, run after creating and
 * after adopting; it writes only when the live setting differs.
 *
 * @returns whether the setting was changed
 */
async function ensureMfa(
  ctx: CognitoContext,
  options: { plan: CognitoPlan; tenantId: string; userPoolId: string },
): Promise<boolean> {
  const { plan, tenantId, userPoolId } = options;
  if (!plan.mfa) {
    return false;
  }
  const resource = `user pool ${userPoolId}`;
  const live = await callCognito(
    { operation: 'GetUserPoolMfaConfig', tenantId, resource },
    () =>
      ctx.client.send(
        new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }),
      ),
  );
  const wanted: Omit<SetUserPoolMfaConfigRequest, 'UserPoolId'> = plan.mfa;
  const totp = (config?: { Enabled?: boolean }) => config?.Enabled === true;
  if (
    live.MfaConfiguration === wanted.MfaConfiguration &&
    totp(live.SoftwareTokenMfaConfiguration) ===
      totp(wanted.SoftwareTokenMfaConfiguration)
  ) {
    return false;
  }
  await callCognito(
    { operation: 'SetUserPoolMfaConfig', tenantId, resource },
    () =>
      ctx.client.send(
        new SetUserPoolMfaConfigCommand({ ...wanted, UserPoolId: userPoolId }),
      ),
  );
  ctx.logger?.info('Set Cognito user pool MFA', {
    tenantId,
    userPoolId,
    mfa: String(wanted.MfaConfiguration),
  });
  return true;
}

/**
 * Creates the tenant's user pool, or adopts the one tagged with the tenant
 * id and brings its mutable settings to the plan. Never creates a second
 * pool for a tenant.
 */
export async function ensureUserPool(
  ctx: CognitoContext,
  options: { plan: CognitoPlan; tenantId: string },
): Promise<EnsureUserPoolResult> {
  const { plan, tenantId } = options;
  assertPlanIsForTenant(plan, tenantId);

  const existing = await findTaggedUserPool(ctx, tenantId);
  if (!existing?.Id) {
    // The plan is shaped like CreateUserPoolRequest by contract.
    const input = {
      ...plan.userPool,
      UserPoolTags: plannedPoolTags(plan, tenantId),
    } as CreateUserPoolRequest;
    const { UserPool } = await callCognito(
      { operation: 'CreateUserPool', tenantId },
      () => ctx.client.send(new CreateUserPoolCommand(input)),
    );
    const userPoolId = UserPool?.Id;
    if (!userPoolId) {
      throw new Error(`Cognito CreateUserPool returned no pool id`);
    }
    ctx.logger?.info('Created Cognito user pool', { tenantId, userPoolId });
    const mfaSet = await ensureMfa(ctx, { plan, tenantId, userPoolId });
    return {
      userPoolId,
      arn: UserPool?.Arn,
      created: true,
      updated: mfaSet ? ['MfaConfiguration'] : [],
    };
  }

  const userPoolId = existing.Id;
  // MFA is set through SetUserPoolMfaConfig; the pool comparison must then
  // expect that setting, or UpdateUserPool would switch MFA back off.
  const mfaSet = await ensureMfa(ctx, { plan, tenantId, userPoolId });
  const desired: CognitoPlan = plan.mfa
    ? {
        ...plan,
        userPool: {
          ...plan.userPool,
          MfaConfiguration: plan.mfa.MfaConfiguration,
        },
      }
    : plan;
  const pool = mfaSet
    ? { ...existing, MfaConfiguration: desired.userPool.MfaConfiguration }
    : existing;
  const differences = comparePoolWithPlan(
    pool as UserPoolType,
    desired,
    tenantId,
  );
  if (differences.length > 0) {
    const update = poolUpdate(pool as UserPoolType, desired, tenantId);
    await callCognito(
      {
        operation: 'UpdateUserPool',
        tenantId,
        resource: `user pool ${userPoolId}`,
      },
      () => ctx.client.send(new UpdateUserPoolCommand(update)),
    );
    ctx.logger?.info('Updated Cognito user pool settings', {
      tenantId,
      userPoolId,
      settings: differences.map(d => d.setting).join(','),
    });
  }
  return {
    userPoolId,
    arn: existing.Arn,
    created: false,
    updated: [
      ...differences.map(d => d.setting),
      ...(mfaSet ? ['MfaConfiguration'] : []),
    ],
  };
}
