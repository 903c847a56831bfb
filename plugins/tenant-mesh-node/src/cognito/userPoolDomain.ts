import {
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '@backstage/errors';
import {
  isCognitoError,
  isUnsupportedByEmulator,
  toCognitoError,
} from './cognitoErrors';
import {
  CognitoContext,
  DomainAvailability,
  EnsureUserPoolDomainResult,
} from './types';

/** Why the domain steps are skipped on cognito-local. */
export const EMULATOR_DOMAIN_REASON = 'not supported by the Cognito emulator';

/** A domain prefix as Cognito reports it. */
export type DomainLookup =
  | { state: 'free' }
  | { state: 'attached'; userPoolId: string; status?: string }
  | { state: 'unsupported' };

/**
 * Looks a hosted-UI domain prefix up. Cognito answers an unknown prefix
 * with an empty description; a not-found error means the same.
 */
export async function lookUpDomain(
  ctx: CognitoContext,
  domainPrefix: string,
): Promise<DomainLookup> {
  try {
    const { DomainDescription } = await ctx.client.send(
      new DescribeUserPoolDomainCommand({ Domain: domainPrefix }),
    );
    const userPoolId = DomainDescription?.UserPoolId;
    return userPoolId
      ? { state: 'attached', userPoolId, status: DomainDescription?.Status }
      : { state: 'free' };
  } catch (error) {
    if (isUnsupportedByEmulator(error)) {
      return { state: 'unsupported' };
    }
    if (isCognitoError(error, 'ResourceNotFoundException')) {
      return { state: 'free' };
    }
    throw toCognitoError(error, {
      operation: 'DescribeUserPoolDomain',
      resource: `domain prefix ${domainPrefix}`,
    });
  }
}

function prefixTaken(domainPrefix: string, owner: string): ConflictError {
  return new ConflictError(
    `The hosted UI domain prefix (domainPrefix) "${domainPrefix}" is already taken by ${owner}; choose another domainPrefix, for example one with a random suffix`,
  );
}

/**
 * Checks, before any pool exists, whether the tenant can use a domain
 * prefix: free, already attached to the tenant's own pool, or taken (a
 * ConflictError naming the prefix). Prefixes are unique per region across
 * all AWS accounts.
 */
export async function checkDomainAvailable(
  ctx: CognitoContext,
  options: { domainPrefix: string; expectedPoolId?: string },
): Promise<DomainAvailability> {
  const { domainPrefix, expectedPoolId } = options;
  const found = await lookUpDomain(ctx, domainPrefix);
  switch (found.state) {
    case 'free':
      return { state: 'available' };
    case 'unsupported':
      return { state: 'unsupported', reason: EMULATOR_DOMAIN_REASON };
    default:
      if (found.userPoolId === expectedPoolId) {
        return { state: 'ours', userPoolId: found.userPoolId };
      }
      throw prefixTaken(domainPrefix, `user pool ${found.userPoolId}`);
  }
}

async function createDomain(
  ctx: CognitoContext,
  options: { userPoolId: string; domainPrefix: string },
) {
  const { userPoolId, domainPrefix } = options;
  try {
    await ctx.client.send(
      new CreateUserPoolDomainCommand({
        UserPoolId: userPoolId,
        Domain: domainPrefix,
      }),
    );
  } catch (error) {
    // A prefix held by another AWS account is invisible to Describe; only
    // Create tells, with this InvalidParameterException.
    if (
      isCognitoError(error, 'InvalidParameterException') &&
      /already associated with another user pool/i.test(String(error))
    ) {
      throw prefixTaken(
        domainPrefix,
        'another user pool, maybe of another AWS account',
      );
    }
    if (
      isCognitoError(error, 'InvalidParameterException') &&
      /already has a domain/i.test(String(error))
    ) {
      throw new ConflictError(
        `User pool ${userPoolId} already has another hosted UI domain, so domainPrefix "${domainPrefix}" cannot be added; remove the old domain or plan with its prefix`,
      );
    }
    throw toCognitoError(error, {
      operation: 'CreateUserPoolDomain',
      resource: `domain prefix ${domainPrefix} of user pool ${userPoolId}`,
    });
  }
}

/**
 * Attaches the hosted-UI domain prefix to the pool once. Already attached
 * to this pool: nothing to do. On cognito-local, which has no domains, the
 * step reports `unsupported` rather than failing or claiming success.
 */
export async function ensureUserPoolDomain(
  ctx: CognitoContext,
  options: { userPoolId: string; domainPrefix: string },
): Promise<EnsureUserPoolDomainResult> {
  const { userPoolId, domainPrefix } = options;
  const region = await ctx.client.config.region();
  const hostedUiUrl = `https://${domainPrefix}.auth.${region}.amazoncognito.com`;

  const found = await lookUpDomain(ctx, domainPrefix);
  if (found.state === 'unsupported') {
    ctx.logger?.warn('Skipped Cognito domain: emulator', { domainPrefix });
    return { state: 'unsupported', reason: EMULATOR_DOMAIN_REASON };
  }
  if (found.state === 'attached') {
    if (found.userPoolId !== userPoolId) {
      throw prefixTaken(domainPrefix, `user pool ${found.userPoolId}`);
    }
    return { state: 'exists', hostedUiUrl };
  }

  await createDomain(ctx, { userPoolId, domainPrefix });
  ctx.logger?.info('Created Cognito domain', { userPoolId, domainPrefix });
  return { state: 'created', hostedUiUrl };
}
