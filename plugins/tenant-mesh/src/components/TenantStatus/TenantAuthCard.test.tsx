import { screen } from '@testing-library/react';
import {
  healthyStatus,
  LOCAL_DOMAIN,
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
      'hosted-ui-domain',
      'issuer-discovery',
      'login-probe',
      'ext-authz-provider',
      'oauth2-proxy',
      'oauth2-proxy-secret',
    ]);
    expect(card.querySelector('[data-check="login-probe"]')).toHaveTextContent(
      "redirects to the tenant's hosted UI login.",
    );
    expect(card).not.toHaveTextContent('Login probe: not configured');
    const hostedUi = 'https://acme-1a2b3c4d.auth.us-east-1.amazoncognito.com';
    const domainLink = card.querySelector('[data-check="hosted-ui-domain"] a');
    expect(domainLink).toHaveTextContent('Hosted UI');
    expect(domainLink).toHaveAttribute('href', hostedUi);
    expect(
      screen.getByRole('link', { name: /Open the hosted UI/ }),
    ).toHaveAttribute('href', hostedUi);
  });

  it('shows a failing check with its reason', async () => {
    const status = healthyStatus();
    const reason =
      'Secret tenant-acme-auth/oauth2-proxy-acme lacks the key(s) client-secret; re-run the onboarding (tenant-mesh create <tenant file>).';
    status.auth = {
      ...status.auth,
      state: 'warning',
      reason,
      checks: status.auth.checks.map(c =>
        c.id === 'oauth2-proxy-secret' ? { ...c, state: 'warning', reason } : c,
      ),
    };

    renderWithStatus(<TenantAuthCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      `Warning${reason}`,
    );
    const secret = card.querySelector('[data-check="oauth2-proxy-secret"]');
    expect(secret?.querySelector('[data-state]')).toHaveAttribute(
      'data-state',
      'warning',
    );
    expect(secret).toHaveTextContent(reason);
  });

  it('shows the local emulator plainly: domain unknown, probe not configured', async () => {
    renderWithStatus(<TenantAuthCard />, statusApi(noClusterStatus()));

    const card = await findLoadedCard(CARD);
    const stateOf = (id: string) =>
      card
        .querySelector(`[data-check="${id}"] [data-state]`)
        ?.getAttribute('data-state');
    expect(stateOf('user-pool')).toBe('ok');
    expect(stateOf('app-client')).toBe('ok');
    expect(stateOf('hosted-ui-domain')).toBe('unknown');
    // The card says why on top; the check refers to it.
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      LOCAL_DOMAIN,
    );
    expect(
      card.querySelector('[data-check="hosted-ui-domain"]'),
    ).toHaveTextContent('Hosted UI (see above)');
    expect(card).toHaveTextContent('Login probe: not configured');
    expect(card.querySelector('[data-state="error"]')).toBeNull();
    expect(screen.queryByRole('link', { name: /hosted UI/ })).toBeNull();
  });
});
