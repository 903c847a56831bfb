import { ReactElement } from 'react';
import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  TenantMeshApi,
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from '../api';
import { acmeEntity } from '../__fixtures__/tenantStatus';

/** The backend as the cards see it: only the status route. */
export type StatusApi = jest.Mocked<Pick<TenantMeshApi, 'getTenantStatus'>>;

export function statusApi(status?: TenantStatus): StatusApi {
  const getTenantStatus: StatusApi['getTenantStatus'] = jest.fn();
  if (status) {
    getTenantStatus.mockResolvedValue(status);
  }
  return { getTenantStatus };
}

/** Renders cards on acme's entity page with one store, as the app has. */
export function renderWithStatus(element: ReactElement, api: StatusApi) {
  return renderInTestApp(
    <EntityProvider entity={acmeEntity}>{element}</EntityProvider>,
    {
      apis: [
        [
          tenantStatusStoreApiRef,
          new TenantStatusStore({ tenantMeshApi: api }),
        ],
      ],
    },
  );
}

/**
 * A card once its status has arrived. Waiting inside `waitFor` lets the
 * store's update land within React's act.
 */
export async function findLoadedCard(testId: string): Promise<HTMLElement> {
  return waitFor(() => {
    const card = screen.getByTestId(testId);
    expect(card.querySelector('[data-section-state]')).not.toBeNull();
    return card;
  });
}
