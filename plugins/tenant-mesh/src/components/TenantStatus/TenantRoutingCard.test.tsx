import { within } from '@testing-library/react';
import {
  healthyStatus,
  noClusterStatus,
} from '../../__fixtures__/tenantStatus';
import {
  findLoadedCard,
  renderWithStatus,
  statusApi,
} from '../../__testUtils__/renderWithStatus';
import { TenantRoutingCard } from './TenantRoutingCard';

describe('TenantRoutingCard', () => {
  it('shows both paths hop by hop, in order, with their state and reason', async () => {
    renderWithStatus(<TenantRoutingCard />, statusApi(healthyStatus()));

    const card = await findLoadedCard('tenant-mesh-routing-card');
    const request = within(card).getByRole('list', { name: 'Request path' });
    // The subheader is a list item too; the hops carry their check id.
    const hops = Array.from(request.querySelectorAll('[data-check]'));
    expect(hops.map(h => h.getAttribute('data-check'))).toEqual([
      'host',
      'gateway',
      'virtual-service',
      'service',
    ]);
    expect(hops[2]).toHaveTextContent('VirtualService tenant-acme/tenant-acme');
    expect(hops[2]).toHaveTextContent('Routes / to productpage.');
    expect(hops[2]).toHaveTextContent('OK');

    const authorizer = within(card).getByRole('list', {
      name: 'Authorizer path',
    });
    expect(authorizer.querySelectorAll('[data-check]')).toHaveLength(3);
    expect(card).toHaveTextContent('acme.example.com reaches its service.');
    expect(card).toHaveTextContent(
      `Checked ${new Date('2026-10-01T12:00:00.000Z').toLocaleString()}`,
    );
  });

  it('names the broken hop and why, with the section state on top', async () => {
    const status = healthyStatus();
    const reason =
      'VirtualService tenant-acme/tenant-acme is missing: deliver the tenant again.';
    status.routing = {
      ...status.routing,
      state: 'error',
      reason,
      path: status.routing.path.map(hop =>
        hop.id === 'virtual-service' ? { ...hop, state: 'error', reason } : hop,
      ),
    };

    renderWithStatus(<TenantRoutingCard />, statusApi(status));

    const card = await findLoadedCard('tenant-mesh-routing-card');
    const summary = card.querySelector('[data-section-state]');
    expect(summary).toHaveTextContent(`Error${reason}`);
    const hop = card.querySelector('[data-check="virtual-service"]');
    expect(hop?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'error',
    );
    expect(hop).toHaveTextContent(reason);
  });

  it('shows "no cluster" as unknown, not as an error', async () => {
    renderWithStatus(<TenantRoutingCard />, statusApi(noClusterStatus()));

    const card = await findLoadedCard('tenant-mesh-routing-card');
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      /^UnknownNo cluster configured: /,
    );
    expect(card.querySelector('[data-state="error"]')).toBeNull();
    // The planned hops are named, without repeating the reason on each.
    const hop = card.querySelector('[data-check="virtual-service"]');
    expect(hop).toHaveTextContent('VirtualService');
    expect(hop).not.toHaveTextContent('No cluster configured');
    expect(card).toHaveTextContent(
      'No hop of the authorizer path was checked.',
    );
  });
});
