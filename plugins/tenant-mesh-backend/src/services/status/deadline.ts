import { isError } from '@backstage/errors';

/** Milliseconds Cognito or the cluster may take before a status says so. */
export const READ_TIMEOUT_MS = 5_000;

/** Seconds a snapshot of the cluster or of Cognito is reused. */
export const CACHE_TTL_MS = 5_000;

/** The message of an error, for a reason or a log line; never a stack. */
export const problemText = (error: unknown) =>
  isError(error) ? error.message : String(error);

/**
 * `promise`, or a rejection saying there was no answer within
 * READ_TIMEOUT_MS. A service that accepts connections and never answers must
 * not hold a status, and every card waiting on it, forever.
 */
export async function withinReadTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READ_TIMEOUT_MS / 1000} s`)),
      READ_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
