import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '@backstage/errors';
import { withFileLock } from './fileLock';

describe('withFileLock', () => {
  let dir: string;
  let lockPath: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-lock-'));
    lockPath = join(dir, 'repo.lock');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  it('holds the lock file while running and removes it after', async () => {
    const seen = await withFileLock(lockPath, () => exists(lockPath));
    expect(seen).toBe(true);
    expect(await exists(lockPath)).toBe(false);
  });

  it('releases the lock when the function throws', async () => {
    await expect(
      withFileLock(lockPath, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(withFileLock(lockPath, async () => 'next')).resolves.toBe(
      'next',
    );
  });

  it('waits for a lock another process holds', async () => {
    await writeFile(lockPath, '{"pid":1}');
    let ran = false;

    const waiting = withFileLock(lockPath, async () => {
      ran = true;
    });
    // The other process still holds it: nothing may run yet.
    await new Promise(resolve => setImmediate(resolve));
    expect(ran).toBe(false);
    await rm(lockPath);

    await waiting;
    expect(ran).toBe(true);
  });

  it('gives up after the timeout with a ConflictError', async () => {
    await writeFile(lockPath, '{"pid":1}');
    await expect(
      withFileLock(lockPath, async () => 'never', { timeoutMs: 0 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await exists(lockPath)).toBe(true);
  });

  it('takes over a lock left behind by a crashed holder', async () => {
    await writeFile(lockPath, '{"pid":1}');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockPath, anHourAgo, anHourAgo);

    await expect(
      withFileLock(lockPath, async () => 'ran', { timeoutMs: 0 }),
    ).resolves.toBe('ran');
  });

  it('never removes a lock that is no longer its own', async () => {
    // As if a waiter had judged this holder stale and another writer had
    // taken the lock meanwhile: the holder's release must leave it alone.
    const other = '{"token":"someone-else"}';
    await withFileLock(lockPath, async () => {
      await writeFile(lockPath, other);
    });

    expect(await exists(lockPath)).toBe(true);
  });

  it('lets exactly one of many waiters take over a stale lock at a time', async () => {
    await writeFile(lockPath, '{"token":"crashed"}');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockPath, anHourAgo, anHourAgo);
    let inside = 0;
    let most = 0;

    // Five callers start while a crashed holder's lock is there; after the
    // takeover they must still run one at a time.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withFileLock(lockPath, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise(resolve => setTimeout(resolve, 5));
          inside -= 1;
        }),
      ),
    );

    expect(most).toBe(1);
    expect(await exists(lockPath)).toBe(false);
  });

  it('runs callers of one process one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withFileLock(lockPath, async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise(resolve => setImmediate(resolve));
          active -= 1;
        }),
      ),
    );
    expect(maxActive).toBe(1);
  });
});
