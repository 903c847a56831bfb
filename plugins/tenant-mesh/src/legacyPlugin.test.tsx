import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { acmeEntity, healthyStatus } from './__fixtures__/tenantStatus';
import { statusApi } from './__testUtils__/renderWithStatus';
import {
  tenantMeshApiRef,
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from './api';
import { EntityTenantPodsCard, tenantMeshPlugin } from './legacyPlugin';

describe('the legacy plugin', () => {
  it('provides the client and the status store', () => {
    expect([...tenantMeshPlugin.getApis()].map(f => f.api.id)).toEqual([
      tenantMeshApiRef.id,
      tenantStatusStoreApiRef.id,
    ]);
  });

  it('renders the same cards in a legacy app', async () => {
    const api = statusApi(healthyStatus());

    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            tenantStatusStoreApiRef,
            new TenantStatusStore({ tenantMeshApi: api }),
          ],
        ]}
      >
        <EntityProvider entity={acmeEntity}>
          <EntityTenantPodsCard />
        </EntityProvider>
      </TestApiProvider>,
    );

    await waitFor(() =>
      expect(screen.getByTestId('tenant-mesh-pods-card')).toHaveTextContent(
        'All pods are ready.',
      ),
    );
  });
});
