import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';

/** One recorded Cognito answer: HTTP status and JSON 1.1 body. */
export interface RecordedReply {
  status: number;
  body: Record<string, unknown>;
}

/** Answers per operation (`ListUserPools`), given the request's JSON input. */
export type RecordedReplies = Record<
  string,
  (input: Record<string, unknown>) => RecordedReply
>;

/** A successful answer. */
export const ok = (body: Record<string, unknown>): RecordedReply => ({
  status: 200,
  body,
});

/** An error answer shaped like Cognito's: HTTP 400 and `__type`. */
export const cognitoError = (type: string, message: string): RecordedReply => ({
  status: 400,
  body: { __type: type, message },
});

/** cognito-local's answer to an operation it does not implement. */
export const emulatorUnsupported = (operation: string): RecordedReply => ({
  status: 500,
  body: {
    __type: 'CognitoLocal#Unsupported',
    message: `Cognito Local unsupported feature: Unsupported x-amz-target header "${operation}"`,
  },
});

// The SDK's HTTP handler type, taken from the client so that no @smithy
// package has to be a dependency.
type HttpHandler = Extract<
  NonNullable<CognitoIdentityProviderClientConfig['requestHandler']>,
  { handle: unknown }
>;

function bodyText(body: unknown): string {
  if (body instanceof Uint8Array) {
    return new TextDecoder().decode(body);
  }
  return typeof body === 'string' ? body : '{}';
}

/**
 * A Cognito client whose HTTP layer answers from recorded replies, so the
 * SDK's own serialisation, error parsing and retries run as in production.
 * `calls` lists every request, operation and input, in order.
 */
export function recordedCognito(replies: RecordedReplies) {
  const calls: { operation: string; input: Record<string, unknown> }[] = [];
  const requestHandler: HttpHandler = {
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      const operation = request.headers['x-amz-target'].split('.')[1];
      const input = JSON.parse(bodyText(request.body));
      calls.push({ operation, input });
      const reply = replies[operation]?.(input) ?? {
        status: 400,
        body: {
          __type: 'UnknownOperationException',
          message: `no recorded reply for ${operation}`,
        },
      };
      return {
        response: {
          statusCode: reply.status,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amzn-requestid': `req-${calls.length}`,
          },
          body: new TextEncoder().encode(JSON.stringify(reply.body)),
        },
      };
    },
  };

  const client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'recorded', secretAccessKey: 'recorded' },
    requestHandler,
    maxAttempts: 1,
  });
  return { client, calls };
}
