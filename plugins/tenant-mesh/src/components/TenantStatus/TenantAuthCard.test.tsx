import { screen } from '@testing-library/react';
import {
  healthyStatus,
  noClusterStatus,
} from '../../__fixtures__/tenantStatus';
import {
  findLoadedCard,
  renderWithStatus,
  statusApi,
} from '../../__testUtils__/renderWithStatus';
import { TenantAuthCard } from './TenantAuthCard';

const CARD = 'tenant-mesh-auth-card';

describe('TenantAuthCard', () => {
  it('lists every auth check with its links and the hosted UI', async () => {
    renderWithStatus(<TenantAuthCard />, statusApi(healthyStatus()));

    const card = await findLoadedCard(CARD);
    const checks = Array.from(card.querySelectorAll('[data-check]'));
    expect(checks.map(c => c.getAttribute('data-check'))).toEqual([
      'user-pool',
      'app-client',
      'domain',
      'oauth2-proxy',
      'secret',
      'issuer',
      'login-probe',
    ]);
    expect(card).toHaveTextContent('Last login 2 minutes ago.');
    expect(card).not.toHaveTextContent('Login probe: not configured');
    expect(
      screen.getByRole('link', { name: /Cognito console/ }),
    ).toHaveAttribute('href', 'https://console.aws.amazon.com/cognito');
    expect(
      screen.getByRole('link', { name: /Open the hosted UI/ }),
    ).toHaveAttribute('href', 'https://acme.auth.us-east-1.amazoncognito.com');
  });

  it('shows a failing check with its reason', async () => {
    const status = healthyStatus();
    const reason =
      'Secret tenant-acme-auth/oauth2-proxy lacks client-secret: deliver the tenant again.';
    status.auth = {
      ...status.auth,
      state: 'warning',
      reason,
      checks: status.auth.checks.map(c =>
        c.id === 'secret' ? { ...c, state: 'warning', reason } : c,
      ),
    };

    renderWithStatus(<TenantAuthCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      `Warning${reason}`,
    );
    expect(card.querySelector('[data-check="secret"]')).toHaveTextContent(
      `Warning`,
    );
  });

  it('shows the local emulator plainly: domain unknown, probe not configured', async () => {
    renderWithStatus(<TenantAuthCard />, statusApi(noClusterStatus()));

    const card = await findLoadedCard(CARD);
    const domain = card.querySelector('[data-check="domain"]');
    expect(domain?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'unknown',
    );
    expect(domain).toHaveTextContent(
      'Hosted UI: unavailable in local mode (cognito-local has no hosted UI)',
    );
    expect(card).toHaveTextContent('Login probe: not configured');
    expect(card.querySelector('[data-state="error"]')).toBeNull();
    expect(screen.queryByRole('link', { name: /hosted UI/ })).toBeNull();
  });
});
