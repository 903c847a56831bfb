import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { TenantAvailability, tenantMeshApiRef } from '../../api';

/** How long the user must stop typing before the id is checked. */
export const AVAILABILITY_DEBOUNCE_MS = 300;

/** Where the check of one tenant id stands. */
export type AvailabilityState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'checked'; availability: TenantAvailability }
  | { status: 'failed'; error: Error };

/**
 * Checks a tenant id with the backend once the user stops typing. Only the
 * answer for the current id counts: until it arrives the state is
 * `checking`, whatever an earlier id got.
 *
 * @param tenantId - The id to check; undefined when there is nothing to ask.
 */
export function useTenantAvailability(
  tenantId: string | undefined,
): AvailabilityState {
  const api = useApi(tenantMeshApiRef);
  const [requested, setRequested] = useState<string>();
  // useAsyncFn keeps the outcome of the latest call only.
  const [state, check] = useAsyncFn(
    (id: string) => api.checkAvailability(id),
    [api],
  );

  useDebounce(
    () => {
      if (tenantId) {
        setRequested(tenantId);
        check(tenantId);
      }
    },
    AVAILABILITY_DEBOUNCE_MS,
    [tenantId, check],
  );

  if (!tenantId) {
    return { status: 'idle' };
  }
  if (requested !== tenantId || state.loading) {
    return { status: 'checking' };
  }
  if (state.error) {
    return { status: 'failed', error: state.error };
  }
  if (!state.value) {
    return { status: 'checking' };
  }
  return { status: 'checked', availability: state.value };
}
