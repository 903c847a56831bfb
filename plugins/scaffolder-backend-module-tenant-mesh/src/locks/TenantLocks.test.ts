import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { TENANT_LOCKS_TABLE, TenantLocks } from './TenantLocks';

let knex: Knex;
let locks: TenantLocks;

beforeEach(async () => {
  knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  locks = await TenantLocks.create({ knex });
});

afterEach(() => knex.destroy());

const purpose = 'onboarding of tenant cyberdyne';

const leaseRows = () =>
  knex(TENANT_LOCKS_TABLE).select('lock_key', 'holder', 'expires_at');

describe('TenantLocks', () => {
  it('creates its table once, and again on a second start', async () => {
    await TenantLocks.create({ knex });

    expect(await knex.schema.hasTable(TENANT_LOCKS_TABLE)).toBe(true);
  });

  it('never lets two holders of one key overlap', async () => {
    const events: string[] = [];
    const run = (name: string) =>
      locks.withLock(
        'cognito:cyberdyne',
        async () => {
          events.push(`start ${name}`);
          await sleep(50);
          events.push(`end ${name}`);
          return name;
        },
        { purpose },
      );

    const results = await Promise.all([run('a'), run('b'), run('c')]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toHaveLength(6);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i + 1]).toBe(events[i].replace('start', 'end'));
    }
    expect(await leaseRows()).toEqual([]);
  });

  it('lets different keys run at the same time', async () => {
    let running = 0;
    let most = 0;
    const run = (key: string) =>
      locks.withLock(
        key,
        async () => {
          running += 1;
          most = Math.max(most, running);
          await sleep(50);
          running -= 1;
        },
        { purpose },
      );

    await Promise.all([run('cognito:acme'), run('cognito:globex')]);

    expect(most).toBe(2);
  });

  it('takes over a lease whose holder stopped renewing it', async () => {
    await knex(TENANT_LOCKS_TABLE).insert({
      lock_key: 'cognito:cyberdyne',
      holder: 'a-replica-that-died',
      expires_at: Date.now() - 1,
    });

    const result = await locks.withLock(
      'cognito:cyberdyne',
      async () => (await leaseRows())[0].holder,
      { purpose, waitMs: 1_000 },
    );

    expect(result).not.toBe('a-replica-that-died');
    expect(await leaseRows()).toEqual([]);
  });

  it('waits for a live lease and says so once', async () => {
    const onWait = jest.fn();
    let released = false;
    const first = locks.withLock(
      'cognito:cyberdyne',
      async () => {
        await sleep(300);
        released = true;
      },
      { purpose },
    );
    await sleep(20);

    const second = await locks.withLock(
      'cognito:cyberdyne',
      async () => released,
      { purpose, onWait },
    );

    await first;
    expect(second).toBe(true);
    expect(onWait).toHaveBeenCalledTimes(1);
  });

  it('keeps renewing the lease while a run outlives its TTL', async () => {
    const first = locks.withLock('cognito:cyberdyne', () => sleep(400), {
      purpose,
      ttlMs: 150,
    });
    await sleep(20);

    const second = locks.withLock('cognito:cyberdyne', async () => 'second', {
      purpose,
      waitMs: 250,
    });

    await expect(second).rejects.toThrow(ConflictError);
    await first;
  });

  it('releases the lease when the run throws', async () => {
    await expect(
      locks.withLock(
        'cognito:cyberdyne',
        async () => {
          throw new Error('Cognito is down');
        },
        { purpose },
      ),
    ).rejects.toThrow('Cognito is down');

    expect(await leaseRows()).toEqual([]);
    await expect(
      locks.withLock('cognito:cyberdyne', async () => 'next', {
        purpose,
        waitMs: 0,
      }),
    ).resolves.toBe('next');
  });

  it('throws a ConflictError naming what runs once the wait is over', async () => {
    await knex(TENANT_LOCKS_TABLE).insert({
      lock_key: 'cognito:cyberdyne',
      holder: 'another-task',
      expires_at: Date.now() + 60_000,
    });
    const fn = jest.fn();

    const run = locks.withLock('cognito:cyberdyne', fn, {
      purpose,
      waitMs: 500,
    });

    await expect(run).rejects.toThrow(ConflictError);
    await expect(run).rejects.toThrow(
      'Another onboarding of tenant cyberdyne is running and did not finish within 0.5 s',
    );
    expect(fn).not.toHaveBeenCalled();
    expect(await leaseRows()).toEqual([
      expect.objectContaining({ holder: 'another-task' }),
    ]);
  });

  it('fails a run whose lease was taken over while it ran', async () => {
    const run = locks.withLock(
      'cognito:cyberdyne',
      async () => {
        await knex(TENANT_LOCKS_TABLE).update({ holder: 'another-task' });
        await sleep(100);
        return 'done';
      },
      { purpose, ttlMs: 60 },
    );

    await expect(run).rejects.toThrow(
      'The lock of the onboarding of tenant cyberdyne expired while it ran',
    );
    expect(await leaseRows()).toEqual([
      expect.objectContaining({ holder: 'another-task' }),
    ]);
  });

  it('fails a run whose renewals could not reach the database for a whole TTL', async () => {
    const run = locks.withLock(
      'cognito:cyberdyne',
      async () => {
        // Every renewal now fails; another replica could take the lease.
        await knex.schema.dropTable(TENANT_LOCKS_TABLE);
        await sleep(150);
        return 'done';
      },
      { purpose, ttlMs: 60 },
    );

    await expect(run).rejects.toThrow(
      'The lock of the onboarding of tenant cyberdyne expired while it ran',
    );
  });
});
