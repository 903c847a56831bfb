import {
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UserPoolDescriptionType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '@backstage/errors';
import { COGNITO_TENANT_TAG } from '@tenant-mesh/plugin-tenant-mesh-common';
import { callCognito, isCognitoError, toCognitoError } from './cognitoErrors';
import { CognitoContext } from './types';

// ListUserPools refuses more than 60 per page.
const PAGE_SIZE = 60;
// DescribeUserPool is throttled per account; a few at a time is enough.
// TODO: look pools up through the Resource Groups Tagging API instead of
// describing every pool, once that client is a dependency.
const DESCRIBE_CONCURRENCY = 5;

async function listAllUserPools(
  ctx: CognitoContext,
  tenantId: string,
): Promise<UserPoolDescriptionType[]> {
  const pools: UserPoolDescriptionType[] = [];
  let nextToken: string | undefined;
  do {
    const command = new ListUserPoolsCommand({
      MaxResults: PAGE_SIZE,
      NextToken: nextToken,
    });
    const page = await callCognito(
      { operation: 'ListUserPools', tenantId },
      () => ctx.client.send(command),
    );
    pools.push(...(page.UserPools ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return pools;
}

export async function describeIfPresent(
  ctx: CognitoContext,
  tenantId: string,
  userPoolId: string,
): Promise<UserPoolType | undefined> {
  try {
    const { UserPool } = await ctx.client.send(
      new DescribeUserPoolCommand({ UserPoolId: userPoolId }),
    );
    return UserPool;
  } catch (error) {
    // Deleted between the listing and now: not a candidate.
    if (isCognitoError(error, 'ResourceNotFoundException')) {
      return undefined;
    }
    throw toCognitoError(error, {
      operation: 'DescribeUserPool',
      tenantId,
      resource: `user pool ${userPoolId}`,
    });
  }
}

/**
 * The pool with a known id (e.g. from the tenant's catalog entity), with one
 * DescribeUserPool instead of a scan of every pool. Undefined with the reason
 * when it is gone or its tag names another tenant, so a stale id is never
 * taken for the tenant's pool.
 */
export async function findKnownUserPool(
  ctx: CognitoContext,
  options: { tenantId: string; userPoolId: string },
): Promise<{ pool?: UserPoolType; problem?: string }> {
  const { tenantId, userPoolId } = options;
  const pool = await describeIfPresent(ctx, tenantId, userPoolId);
  if (!pool) {
    return { problem: `User pool: ${userPoolId} does not exist` };
  }
  const tag = pool.UserPoolTags?.[COGNITO_TENANT_TAG];
  if (tag !== tenantId) {
    return {
      problem: `User pool: ${userPoolId} is tagged ${COGNITO_TENANT_TAG}=${
        tag ?? '(none)'
      }, not ${tenantId}`,
    };
  }
  return { pool };
}

/**
 * Finds the one user pool tagged with the tenant id, reading every page of
 * ListUserPools. Pool names are not unique in Cognito, so the name alone
 * never identifies a tenant's pool. Two tagged pools are a conflict that a
 * person has to resolve.
 */
export async function findTaggedUserPool(
  ctx: CognitoContext,
  tenantId: string,
): Promise<UserPoolType | undefined> {
  const listed = await listAllUserPools(ctx, tenantId);

  const tagged: UserPoolType[] = [];
  for (let i = 0; i < listed.length; i += DESCRIBE_CONCURRENCY) {
    const batch = listed.slice(i, i + DESCRIBE_CONCURRENCY);
    const described = await Promise.all(
      batch.map(pool => describeIfPresent(ctx, tenantId, pool.Id ?? '')),
    );
    for (const pool of described) {
      if (pool?.UserPoolTags?.[COGNITO_TENANT_TAG] === tenantId) {
        tagged.push(pool);
      }
    }
  }

  if (tagged.length > 1) {
    const ids = tagged.map(pool => pool.Id).join(', ');
    throw new ConflictError(
      `Tenant ${tenantId} has ${tagged.length} Cognito user pools tagged ${COGNITO_TENANT_TAG}=${tenantId}: ${ids}. Keep one and delete or untag the others, then retry.`,
    );
  }
  return tagged[0];
}
