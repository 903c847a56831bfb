import { within } from '@testing-library/react';
import {
  CLUSTER_DOWN,
  clusterDownStatus,
  healthyStatus,
  NO_CLUSTER,
  noClusterStatus,
} from '../../__fixtures__/tenantStatus';
import {
  findLoadedCard,
  renderWithStatus,
  statusApi,
} from '../../__testUtils__/renderWithStatus';
import { TenantRoutingCard } from './TenantRoutingCard';

const CARD = 'tenant-mesh-routing-card';

/** The check ids of one of the card's lists, top to bottom. */
function checkIds(card: HTMLElement, list: string): Array<string | null> {
  const element = within(card).getByRole('list', { name: list });
  // The subheader is a list item too; the checks carry their id.
  return Array.from(element.querySelectorAll('[data-check]')).map(c =>
    c.getAttribute('data-check'),
  );
}

describe('TenantRoutingCard', () => {
  it('shows both paths hop by hop, in order, with their state and reason', async () => {
    renderWithStatus(<TenantRoutingCard />, statusApi(healthyStatus()));

    const card = await findLoadedCard(CARD);
    expect(checkIds(card, 'Request path')).toEqual([
      'gateway-binding',
      'gateway',
      'virtual-service',
      'destination-service:productpage',
    ]);
    const vs = card.querySelector('[data-check="virtual-service"]');
    expect(vs).toHaveTextContent('VirtualService tenant-acme/tenant-acme');
    expect(vs).toHaveTextContent('routes / to productpage.');
    expect(vs?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'ok',
    );

    expect(checkIds(card, 'Authorizer path')).toEqual([
      'ext-authz-policy',
      'gateway-policy',
      'ext-authz-provider',
      'envoy-route',
      'envoy-deployment',
      'oauth2-proxy',
    ]);
    expect(card).toHaveTextContent(
      'acme.example.com is routed and guarded by its login.',
    );
    expect(card).toHaveTextContent(
      `Checked ${new Date('2026-10-01T12:00:00.000Z').toLocaleString()}`,
    );
  });

  it('shows the checks against the plan after both paths', async () => {
    renderWithStatus(<TenantRoutingCard />, statusApi(healthyStatus()));

    const card = await findLoadedCard(CARD);
    const titles = within(card)
      .getAllByRole('list')
      .map(list => list.getAttribute('aria-label'));
    expect(titles).toEqual([
      'Request path',
      'Authorizer path',
      'Against the plan',
    ]);
    expect(checkIds(card, 'Against the plan')).toEqual([
      'gitops-manifests',
      'lint',
    ]);
    expect(
      card.querySelector('[data-check="gitops-manifests"]'),
    ).toHaveTextContent('tenants/acme/ holds the 14 manifests of the plan.');
    // No findings, no list of them.
    expect(within(card).queryByRole('list', { name: 'Lint findings' })).toBe(
      null,
    );
  });

  it('lists the lint findings under the plan, with their level and fix', async () => {
    const status = healthyStatus();
    const message =
      'AuthorizationPolicy istio-ingress/ext-authz-acme names provider tenant-authz, which meshConfig does not list.';
    status.lint = {
      state: 'error',
      reason: message,
      findings: [
        {
          level: 'error',
          object: 'AuthorizationPolicy istio-ingress/ext-authz-acme',
          message,
          fix: 'tenantMesh.extAuthzProvider',
        },
        {
          level: 'warning',
          object: 'VirtualService tenant-acme/tenant-acme',
          message: 'Routes to a Service without a port name.',
        },
      ],
    };
    status.routing = {
      ...status.routing,
      state: 'error',
      reason: message,
      plan: status.routing.plan.map(c =>
        c.id === 'lint' ? { ...c, state: 'error', reason: message } : c,
      ),
    };

    renderWithStatus(<TenantRoutingCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    const findings = within(card).getByRole('list', { name: 'Lint findings' });
    const [policy, vs] = within(findings).getAllByRole('listitem');
    expect(policy.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'error',
    );
    expect(policy).toHaveTextContent(
      'AuthorizationPolicy istio-ingress/ext-authz-acme',
    );
    expect(policy).toHaveTextContent(message);
    expect(policy).toHaveTextContent('Fix: tenantMesh.extAuthzProvider');
    expect(vs.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'warning',
    );
    expect(vs).toHaveTextContent('Routes to a Service without a port name.');
    expect(vs).not.toHaveTextContent('Fix:');
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

    const card = await findLoadedCard(CARD);
    const summary = card.querySelector('[data-section-state]');
    expect(summary).toHaveTextContent(`Error${reason}`);
    const hop = card.querySelector('[data-check="virtual-service"]');
    expect(hop?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'error',
    );
    // On top and on the hop: a failing hop keeps its reason.
    expect(hop).toHaveTextContent(reason);
  });

  it('shows "no cluster" as unknown, not as an error', async () => {
    renderWithStatus(<TenantRoutingCard />, statusApi(noClusterStatus()));

    const card = await findLoadedCard(CARD);
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      `Unknown${NO_CLUSTER}`,
    );
    expect(card.querySelector('[data-state="error"]')).toBeNull();
    // The planned hops are named, without repeating the reason on each.
    const hop = card.querySelector('[data-check="virtual-service"]');
    expect(hop).toHaveTextContent('VirtualService tenant-acme/tenant-acme');
    expect(hop?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'unknown',
    );
    expect(card.textContent?.split(NO_CLUSTER)).toHaveLength(2);
    // What the backend could still compare keeps its own reason.
    expect(card.querySelector('[data-check="lint"]')).toHaveTextContent(
      'The plan passes the lint; the live objects were not read.',
    );
  });

  it('says a configured cluster that did not answer once, on top', async () => {
    const status = clusterDownStatus();
    renderWithStatus(<TenantRoutingCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      `Unknown${CLUSTER_DOWN}`,
    );
    expect(card.textContent?.split(CLUSTER_DOWN)).toHaveLength(2);
    // The section, then every hop of both paths.
    const { path, authorizer } = status.routing;
    expect(card.querySelectorAll('[data-state="unknown"]')).toHaveLength(
      1 + path.length + authorizer.length,
    );
  });
});
