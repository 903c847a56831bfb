import { randomUUID } from 'node:crypto';
import {
  link,
  open,
  readFile,
  rename,
  rm,
  stat,
  utimes,
} from 'node:fs/promises';
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
  // Written into the lock so a holder only ever removes its own lock.
  const token = randomUUID();

  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(
        JSON.stringify({ token, pid: process.pid, host: hostname() }),
      );
      await handle.close();
      return holdLock(lockPath, token, staleAfterMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }

    const holder = await readHolder(lockPath);
    if (holder && Date.now() - holder.mtimeMs > staleAfterMs) {
      await takeOverStale(lockPath, holder.token, token);
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

/**
 * Removes a lock left by a crashed holder. Two waiters may both find it
 * stale; the rename is atomic, so only one moves the file away, and what it
 * moved is checked: a lock that another waiter created meanwhile (another
 * token) is put back instead of being removed.
 */
async function takeOverStale(
  lockPath: string,
  staleToken: string | undefined,
  token: string,
): Promise<void> {
  const moved = `${lockPath}.${token}`;
  try {
    await rename(lockPath, moved);
  } catch {
    return; // Another waiter moved it first.
  }
  const movedHolder = await readHolder(moved);
  if (movedHolder && movedHolder.token !== staleToken) {
    // TODO: a third writer creating the lock in this instant keeps its own
    // lock and this one is lost; only a lock service closes that window.
    await link(moved, lockPath).catch(() => undefined);
  }
  await rm(moved, { force: true });
}

/** Keeps the lock fresh while held; returns the release function. */
function holdLock(lockPath: string, token: string, staleAfterMs: number) {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(10, staleAfterMs / 3));
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    // Never remove a lock that is no longer ours (taken over as stale).
    if ((await readHolder(lockPath))?.token === token) {
      await rm(lockPath, { force: true });
    }
  };
}

/** The token in a lock file and the file's last refresh; undefined when there is none. */
async function readHolder(
  file: string,
): Promise<{ token?: string; mtimeMs: number } | undefined> {
  try {
    const [content, info] = await Promise.all([
      readFile(file, 'utf8'),
      stat(file),
    ]);
    let token: string | undefined;
    try {
      token = (JSON.parse(content) as { token?: string }).token;
    } catch {
      // Being written right now, or left half-written by a crash.
    }
    return { token, mtimeMs: info.mtimeMs };
  } catch {
    // Released between our create attempt and this check.
    return undefined;
  }
}
