import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import { Knex } from 'knex';

/**
 * The table of leases. It lives in the scaffolder's database, next to the
 * scaffolder's own tables, so its name says whose it is.
 */
export const TENANT_LOCKS_TABLE = 'tenant_mesh_onboarding_locks';

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_WAIT_MS = 120_000;
const POLL_INTERVAL_MS = 200;

/**
 * Error codes of a duplicate primary key: PostgreSQL, better-sqlite3,
 * node-sqlite3, MySQL.
 */
const DUPLICATE_KEY_CODES = new Set([
  '23505',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT',
  'ER_DUP_ENTRY',
]);

/** Options of {@link TenantLocks.withLock}. */
export interface WithLockOptions {
  /** What the lock protects, for messages: `onboarding of tenant acme`. */
  purpose: string;
  /** Lease length; renewed every third of it while `fn` runs. Default 30 s. */
  ttlMs?: number;
  /** How long to wait for another holder before a ConflictError. Default 2 min. */
  waitMs?: number;
  /** Called once, when the lock is held elsewhere and this call starts waiting. */
  onWait?: () => void;
}

/**
 * Named leases in a database table, shared by every backend replica: a row
 * per held key, whose primary key is the mutual exclusion.
 *
 * A lease is renewed while its holder runs, so a long run keeps it, and a
 * replica that dies loses it after one TTL; a waiter then takes it over.
 * Expiry compares epoch milliseconds of the replicas' clocks, so their skew
 * must stay well under two thirds of the TTL (NTP keeps it under a second).
 */
export class TenantLocks {
  /** Creates the table when it is missing; safe when replicas start together. */
  static async create(options: {
    knex: Knex;
    logger?: LoggerService;
  }): Promise<TenantLocks> {
    await ensureLocksTable(options.knex);
    return new TenantLocks(options.knex, options.logger);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly logger?: LoggerService,
  ) {}

  /**
   * Runs `fn` while holding the lease on `key`; waits, polling, while another
   * holds it. Throws a ConflictError when the wait runs out, and an Error when
   * the lease was lost while `fn` ran (its renewal failed for a whole TTL).
   */
  async withLock<T>(
    key: string,
    fn: () => Promise<T>,
    options: WithLockOptions,
  ): Promise<T> {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    const holder = randomUUID();

    await this.acquire({ key, holder, ttlMs, ...options });

    const lease = this.keepRenewed({ key, holder, ttlMs });
    try {
      const result = await fn();
      if (lease.isLost()) {
        throw new Error(
          `The lock of the ${options.purpose} expired while it ran, so another task may have run at the same time`,
        );
      }
      return result;
    } finally {
      await lease.stop();
      await this.release(key, holder);
    }
  }

  private async acquire(options: {
    key: string;
    holder: string;
    ttlMs: number;
    purpose: string;
    waitMs?: number;
    onWait?: () => void;
  }) {
    const { key, holder, ttlMs, purpose } = options;
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    const deadline = Date.now() + waitMs;

    for (let attempt = 0; ; attempt++) {
      if (await this.tryAcquire(key, holder, ttlMs)) {
        return;
      }
      if (attempt === 0) {
        options.onWait?.();
      }
      if (Date.now() + POLL_INTERVAL_MS > deadline) {
        throw new ConflictError(
          `Another ${purpose} is running and did not finish within ${
            waitMs / 1000
          } s; run this task again once it has finished`,
        );
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  /** Inserts the lease, or takes over an expired one; false when it is held. */
  private async tryAcquire(key: string, holder: string, ttlMs: number) {
    const now = Date.now();
    try {
      await this.knex(TENANT_LOCKS_TABLE).insert({
        lock_key: key,
        holder,
        expires_at: now + ttlMs,
      });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
    }

    const takenOver = await this.knex(TENANT_LOCKS_TABLE)
      .where({ lock_key: key })
      .andWhere('expires_at', '<', now)
      .update({ holder, expires_at: now + ttlMs });
    return takenOver === 1;
  }

  /** Extends the lease every third of its TTL until stopped or lost. */
  private keepRenewed(options: { key: string; holder: string; ttlMs: number }) {
    const { key, holder, ttlMs } = options;
    let lost = false;
    let stopped = false;
    // The lease runs out a TTL after the last renewal that reached the
    // database, whether or not later renewals failed.
    let validUntil = Date.now() + ttlMs;
    let inFlight: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;

    const renew = async () => {
      try {
        const now = Date.now();
        const renewed = await this.knex(TENANT_LOCKS_TABLE)
          .where({ lock_key: key, holder })
          .update({ expires_at: now + ttlMs });
        lost = renewed === 0;
        if (!lost) {
          validUntil = now + ttlMs;
        }
      } catch (error) {
        // The next tick tries again; the lease lasts a whole TTL meanwhile.
        this.logger?.warn('Could not renew tenant lock', {
          key,
          error: stringifyError(error),
        });
      }
    };
    const scheduleRenewal = () => {
      timer = setTimeout(() => {
        inFlight = renew().then(() => {
          if (!stopped && !lost) {
            scheduleRenewal();
          }
        });
      }, ttlMs / 3);
    };

    scheduleRenewal();
    return {
      isLost: () => lost || Date.now() > validUntil,
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await inFlight;
      },
    };
  }

  private async release(key: string, holder: string) {
    try {
      await this.knex(TENANT_LOCKS_TABLE)
        .where({ lock_key: key, holder })
        .delete();
    } catch (error) {
      // The work is done; an unreleased lease expires after its TTL.
      this.logger?.warn('Could not release tenant lock', {
        key,
        error: stringifyError(error),
      });
    }
  }
}

async function ensureLocksTable(knex: Knex) {
  if (await knex.schema.hasTable(TENANT_LOCKS_TABLE)) {
    return;
  }
  try {
    await knex.schema.createTable(TENANT_LOCKS_TABLE, table => {
      table.string('lock_key', 255).primary();
      table.string('holder', 64).notNullable();
      // Epoch milliseconds: compared the same way on every database.
      table.bigInteger('expires_at').notNullable();
    });
  } catch (error) {
    // Another replica created it between the check and here.
    if (!(await knex.schema.hasTable(TENANT_LOCKS_TABLE))) {
      throw error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DUPLICATE_KEY_CODES.has(code);
}
