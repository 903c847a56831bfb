import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { isUnsupportedByEmulator, toCognitoError } from './cognitoErrors';

function sdkError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('toCognitoError', () => {
  it.each([
    ['ResourceNotFoundException', NotFoundError],
    ['InvalidParameterException', InputError],
    ['InvalidOAuthFlowException', InputError],
    ['NotAuthorizedException', NotAllowedError],
    ['AccessDeniedException', NotAllowedError],
    ['LimitExceededException', ServiceUnavailableError],
    ['TooManyRequestsException', ServiceUnavailableError],
    ['ConcurrentModificationException', ConflictError],
  ])('maps %s to %p', (name, type) => {
    const cause = sdkError(name, 'Cognito says no');
    const error = toCognitoError(cause, {
      operation: 'CreateUserPool',
      tenantId: 'acme',
    });
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(
      /^Cognito CreateUserPool failed for tenant acme.*; caused by .*Cognito says no$/,
    );
    expect((error as Error & { cause?: unknown }).cause).toBe(cause);
  });

  it('forwards unknown errors under their own name', () => {
    const cause = sdkError('InternalErrorException', 'boom');
    const error = toCognitoError(cause, {
      operation: 'DescribeUserPool',
      resource: 'user pool us-east-1_X',
    });
    expect(error.name).toBe('InternalErrorException');
    expect(error.message).toBe(
      'Cognito DescribeUserPool failed for user pool us-east-1_X; caused by InternalErrorException: boom',
    );
  });
});

describe('isUnsupportedByEmulator', () => {
  it.each([
    [sdkError('Unsupported', 'Cognito Local unsupported feature: x'), true],
    [sdkError('Error', 'Cognito Local unsupported feature: x'), true],
    [sdkError('ResourceNotFoundException', 'not found'), false],
    ['Unsupported', false],
  ])('tells the emulator answer apart (%#)', (error, expected) => {
    expect(isUnsupportedByEmulator(error)).toBe(expected);
  });
});
