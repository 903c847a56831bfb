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

  it('fits its card: compact states, wrapping names, the rest to the reason', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');

    // Widths set the layout, not the longest words of the cells.
    expect(screen.getByRole('table')).toHaveStyle({ tableLayout: 'fixed' });
    const header = (name: string) =>
      screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    for (const state of ['State', 'Routing', 'Auth', 'Pods']) {
      expect(header(state)).toHaveStyle({ width: '108px' });
    }
    expect(header('Tenant')).toHaveStyle({ width: '10%' });
    expect(header('Host')).toHaveStyle({ width: '14%' });
    expect(header('Owner')).toHaveStyle({ width: '10%' });
    expect(header('Reason')).toHaveStyle({ width: 'auto' });

    // Names and the reason wrap between words, not inside them.
    const [, acme] = screen.getAllByRole('row').slice(2);
    const cells = within(acme).getAllByRole('cell');
    for (const index of [0, 2, 3, 7]) {
      expect(cells[index]).toHaveStyle({
        whiteSpace: 'normal',
        wordBreak: 'normal',
      });
    }
    // A host wraps between its labels.
    expect(cells[2]).toHaveTextContent('acme.example.com');
    expect(cells[2].querySelectorAll('wbr')).toHaveLength(2);
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

  it('opens and closes the filter panel with its toggle', async () => {
    renderTable(Promise.resolve(THREE));
    await screen.findByText('globex');
    // The table draws its toolbar anew when the count changes.
    const toggle = () => screen.getByRole('button', { name: 'filter list' });
    expect(screen.getByText('Filters (0)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear all' })).toBeNull();

    await userEvent.click(toggle());
    expect(screen.getByRole('button', { name: 'Clear all' })).toBeVisible();
    await userEvent.click(
      within(screen.getByTestId('select')).getByRole('button'),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Unknown' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(tenantIds()).toEqual(['initech']));
    expect(screen.getByText('Filters (1)')).toBeInTheDocument();

    // Closed, the panel keeps its choice; Clear all drops it.
    await userEvent.click(toggle());
    expect(screen.queryByRole('button', { name: 'Clear all' })).toBeNull();
    expect(tenantIds()).toEqual(['initech']);
    await userEvent.click(toggle());
    await userEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(tenantIds()).toHaveLength(3));
    expect(screen.getByText('Filters (0)')).toBeInTheDocument();
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
      'Without tenantMesh.delivery no tenant records are read, so tenants onboarded elsewhere are not listed.';
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
