import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';

/** Which Cognito call failed, and for whom; never request inputs. */
export interface CognitoCallContext {
  /** The API operation, e.g. `CreateUserPool`. */
  operation: string;
  tenantId?: string;
  /** The resource the call was about, e.g. `user pool eu-west-1_AbC`. */
  resource?: string;
}

/** The exception name Cognito answered with (`__type`), if any. */
export function cognitoErrorName(error: unknown): string | undefined {
  return isError(error) ? error.name : undefined;
}

/** The exception name, when the error is the named Cognito exception. */
export function isCognitoError(error: unknown, name: string): boolean {
  return cognitoErrorName(error) === name;
}

/**
 * True when cognito-local answered that it does not implement the call,
 * as it does for the domain operations and ListTagsForResource.
 */
export function isUnsupportedByEmulator(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  return (
    error.name === 'Unsupported' ||
    /cognito local unsupported feature/i.test(error.message)
  );
}

const INPUT_ERRORS = new Set([
  'InvalidParameterException',
  'InvalidOAuthFlowException',
  'ScopeDoesNotExistException',
  'InvalidSmsRoleAccessPolicyException',
  'InvalidEmailRoleAccessPolicyException',
]);
const PERMISSION_ERRORS = new Set([
  'NotAuthorizedException',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
]);
const CAPACITY_ERRORS = new Set([
  'LimitExceededException',
  'TooManyRequestsException',
]);

/**
 * Wraps an error from the Cognito SDK in the matching `@backstage/errors`
 * type, with the operation and tenant in the message and the SDK error as
 * `cause`. Cognito's own message is kept: we never send secrets to Cognito,
 * so it cannot echo one back.
 */
export function toCognitoError(
  error: unknown,
  context: CognitoCallContext,
): Error {
  const name = cognitoErrorName(error);
  const about = [
    context.tenantId ? `tenant ${context.tenantId}` : undefined,
    context.resource,
  ].filter(Boolean);
  const base = `Cognito ${context.operation} failed${
    about.length ? ` for ${about.join(', ')}` : ''
  }`;

  if (name === 'ResourceNotFoundException') {
    return new NotFoundError(base, error);
  }
  if (name && INPUT_ERRORS.has(name)) {
    return new InputError(`${base}: Cognito rejected a setting`, error);
  }
  if (name && PERMISSION_ERRORS.has(name)) {
    return new NotAllowedError(
      `${base}: check the AWS credentials and IAM permissions of the backend`,
      error,
    );
  }
  if (name && CAPACITY_ERRORS.has(name)) {
    return new ServiceUnavailableError(
      `${base}: a Cognito rate limit or quota was reached; retry later or raise the quota`,
      error,
    );
  }
  if (name === 'ConcurrentModificationException') {
    return new ConflictError(`${base}: changed concurrently; retry`, error);
  }
  return new ForwardedError(base, error);
}

/**
 * Runs one Cognito call and translates its failure with
 * {@link toCognitoError}.
 */
export async function callCognito<T>(
  context: CognitoCallContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toCognitoError(error, context);
  }
}
