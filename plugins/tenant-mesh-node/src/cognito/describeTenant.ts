import {
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoPlan } from '@tenant-mesh/plugin-tenant-mesh-common';
import { compareClientWithPlan, comparePoolWithPlan } from './compareWithPlan';
import {
  describeUserPoolClient,
  findUserPoolClientId,
} from './ensureUserPoolClient';
import { findKnownUserPool, findTaggedUserPool } from './findUserPool';
import { EMULATOR_DOMAIN_REASON, lookUpDomain } from './userPoolDomain';
import {
  CognitoContext,
  TenantCognitoStatus,
  UserPoolClientSummary,
} from './types';

/** The shown part of a described app client: everything but the secret. */
export function summarizeClient(
  client: UserPoolClientType,
): UserPoolClientSummary {
  const units = client.TokenValidityUnits;
  return {
    clientId: client.ClientId ?? '',
    clientName: client.ClientName,
    hasSecret: Boolean(client.ClientSecret),
    callbackUrls: client.CallbackURLs ?? [],
    logoutUrls: client.LogoutURLs ?? [],
    allowedOAuthFlows: client.AllowedOAuthFlows ?? [],
    allowedOAuthScopes: client.AllowedOAuthScopes ?? [],
    allowedOAuthFlowsUserPoolClient:
      client.AllowedOAuthFlowsUserPoolClient ?? false,
    explicitAuthFlows: client.ExplicitAuthFlows ?? [],
    supportedIdentityProviders: client.SupportedIdentityProviders ?? [],
    readAttributes: client.ReadAttributes ?? [],
    accessTokenValidity: client.AccessTokenValidity,
    idTokenValidity: client.IdTokenValidity,
    refreshTokenValidity: client.RefreshTokenValidity,
    tokenValidityUnits: units && {
      accessToken: units.AccessToken,
      idToken: units.IdToken,
      refreshToken: units.RefreshToken,
    },
  };
}

async function describeDomain(
  ctx: CognitoContext,
  pool: UserPoolType,
  plan: CognitoPlan,
): Promise<Pick<TenantCognitoStatus, 'domain' | 'drift'>> {
  const drift: string[] = [];
  if (pool.Domain && pool.Domain !== plan.domainPrefix) {
    drift.push(
      `Domain: planned prefix ${plan.domainPrefix}, found ${pool.Domain}`,
    );
  }
  const domainPrefix = pool.Domain ?? plan.domainPrefix;
  const found = await lookUpDomain(ctx, domainPrefix);
  if (found.state === 'unsupported') {
    return {
      domain: { state: 'unsupported', reason: EMULATOR_DOMAIN_REASON },
      drift,
    };
  }
  if (found.state === 'attached' && found.userPoolId === pool.Id) {
    return {
      domain: { state: 'present', domainPrefix, status: found.status },
      drift,
    };
  }
  drift.push(
    found.state === 'attached'
      ? `Domain: prefix ${domainPrefix} belongs to user pool ${found.userPoolId}`
      : `Domain: prefix ${domainPrefix} is not attached to the pool`,
  );
  return { domain: { state: 'missing' }, drift };
}

/** Which tenant to describe, and its pool id when already known. */
export interface DescribeTenantOptions {
  tenantId: string;
  plan: CognitoPlan;
  /**
   * The pool id recorded for the tenant (its entity's
   * `tenant-mesh.io/user-pool-id`): one DescribeUserPool instead of a scan of
   * every pool. Its tag must still name the tenant.
   */
  userPoolId?: string;
}

async function findPool(
  ctx: CognitoContext,
  options: DescribeTenantOptions,
): Promise<{ pool?: UserPoolType; problem?: string }> {
  const { tenantId, userPoolId } = options;
  if (userPoolId) {
    return findKnownUserPool(ctx, { tenantId, userPoolId });
  }
  const pool = await findTaggedUserPool(ctx, tenantId);
  return pool
    ? { pool }
    : { problem: `User pool: no pool is tagged for tenant ${tenantId}` };
}

/**
 * Reads a tenant's Cognito resources, without changing anything, and lists
 * how they differ from the plan. The client secret is never part of it.
 */
export async function describeTenant(
  ctx: CognitoContext,
  options: DescribeTenantOptions,
): Promise<TenantCognitoStatus> {
  const { tenantId, plan } = options;
  const { pool, problem } = await findPool(ctx, options);
  if (!pool?.Id) {
    return {
      domain: { state: 'missing' },
      drift: [problem ?? `User pool: no pool is tagged for tenant ${tenantId}`],
    };
  }

  const userPoolId = pool.Id;
  const drift = comparePoolWithPlan(pool, plan, tenantId).map(d => d.message);

  const clientName = plan.userPoolClient.ClientName;
  const describeClient = async () => {
    const clientId = await findUserPoolClientId(ctx, {
      userPoolId,
      clientName,
    });
    return clientId
      ? describeUserPoolClient(ctx, { userPoolId, clientId })
      : undefined;
  };
  // The client and the domain are independent reads: a status waits for
  // the longer of the two, not their sum.
  const [described, domain] = await Promise.all([
    describeClient(),
    describeDomain(ctx, pool, plan),
  ]);
  let client: UserPoolClientSummary | undefined;
  if (described) {
    client = summarizeClient(described);
    drift.push(...compareClientWithPlan(described, plan));
  } else {
    drift.push(`App client: no client named ${clientName}`);
  }
  return {
    pool: {
      userPoolId,
      name: pool.Name,
      arn: pool.Arn,
      mfaConfiguration: pool.MfaConfiguration,
      tags: pool.UserPoolTags ?? {},
    },
    client,
    domain: domain.domain,
    drift: [...drift, ...domain.drift],
  };
}
