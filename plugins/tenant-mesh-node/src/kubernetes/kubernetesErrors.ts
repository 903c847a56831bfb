import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { describeRef, KubernetesObjectRef } from './objectRef';

/** The parts of a `Status` answer that explain a failure. */
export interface KubernetesFailure {
  code: number;
  reason?: string;
  message?: string;
}

/**
 * The answer of the API server behind a failed call, with the Status body
 * parsed. Its message holds the Status message only, not the response headers
 * or the body that client-node puts into its own exception message.
 */
export class KubernetesApiError extends Error {
  readonly code: number;
  readonly reason?: string;

  constructor(failure: KubernetesFailure, cause: unknown) {
    const reason = failure.reason ? ` ${failure.reason}` : '';
    super(`HTTP ${failure.code}${reason}: ${failure.message ?? 'no message'}`, {
      cause,
    });
    this.name = 'KubernetesApiError';
    this.code = failure.code;
    this.reason = failure.reason;
  }
}

/**
 * Reads the HTTP code and Status body of a client-node `ApiException`. Checked
 * by shape, because an application may load two copies of client-node.
 */
export function failureOf(error: unknown): KubernetesFailure | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { code, body } = error as { code?: unknown; body?: unknown };
  if (typeof code !== 'number') {
    return undefined;
  }
  let status: unknown = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      status = undefined;
    }
  }
  const { reason, message } = (status ?? {}) as {
    reason?: unknown;
    message?: unknown;
  };
  return {
    code,
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** Whether an error is an answer of the API server with this HTTP code. */
export function hasStatusCode(error: unknown, code: number): boolean {
  return failureOf(error)?.code === code;
}

/**
 * Turns a failed call about one object into a Backstage error whose message
 * names the verb and the object (`Could not apply ConfigMap ns/name`), with
 * the API server's answer kept as the cause.
 */
export function toKubernetesError(
  error: unknown,
  verb: string,
  ref: KubernetesObjectRef,
): Error {
  const subject = `Could not ${verb} ${describeRef(ref)}`;
  const failure = failureOf(error);
  if (!failure) {
    return new ForwardedError(subject, error);
  }
  const cause = new KubernetesApiError(failure, error);
  switch (failure.code) {
    case 400:
    case 422:
      return new InputError(subject, cause);
    case 401:
      return new AuthenticationError(subject, cause);
    case 403:
      return new NotAllowedError(subject, cause);
    case 404:
      return new NotFoundError(subject, cause);
    case 409:
      return new ConflictError(subject, cause);
    default:
      // 415 and 5xx: a fault of this client or of the server, not of the input.
      return new ForwardedError(subject, cause);
  }
}
