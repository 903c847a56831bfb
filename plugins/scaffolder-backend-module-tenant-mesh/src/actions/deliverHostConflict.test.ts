import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubernetesObject,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { tenantRecordPath } from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { parseAllDocuments, stringify } from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { KnownSecretCognito } from '../__testUtils__/cognito';
import { acmeInput, testPlatform } from '../__testUtils__/platform';
import {
  clusterDelivery,
  fakeClusterTarget,
  gitopsDelivery,
  seedPlatformNamespaces,
} from '../__testUtils__/targets';
import {
  recordedTenants,
  sharedObjectUpdates,
} from '../delivery/clusterSharedObjects';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { createTenantMeshDeliverAction } from './deliver';
import { createTenantMeshDeliverPlatformAction } from './deliverPlatform';

const platform = testPlatform();
const HOST = 'ab-c.example.com';
/** The file of a central Envoy routes ConfigMap. */
const ROUTES_FILE = 'routes.json';

function deliverAction(delivery: DeliveryTarget) {
  return createTenantMeshDeliverAction({
    platform,
    catalog: catalogServiceMock(),
    cognito: new KnownSecretCognito('S3cr3t-XYZ'),
    delivery,
    logger: actionContext({ input: {} }).ctx.logger,
    generateCookieSecret: () => 'q7Zx1Qd2Vb3Nm4Kl5Jh6Gf7Ds8Aa9Pp0Oo1Ii2Uu3Yy',
  });
}

/** Tenants `ab` and `ab-c`, which may both have `ab-c.example.com`. */
const claimant = (tenantId: string) => ({
  ...acmeInput,
  tenantId,
  host: HOST,
  userPoolId: 'us-east-1_AbCdEf123',
  clientId: '1example23456789',
});

/** Runs both onboardings at once; returns the winner and the loser's error. */
async function race(delivery: DeliveryTarget) {
  const action = deliverAction(delivery);
  const ids = ['ab', 'ab-c'];
  const results = await Promise.allSettled(
    ids.map(id => action.handler(actionContext({ input: claimant(id) }).ctx)),
  );
  const won = ids.filter((_, i) => results[i].status === 'fulfilled');
  const lost = results.flatMap(r => (r.status === 'rejected' ? [r] : []));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const loser = ids.find(id => id !== won[0])!;
  return { winner: won[0], loser, error: lost[0].reason as Error };
}

/** Every domain of the central Envoy's index, from its ConfigMap. */
function indexDomains(configMap: KubernetesObject): string[] {
  const file = JSON.parse(
    (configMap.data as Record<string, string>)[ROUTES_FILE],
  ) as {
    resources: Array<{ virtual_hosts: Array<{ domains: string[] }> }>;
  };
  return file.resources.flatMap(r => r.virtual_hosts.flatMap(v => v.domains));
}

describe('tenant-mesh:deliver with two tenants racing for one host', () => {
  it('commits one of them to a GitOps repository and refuses the other', async () => {
    const delivery = gitopsDelivery();

    const { winner, loser, error } = await race(delivery);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(
      new RegExp(
        `^host: ab-c\\.example\\.com already belongs to tenant ${winner} `,
      ),
    );
    const log = await delivery.repository.log(10);
    expect(log.map(c => c.message.split('\n')[0])).toEqual([
      `Onboard tenant ${winner}`,
    ]);
    expect(await delivery.repository.readFiles(`tenants/${loser}/`)).toEqual(
      [],
    );
    const index = (await delivery.repository.readFiles('shared/'))
      .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
      .find(
        (o: KubernetesObject) =>
          o?.kind === 'ConfigMap' &&
          o.metadata.name === `${platform.envoy.name}-routes`,
      );
    const domains = indexDomains(index);
    expect(domains).toEqual([HOST]);
  });

  describe('on a cluster', () => {
    let api: FakeKubernetesApi;

    beforeEach(async () => {
      api = await startFakeKubernetesApi();
      seedPlatformNamespaces(api);
    });

    afterEach(() => api.close());

    it('delivers one of them and refuses the other before it writes anything', async () => {
      const { winner, loser, error } = await race(clusterDelivery(api));

      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toMatch(
        new RegExp(
          `^host: ab-c\\.example\\.com already belongs to tenant ${winner} `,
        ),
      );
      const ofLoser = api
        .objects()
        .filter(o =>
          [o.metadata.name, o.metadata.namespace].some(name =>
            name?.startsWith(`tenant-${loser}`),
          ),
        );
      expect(ofLoser).toEqual([]);
      const gateway = api
        .objects()
        .find(
          o => o.kind === 'Gateway' && o.metadata.name === 'tenant-gateway',
        )!;
      expect(recordedTenants(gateway)).toEqual([
        { tenantId: winner, host: HOST },
      ]);
      const index = api
        .objects()
        .find(o => o.metadata.name === `${platform.envoy.name}-routes`)!;
      expect(indexDomains(index)).toEqual([HOST]);
    });

    it('refuses, in the shared update itself, a host another tenant holds, without retrying or writing', async () => {
      await deliverAction(clusterDelivery(api)).handler(
        actionContext({ input: claimant('ab') }).ctx,
      );
      const target = fakeClusterTarget(api);
      const [gateway] = sharedObjectUpdates({
        tenant: { tenantId: 'ab-c', host: HOST },
        platform,
      });
      const before = api.requests.length;

      const run = target.updateShared(gateway.ref, gateway.mutate);

      await expect(run).rejects.toThrow(ConflictError);
      await expect(run).rejects.toThrow(
        'host: ab-c.example.com already belongs to tenant ab in the tenant-mesh.io/tenants annotation of Gateway istio-ingress/tenant-gateway',
      );
      const requests = api.requests.slice(before);
      expect(requests.filter(r => r.method !== 'GET')).toEqual([]);
      expect(
        requests.filter(r => r.path.endsWith('/gateways/tenant-gateway')),
      ).toHaveLength(1);
    });
  });
});

describe('tenant-mesh:deliver-platform with two records on one host', () => {
  it('refuses to write, naming both tenants and their records', async () => {
    const delivery = gitopsDelivery();
    await delivery.repository.init();
    const { userPoolId, clientId, ...spec } = claimant('ab');
    const record = (tenantId: string): TenantSpec => ({
      ...spec,
      tenantId,
      identity: { userPoolId, clientId },
    });
    await delivery.repository.commitChange({
      files: ['ab', 'ab-c'].map(id => ({
        path: tenantRecordPath(id),
        content: stringify(record(id)),
      })),
      message: 'Record two tenants on one host',
    });
    const action = createTenantMeshDeliverPlatformAction({
      platform,
      delivery,
      logger: actionContext({ input: {} }).ctx.logger,
    });

    const run = action.handler(actionContext({ input: {} }).ctx);

    await expect(run).rejects.toThrow(ConflictError);
    await expect(run).rejects.toThrow(
      'Tenants ab (tenants/ab/tenant.yaml) and ab-c (tenants/ab-c/tenant.yaml) both claim host ab-c.example.com, so nothing was written',
    );
    expect(await delivery.repository.log(10)).toHaveLength(1);
  });
});
