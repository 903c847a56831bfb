import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
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
import { TenantPodsCard } from './TenantPodsCard';

const CARD = 'tenant-mesh-pods-card';

describe('TenantPodsCard', () => {
  it('shows ready of total and restarts per namespace', async () => {
    renderWithStatus(<TenantPodsCard />, statusApi(healthyStatus()));

    const card = await findLoadedCard(CARD);
    expect(
      card.querySelector('[data-namespace="tenant-acme"]'),
    ).toHaveTextContent('tenant-acme3/3 ready, 0 restarts');
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      'OKAll pods are ready.',
    );
  });

  it('lists the pods in trouble with their reason and message', async () => {
    const status = healthyStatus();
    status.pods = {
      state: 'error',
      reason: 'productpage-7d4 is in CrashLoopBackOff.',
      namespaces: [
        {
          namespace: 'tenant-acme',
          ready: 2,
          total: 3,
          restarts: 7,
          troubled: [
            {
              name: 'productpage-7d4',
              phase: 'Running',
              restarts: 7,
              reason: 'CrashLoopBackOff',
              message: 'back-off 5m0s restarting failed container',
            },
          ],
        },
        {
          namespace: 'tenant-acme-auth',
          ready: 1,
          total: 1,
          restarts: 1,
          troubled: [],
        },
      ],
    };

    renderWithStatus(<TenantPodsCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    const acme = card.querySelector('[data-namespace="tenant-acme"]');
    expect(acme).toHaveTextContent('2/3 ready, 7 restarts');
    expect(acme).toHaveTextContent('productpage-7d4: CrashLoopBackOff');
    expect(acme).toHaveTextContent(
      'Running, 7 restarts. back-off 5m0s restarting failed container',
    );
    expect(
      card.querySelector('[data-namespace="tenant-acme-auth"]'),
    ).toHaveTextContent('1/1 ready, 1 restart');
    expect(card.querySelector('[data-section-state]')).toHaveTextContent(
      'Errorproductpage-7d4 is in CrashLoopBackOff.',
    );
  });

  it.each<[string, () => TenantStatus, string]>([
    ['no cluster configured', noClusterStatus, NO_CLUSTER],
    [
      'a configured cluster that did not answer',
      clusterDownStatus,
      CLUSTER_DOWN,
    ],
  ])(
    'shows %s as unknown, with no counts it never read',
    async (_, status, reason) => {
      renderWithStatus(<TenantPodsCard />, statusApi(status()));

      const card = await findLoadedCard(CARD);
      expect(card.querySelector('[data-section-state]')).toHaveTextContent(
        `Unknown${reason}`,
      );
      for (const namespace of ['tenant-acme', 'tenant-acme-auth']) {
        // The reason is on top; each namespace only says it was not read.
        expect(
          card.querySelector(`[data-namespace="${namespace}"]`),
        ).toHaveTextContent(new RegExp(`^${namespace}Not read$`));
      }
      expect(card).not.toHaveTextContent(/\d+\/\d+ ready/);
      expect(card).not.toHaveTextContent('restart');
    },
  );

  it('shows a namespace read empty as 0/0, not as unread', async () => {
    const status = healthyStatus();
    status.pods.namespaces[1] = {
      namespace: 'tenant-acme-auth',
      ready: 0,
      total: 0,
      restarts: 0,
      troubled: [],
    };

    renderWithStatus(<TenantPodsCard />, statusApi(status));

    const card = await findLoadedCard(CARD);
    expect(
      card.querySelector('[data-namespace="tenant-acme-auth"]'),
    ).toHaveTextContent('0/0 ready, 0 restarts');
    expect(card).not.toHaveTextContent('Not read');
  });
});
