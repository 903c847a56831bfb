import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  healthyStatus,
  NO_CLUSTER,
  noClusterStatus,
} from '../../__fixtures__/tenantStatus';
import { responseError } from '../../__testUtils__/responseError';
import {
  findLoadedCard,
  renderWithStatus,
  statusApi,
} from '../../__testUtils__/renderWithStatus';
import { TenantAuthCard } from './TenantAuthCard';
import { TenantPodsCard } from './TenantPodsCard';
import { TenantRoutingCard } from './TenantRoutingCard';

const CARDS = [
  'tenant-mesh-routing-card',
  'tenant-mesh-auth-card',
  'tenant-mesh-pods-card',
];

function AllCards() {
  return (
    <>
      <TenantRoutingCard />
      <TenantAuthCard />
      <TenantPodsCard />
    </>
  );
}

describe('the status cards together', () => {
  it('show progress and no state while the first request is out', async () => {
    const api = statusApi();
    api.getTenantStatus.mockReturnValue(new Promise<TenantStatus>(() => {}));

    renderWithStatus(<AllCards />, api);

    for (const id of CARDS) {
      const card = await screen.findByTestId(id);
      expect(within(card).getByTestId('progress')).toBeInTheDocument();
      expect(card.querySelector('[data-section-state]')).toBeNull();
      expect(
        within(card).getByRole('button', { name: 'Refresh' }),
      ).toBeDisabled();
    }
  });

  it('say, without an error panel, that a tenant without a record is unknown', async () => {
    const message = 'Tenant acme has no record tenants/acme/tenant.yaml';
    const api = statusApi();
    api.getTenantStatus.mockRejectedValue(
      await responseError({
        status: 404,
        statusText: 'Not Found',
        name: 'NotFoundError',
        message,
      }),
    );

    renderWithStatus(<AllCards />, api);

    await waitFor(() => {
      for (const id of CARDS) {
        const card = screen.getByTestId(id);
        expect(card.querySelector('[data-no-record]')).toHaveTextContent(
          `Tenant Mesh has no record of this tenant${message}`,
        );
      }
    });
    expect(screen.queryByText(/Request failed/)).toBeNull();
    expect(screen.queryByText(/NotFoundError/)).toBeNull();
    for (const id of CARDS) {
      expect(
        within(screen.getByTestId(id)).getByRole('button', { name: 'Refresh' }),
      ).toBeEnabled();
    }
  });

  // What the backend's error handler answers: the message is what to act on.
  it.each([
    [
      400,
      'Bad Request',
      'InputError',
      "Invalid tenant id 'Acme': must be a lowercase DNS label",
    ],
    [
      403,
      'Forbidden',
      'NotAllowedError',
      'Not allowed: tenant-mesh.tenant.read',
    ],
    [500, 'Internal Server Error', 'Error', 'Cognito did not answer'],
  ])(
    'show the message of a %i answer in each card, in a few lines',
    async (status, statusText, name, message) => {
      const api = statusApi();
      api.getTenantStatus.mockRejectedValue(
        await responseError({ status, statusText, name, message }),
      );

      renderWithStatus(<AllCards />, api);

      await waitFor(() => expect(screen.getAllByText(message)).toHaveLength(3));
      for (const id of CARDS) {
        const card = screen.getByTestId(id);
        const error = card.querySelector('[data-load-error]');
        expect(error).toHaveTextContent(
          `Could not load the status${message}The backend answered ${status} ${statusText}.`,
        );
        expect(within(card).getByText(message)).toBeVisible();
        // Nothing folded away, no panel that repeats the client's words.
        expect(
          within(card).queryByRole('button', { expanded: false }),
        ).toBeNull();
        expect(card).not.toHaveTextContent('Request failed');
      }
      expect(document.querySelector('[data-no-record]')).toBeNull();
    },
  );

  it('show the error of a request that never reached the backend', async () => {
    const api = statusApi();
    api.getTenantStatus.mockRejectedValue(new TypeError('Failed to fetch'));

    renderWithStatus(<AllCards />, api);

    await waitFor(() =>
      expect(screen.getAllByText('Failed to fetch')).toHaveLength(3),
    );
    for (const id of CARDS) {
      expect(
        screen.getByTestId(id).querySelector('[data-load-error]'),
      ).toHaveTextContent(
        'Could not load the statusFailed to fetchRefresh to try again.',
      );
    }
    expect(api.getTenantStatus).toHaveBeenCalledTimes(1);
  });

  it('try again on Refresh after an error, and show the status', async () => {
    const api = statusApi();
    api.getTenantStatus.mockRejectedValueOnce(
      await responseError({
        status: 403,
        statusText: 'Forbidden',
        name: 'NotAllowedError',
        message: 'Not allowed: tenant-mesh.tenant.read',
      }),
    );
    api.getTenantStatus.mockResolvedValue(healthyStatus());

    renderWithStatus(<AllCards />, api);
    const pods = await screen.findByTestId('tenant-mesh-pods-card');
    await waitFor(() =>
      expect(pods.querySelector('[data-load-error]')).not.toBeNull(),
    );
    const refresh = within(pods).getByRole('button', { name: 'Refresh' });
    expect(refresh).toBeEnabled();
    await userEvent.click(refresh);

    for (const id of CARDS) {
      const card = await findLoadedCard(id);
      expect(card.querySelector('[data-load-error]')).toBeNull();
    }
    expect(api.getTenantStatus).toHaveBeenLastCalledWith('acme', {
      fresh: true,
    });
  });

  it('keep the last status under the error when a refresh fails', async () => {
    const api = statusApi();
    api.getTenantStatus.mockResolvedValueOnce(healthyStatus());
    api.getTenantStatus.mockRejectedValueOnce(
      await responseError({
        status: 503,
        statusText: 'Service Unavailable',
        name: 'ServiceUnavailableError',
        message: 'The cluster could not be read',
      }),
    );

    renderWithStatus(<AllCards />, api);
    const routing = await findLoadedCard('tenant-mesh-routing-card');
    await userEvent.click(
      within(routing).getByRole('button', { name: 'Refresh' }),
    );

    for (const id of CARDS) {
      const card = await screen.findByTestId(id);
      await waitFor(() =>
        expect(card.querySelector('[data-load-error]')).toHaveTextContent(
          'The cluster could not be read',
        ),
      );
      expect(card.querySelector('[data-section-state]')).not.toBeNull();
    }
  });

  it("treat a 404 that is not the plugin's NotFoundError as an error, not a missing record", async () => {
    const api = statusApi();
    api.getTenantStatus.mockRejectedValue(
      await responseError({
        status: 404,
        statusText: 'Not Found',
        name: 'Error',
        message: 'No route for /api/tenant-mesh',
      }),
    );

    renderWithStatus(<AllCards />, api);

    const card = await screen.findByTestId('tenant-mesh-auth-card');
    await waitFor(() =>
      expect(card.querySelector('[data-load-error]')).toHaveTextContent(
        'No route for /api/tenant-mesh',
      ),
    );
    expect(card.querySelector('[data-no-record]')).toBeNull();
  });

  it('say why the cluster was not read once per card, then in a few words', async () => {
    renderWithStatus(<AllCards />, statusApi(noClusterStatus()));

    for (const id of CARDS) {
      const card = await findLoadedCard(id);
      expect(card.textContent?.split(NO_CLUSTER)).toHaveLength(2);
    }
    // The auth card's section is about the hosted UI: its first check says
    // why the cluster was not read, the next ones refer to it.
    const auth = screen.getByTestId('tenant-mesh-auth-card');
    const reasonOf = (check: string) =>
      auth.querySelector(`[data-check="${check}"]`);
    expect(reasonOf('ext-authz-provider')).toHaveTextContent(NO_CLUSTER);
    for (const check of ['oauth2-proxy', 'oauth2-proxy-secret']) {
      expect(reasonOf(check)).toHaveTextContent(
        'No cluster configured (see above)',
      );
      expect(reasonOf(check)).not.toHaveTextContent(NO_CLUSTER);
    }
    const routing = screen.getByTestId('tenant-mesh-routing-card');
    expect(
      routing.querySelector('[data-check="virtual-service"]'),
    ).toHaveTextContent('No cluster configured (see above)');
  });

  it('ask once on load and once more, past the cache, on Refresh', async () => {
    const api = statusApi(healthyStatus());
    const later: TenantStatus = {
      ...healthyStatus(),
      checkedAt: '2026-10-01T12:05:00.000Z',
      pods: { ...healthyStatus().pods, reason: 'Checked again.' },
    };

    renderWithStatus(<AllCards />, api);
    const pods = await findLoadedCard('tenant-mesh-pods-card');
    expect(api.getTenantStatus).toHaveBeenCalledTimes(1);

    api.getTenantStatus.mockResolvedValue(later);
    const routing = await findLoadedCard('tenant-mesh-routing-card');
    await userEvent.click(
      within(routing).getByRole('button', { name: 'Refresh' }),
    );

    await waitFor(() => expect(pods).toHaveTextContent('Checked again.'));
    expect(api.getTenantStatus).toHaveBeenCalledTimes(2);
    expect(api.getTenantStatus).toHaveBeenLastCalledWith('acme', {
      fresh: true,
    });
    for (const id of CARDS) {
      expect(screen.getByTestId(id)).toHaveTextContent(
        new Date(later.checkedAt).toLocaleString(),
      );
    }
  });
});
