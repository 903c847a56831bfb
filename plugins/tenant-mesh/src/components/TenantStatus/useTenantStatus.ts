import { useCallback, useSyncExternalStore } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { tenantStatusStoreApiRef, TenantStatusSnapshot } from '../../api';

/**
 * A tenant's status as every card of the page shares it, with a refresh that
 * asks the backend once for all of them.
 */
export function useTenantStatus(
  tenantId: string,
): TenantStatusSnapshot & { refresh: () => void } {
  const store = useApi(tenantStatusStoreApiRef);

  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(tenantId, listener),
    [store, tenantId],
  );
  const snapshot = useSyncExternalStore(subscribe, () =>
    store.getSnapshot(tenantId),
  );
  const refresh = useCallback(() => store.refresh(tenantId), [store, tenantId]);

  return { ...snapshot, refresh };
}
