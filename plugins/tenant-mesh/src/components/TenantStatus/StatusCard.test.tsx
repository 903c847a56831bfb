import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import { healthyStatus } from '../../__fixtures__/tenantStatus';
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

  it('show the backend error in every card', async () => {
    const api = statusApi();
    api.getTenantStatus.mockRejectedValue(
      new Error('Tenant Mesh backend unreachable'),
    );

    renderWithStatus(<AllCards />, api);

    await waitFor(() => {
      for (const id of CARDS) {
        expect(
          within(screen.getByTestId(id)).getByText(
            'Error: Tenant Mesh backend unreachable',
          ),
        ).toBeInTheDocument();
      }
    });
    expect(api.getTenantStatus).toHaveBeenCalledTimes(1);
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

  it('keep the error panel for any other error answer', async () => {
    const api = statusApi();
    api.getTenantStatus.mockRejectedValue(
      await responseError({
        status: 500,
        statusText: 'Internal Server Error',
        name: 'Error',
        message: 'Cognito did not answer',
      }),
    );

    renderWithStatus(<AllCards />, api);

    await waitFor(() => {
      for (const id of CARDS) {
        expect(
          within(screen.getByTestId(id)).getByText(
            /Request failed with 500 Internal Server Error/,
          ),
        ).toBeInTheDocument();
      }
    });
    expect(document.querySelector('[data-no-record]')).toBeNull();
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
