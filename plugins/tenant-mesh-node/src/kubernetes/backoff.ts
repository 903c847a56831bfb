/** Waits before the given retry attempt (1-based). */
export type Backoff = (attempt: number) => Promise<void>;

/**
 * Exponential backoff with full jitter, capped at one second: writers that
 * lost the same race spread out instead of colliding again in lockstep.
 */
export const jitteredBackoff: Backoff = attempt => {
  const ceiling = Math.min(1000, 10 * 2 ** attempt);
  return new Promise(resolve =>
    setTimeout(resolve, Math.floor(Math.random() * ceiling)),
  );
};
