import { open, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConflictError } from '@backstage/errors';

/** Timing of a file lock. */
export interface FileLockOptions {
  /**
   * A lock file older than this counts as left behind by a crashed holder
   * and is taken over. Holders refresh the file's time while they run.
   */
  staleAfterMs?: number;
  /** Give up waiting for the lock after this long. */
  timeoutMs?: number;
}

/** Callers of this process waiting for each lock path, in order. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` while holding an exclusive lock on `lockPath`.
 *
 * The lock is a file created with `O_CREAT | O_EXCL` (`wx`), which the file
 * system grants to exactly one caller, across processes and, on shared
 * volumes, across machines. An in-memory lock is not enough: several backend
 * replicas, the CLI and a scaffolder worker can all write the same
 * repository, and each would hold its own in-memory lock. Callers in one
 * process also queue in memory first, so they do not poll each other.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const previous = queues.get(lockPath) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const release = await acquire(lockPath, options);
      try {
        return await fn();
      } finally {
        await release();
      }
    });
  const settled = run.catch(() => undefined);
  queues.set(lockPath, settled);
  settled.then(() => {
    if (queues.get(lockPath) === settled) {
      queues.delete(lockPath);
    }
  });
  return run;
}

async function acquire(
  lockPath: string,
  options: FileLockOptions,
): Promise<() => Promise<void>> {
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);

  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(
        JSON.stringify({ pid: process.pid, host: hostname() }),
      );
      await handle.close();
      return holdLock(lockPath, staleAfterMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }

    const age = await ageOf(lockPath);
    if (age !== undefined && age > staleAfterMs) {
      // A holder that crashed cannot remove its lock. Two waiters may both
      // see it stale; each then races for the `wx` create above, and one wins.
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConflictError(
        `Timed out waiting for the lock ${lockPath}; another writer holds it`,
      );
    }
    // Poll with jitter so waiting processes do not retry in lockstep.
    await new Promise(resolve => setTimeout(resolve, 5 + Math.random() * 20));
  }
}

/** Keeps the lock fresh while held; returns the release function. */
function holdLock(lockPath: string, staleAfterMs: number) {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(10, staleAfterMs / 3));
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    await rm(lockPath, { force: true });
  };
}

async function ageOf(lockPath: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    // Released between our create attempt and this check.
    return undefined;
  }
}
