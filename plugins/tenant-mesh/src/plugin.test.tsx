import { screen, waitFor } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  acmeEntity,
  componentEntity,
  databaseEntity,
  healthyStatus,
} from './__fixtures__/tenantStatus';
import { statusApi } from './__testUtils__/renderWithStatus';
import { TenantMeshApi, tenantMeshApiRef } from './api';
import {
  tenantAuthCard,
  tenantPodsCard,
  tenantRoutingCard,
  tenantStatusStoreApi,
} from './plugin';
import { isTenantEntity } from './components/TenantStatus';

const CARDS = [
  'tenant-mesh-routing-card',
  'tenant-mesh-auth-card',
  'tenant-mesh-pods-card',
];

/** An entity page with the three cards, the store built by the plugin's own factory. */
function renderEntityPage(entity: Entity, api: Partial<TenantMeshApi>) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      tenantRoutingCard,
      tenantAuthCard,
      tenantPodsCard,
      tenantStatusStoreApi,
    ],
    apis: [[tenantMeshApiRef, api]],
  });
}

describe('the status cards on an entity page', () => {
  it('appear on a tenant and make one request for all three', async () => {
    const api = statusApi(healthyStatus());

    renderEntityPage(acmeEntity, api);

    await waitFor(() => {
      for (const id of CARDS) {
        expect(
          screen.getByTestId(id).querySelector('[data-section-state]'),
        ).not.toBeNull();
      }
    });
    expect(api.getTenantStatus).toHaveBeenCalledTimes(1);
    expect(api.getTenantStatus).toHaveBeenCalledWith('acme', { fresh: false });
  });

  it.each<[string, Entity]>([
    ['a Component', componentEntity],
    ['a Resource of another type', databaseEntity],
  ])('stay off %s and ask nothing', async (_, entity) => {
    const api = statusApi(healthyStatus());

    renderEntityPage(entity, api);

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    for (const id of CARDS) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    expect(api.getTenantStatus).not.toHaveBeenCalled();
  });

  it('appear on a tenant whatever the case of its type', async () => {
    const api = statusApi(healthyStatus());

    renderEntityPage(
      { ...acmeEntity, kind: 'resource', spec: { type: 'Tenant' } },
      api,
    );

    for (const id of CARDS) {
      expect(await screen.findByTestId(id)).toBeInTheDocument();
    }
  });
});

describe('isTenantEntity', () => {
  it.each<[string, Entity, boolean]>([
    ['a tenant', acmeEntity, true],
    ['a Component', componentEntity, false],
    ['another Resource', databaseEntity, false],
    [
      'a tenant spelled in lower case',
      { ...acmeEntity, kind: 'resource' },
      true,
    ],
    [
      'a tenant type spelled in capitals',
      { ...acmeEntity, spec: { type: 'TENANT' } },
      true,
    ],
    [
      'a Resource without a type',
      { ...acmeEntity, spec: { owner: 'group:default/platform' } },
      false,
    ],
  ])('tells %s', (_, entity, expected) => {
    expect(isTenantEntity(entity)).toBe(expected);
  });
});
