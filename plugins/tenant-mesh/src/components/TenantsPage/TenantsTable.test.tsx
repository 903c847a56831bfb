import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TenantList } from '@tenant-mesh/plugin-tenant-mesh-common';
import { summary } from '../../__fixtures__/tenantStatus';
import { TenantMeshApi, tenantMeshApiRef } from '../../api';
import { TenantsTable } from './TenantsTable';

function tenantList(items: TenantList['items']): TenantList {
  return {
    items,
    checkedAt: '2026-10-01T12:00:00.000Z',
    cluster: { configured: false },
  };
}

const THREE = tenantList([
  summary({ tenantId: 'acme' }),
  summary({
    tenantId: 'globex',
    state: 'error',
    reason: 'VirtualService tenant-globex/tenant-globex is missing.',
    routing: 'error',
  }),
  summary({
    tenantId: 'initech',
    state: 'unknown',
    owner: undefined,
    entityRef: undefined,
    pods: 'unknown',
  }),
]);

function renderTable(list: Promise<TenantList>) {
  const listTenants = jest.fn<
    ReturnType<TenantMeshApi['listTenants']>,
    Parameters<TenantMeshApi['listTenants']>
  >(() => list);
  const api: Pick<TenantMeshApi, 'listTenants'> = { listTenants };
  renderInTestApp(<TenantsTable />, {
    apis: [[tenantMeshApiRef, api]],
    // The tenant and owner cells link to the catalog's entity pages.
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return listTenants;
}

/** The tenant ids of the rows, top to bottom. */
function tenantIds(): string[] {
  const [, ...rows] = screen.getAllByRole('row');
  return rows.map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

describe('TenantsTable', () => {
  it('lists every tenant, worst state first, with links to the catalog', async () => {
    renderTable(Promise.resolve(THREE));

    expect(await screen.findByText('globex')).toBeInTheDocument();
    expect(tenantIds()).toEqual(['globex', 'initech', 'acme']);
    expect(screen.getByRole('link', { name: 'acme' })).toHaveAttribute(
      'href',
      expect.stringContaining('acme'),
    );
    expect(screen.getByText(/no cluster configured/)).toBeInTheDocument();
    const globex = screen.getAllByRole('row')[1];
    expect(globex).toHaveTextContent(
      'VirtualService tenant-globex/tenant-globex is missing.',
    );
    expect(globex.querySelectorAll('[data-state="error"]')).toHaveLength(2);
  });

  it('keeps every state on one line', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    const labels = document.querySelectorAll('[data-state]');
    expect(labels).toHaveLength(THREE.items.length * 4);
    labels.forEach(label =>
      expect(label.closest('td')).toHaveStyle({ whiteSpace: 'nowrap' }),
    );
  });

  it('says that the list leaves Cognito to the tenant pages', async () => {
    renderTable(Promise.resolve(THREE));

    expect(
      await screen.findByText(/Cognito is checked on each tenant's page/),
    ).toBeInTheDocument();
  });

  it('loads through the backend cache, and refreshes past it', async () => {
    const listTenants = renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');
    expect(listTenants).toHaveBeenCalledTimes(1);
    expect(listTenants.mock.calls[0][0]?.fresh).toBeFalsy();

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(listTenants).toHaveBeenCalledTimes(2));
    expect(listTenants).toHaveBeenLastCalledWith({ fresh: true });
  });

  it('sorts by a column when its header is clicked', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    const alphabetical = ['acme', 'globex', 'initech'];
    await userEvent.click(screen.getByText('Tenant'));
    const sorted = tenantIds();
    expect([alphabetical, [...alphabetical].reverse()]).toContainEqual(sorted);

    await userEvent.click(screen.getByText('Tenant'));
    expect(tenantIds()).toEqual([...sorted].reverse());
  });

  it('filters by state', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    await userEvent.click(
      within(screen.getByTestId('select')).getByRole('button'),
    );
    // The words of the cells, not the raw values.
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['Error', 'OK', 'Unknown']);
    await userEvent.click(screen.getByRole('option', { name: 'Error' }));
    // The open menu hides the table from the accessibility tree.
    await userEvent.keyboard('{Escape}');

    await waitFor(() => expect(tenantIds()).toEqual(['globex']));
  });

  it('finds a tenant by search', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search' }),
      'initech',
    );

    await waitFor(() => expect(tenantIds()).toEqual(['initech']));
  });

  it('says above the table why tenants may be missing', async () => {
    const incomplete =
      'Delivery goes straight to a cluster, which keeps no records the status can list.';
    renderTable(Promise.resolve({ ...THREE, incomplete }));
    await screen.findByText('globex');

    const info = screen.getByRole('alert');
    expect(info).toHaveTextContent('Some tenants may be missing');
    expect(info).toHaveTextContent(incomplete);
    expect(screen.getByText(incomplete)).toBeVisible();
    // Above the table, not inside it.
    expect(
      info.compareDocumentPosition(screen.getByRole('table')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows no message when the list is complete', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when there is no tenant yet', async () => {
    renderTable(Promise.resolve(tenantList([])));

    expect(await screen.findByText('No tenants yet')).toBeInTheDocument();
  });

  it('shows the error of the backend', async () => {
    renderTable(Promise.reject(new Error('Tenant Mesh backend unreachable')));

    expect(
      await screen.findByText('Error: Tenant Mesh backend unreachable'),
    ).toBeInTheDocument();
  });
});
