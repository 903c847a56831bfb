import { createApiRef } from '@backstage/frontend-plugin-api';
import { toError } from '@backstage/errors';
import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantMeshApi } from './TenantMeshApi';

/**
 * What every card of one tenant sees at a moment.
 *
 * @public
 */
export interface TenantStatusSnapshot {
  /** A request is out; `status` (if any) is the previous answer. */
  loading: boolean;
  /** The last answer; with `error`, the one before the request that failed. */
  status?: TenantStatus;
  error?: Error;
}

interface Entry {
  snapshot: TenantStatusSnapshot;
  listeners: Set<() => void>;
  /** The request whose answer will be shown; answers of older ones are dropped. */
  request?: { seq: number; fresh: boolean };
  seq: number;
}

// Returned before a tenant has an entry, so React sees one stable value.
const NOT_LOADED: TenantStatusSnapshot = Object.freeze({ loading: true });

/**
 * Shares one status request between the cards of a tenant: cards that mount
 * together join the request in flight, and a refresh asks once for all.
 * One store per app, so nothing lives at module level.
 *
 * @public
 */
export class TenantStatusStore {
  readonly #api: Pick<TenantMeshApi, 'getTenantStatus'>;
  readonly #entries = new Map<string, Entry>();

  constructor(options: {
    tenantMeshApi: Pick<TenantMeshApi, 'getTenantStatus'>;
  }) {
    this.#api = options.tenantMeshApi;
  }

  getSnapshot(tenantId: string): TenantStatusSnapshot {
    return this.#entries.get(tenantId)?.snapshot ?? NOT_LOADED;
  }

  /**
   * Watches a tenant. The first watcher of a page load starts a request,
   * unless one is already out (cards mounting together, React's strict mode
   * mounting twice).
   */
  subscribe(tenantId: string, listener: () => void): () => void {
    const entry = this.#entry(tenantId);
    if (entry.listeners.size === 0 && !entry.request) {
      this.#load(tenantId, entry, false);
    }
    entry.listeners.add(listener);
    return () => {
      entry.listeners.delete(listener);
    };
  }

  /** Asks the backend again, past its cache; joins a refresh already out. */
  refresh(tenantId: string): void {
    const entry = this.#entry(tenantId);
    if (entry.request?.fresh) {
      return;
    }
    this.#load(tenantId, entry, true);
  }

  #entry(tenantId: string): Entry {
    let entry = this.#entries.get(tenantId);
    if (!entry) {
      entry = { snapshot: NOT_LOADED, listeners: new Set(), seq: 0 };
      this.#entries.set(tenantId, entry);
    }
    return entry;
  }

  #load(tenantId: string, entry: Entry, fresh: boolean): void {
    const request = { seq: entry.seq + 1, fresh };
    entry.seq = request.seq;
    entry.request = request;
    this.#publish(entry, { ...entry.snapshot, loading: true });

    // Only the latest request may settle the entry: a refresh clicked while
    // the first load is out must not be overwritten by the older answer.
    const settle = (snapshot: TenantStatusSnapshot) => {
      if (entry.request === request) {
        entry.request = undefined;
        this.#publish(entry, snapshot);
      }
    };
    this.#api.getTenantStatus(tenantId, { fresh }).then(
      status => settle({ loading: false, status }),
      // A failed refresh keeps the last answer beside the error, so one
      // transient failure does not blank all three cards.
      error =>
        settle({
          loading: false,
          error: toError(error),
          status: entry.snapshot.status,
        }),
    );
  }

  #publish(entry: Entry, snapshot: TenantStatusSnapshot): void {
    entry.snapshot = snapshot;
    entry.listeners.forEach(listener => listener());
  }
}

/**
 * The app's one {@link TenantStatusStore}.
 *
 * @public
 */
export const tenantStatusStoreApiRef = createApiRef<TenantStatusStore>().with({
  id: 'plugin.tenant-mesh.status-store',
  pluginId: 'tenant-mesh',
});
