import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FIELD_MANAGER,
  KubernetesObject,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { parse } from 'yaml';
import {
  actionContext,
  memoryCheckpoints,
} from '../__testUtils__/actionContext';
import { KnownSecretCognito } from '../__testUtils__/cognito';
import { acmeInput, testPlatform } from '../__testUtils__/platform';
import {
  clusterDelivery,
  gitopsDelivery,
  seedPlatformNamespaces,
} from '../__testUtils__/targets';
import { recordedTenants } from '../delivery/clusterSharedObjects';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { createTenantMeshDeliverAction } from './deliver';

const platform = testPlatform();
const CLIENT_SECRET = 'S3cr3t-XYZ';
const COOKIE_SECRET = 'q7Zx1Qd2Vb3Nm4Kl5Jh6Gf7Ds8Aa9Pp0Oo1Ii2Uu3Yy';

const identity = {
  userPoolId: 'us-east-1_AbCdEf123',
  clientId: '1example23456789',
};

function deliverAction(
  delivery: DeliveryTarget,
  generateCookieSecret = () => COOKIE_SECRET,
) {
  return createTenantMeshDeliverAction({
    platform,
    catalog: catalogServiceMock(),
    cognito: new KnownSecretCognito(CLIENT_SECRET),
    delivery,
    logger: actionContext({ input: {} }).ctx.logger,
    generateCookieSecret,
  });
}

const tenant = (tenantId: string) => ({
  ...acmeInput,
  tenantId,
  host: `${tenantId}.example.com`,
  ...identity,
});

const decode = (value: unknown) =>
  Buffer.from(String(value), 'base64').toString('utf8');

const recordRef = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'tenant-acme',
  name: 'tenant-mesh-record',
};
const RECORD_PATH =
  '/api/v1/namespaces/tenant-acme/configmaps/tenant-mesh-record';

describe('tenant-mesh:deliver to a cluster', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    seedPlatformNamespaces(api);
  });

  afterEach(() => api.close());

  const writes = () => api.requests.filter(r => r.method !== 'GET');

  it('applies with server-side apply under one field manager, then writes the Secret and shared objects', async () => {
    const { ctx, outputs } = actionContext({ input: tenant('acme') });

    await deliverAction(clusterDelivery(api)).handler(ctx);

    const patches = writes().filter(r => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(5);
    for (const patch of patches) {
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.query.fieldManager).toBe(FIELD_MANAGER);
      expect(patch.query.force).toBeUndefined();
    }
    const secret = api.getObject({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'tenant-acme-auth',
      name: 'oauth2-proxy-acme',
    })!;
    const data = secret.data as Record<string, string>;
    expect(decode(data['client-secret'])).toBe(CLIENT_SECRET);
    expect(decode(data['cookie-secret'])).toBe(COOKIE_SECRET);
    expect(outputs).toMatchObject({
      target: 'cluster',
      secretRef: 'tenant-acme-auth/oauth2-proxy-acme',
      secretDelivered: true,
    });
    expect(outputs.applied).toEqual(
      expect.arrayContaining([
        'Namespace tenant-acme',
        'Secret tenant-acme-auth/oauth2-proxy-acme',
        'Gateway istio-ingress/tenant-gateway',
        'ConfigMap tenant-authz/tenant-authz-routes',
      ]),
    );
    // eslint-disable-next-line no-console
    console.log(
      `Kubernetes requests for one deliver: ${api.requests.length} (${
        writes().length
      } writes)`,
    );
  });

  it('records the tenant last, in a ConfigMap with its spec and identity and no secret', async () => {
    const { ctx, outputs } = actionContext({ input: tenant('acme') });

    await deliverAction(clusterDelivery(api)).handler(ctx);

    const record = api.getObject(recordRef)!;
    expect(record.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'tenant-mesh',
      'tenant-mesh.io/tenant': 'acme',
      'tenant-mesh.io/record': 'true',
    });
    const data = record.data as Record<string, string>;
    expect(Object.keys(data)).toEqual(['tenant.yaml']);
    expect(parse(data['tenant.yaml'])).toEqual({
      tenantId: 'acme',
      displayName: acmeInput.displayName,
      host: 'acme.example.com',
      owner: acmeInput.owner,
      identity,
    });
    const recorded = JSON.stringify(record);
    expect(recorded).not.toContain(CLIENT_SECRET);
    expect(recorded).not.toContain(COOKIE_SECRET);
    // The commit point: nothing is written after it.
    expect(writes().at(-1)).toMatchObject({
      method: 'PATCH',
      path: RECORD_PATH,
      query: { fieldManager: FIELD_MANAGER },
    });
    expect(outputs.applied).toContain(
      'ConfigMap tenant-acme/tenant-mesh-record',
    );
  });

  it('writes no record while a shared object fails, and records on the retry', async () => {
    api.inject({
      path: /^\/api\/v1\/namespaces\/tenant-authz\/configmaps/,
      code: 500,
    });
    const checkpoints = memoryCheckpoints();
    const action = deliverAction(clusterDelivery(api));

    await expect(
      action.handler(actionContext({ input: tenant('acme'), checkpoints }).ctx),
    ).rejects.toThrow();
    expect(api.getObject(recordRef)).toBeUndefined();

    await action.handler(
      actionContext({ input: tenant('acme'), checkpoints }).ctx,
    );
    const { resourceVersion } = api.getObject(recordRef)!.metadata;

    // A new task for the same tenant converges: the record does not change.
    await action.handler(actionContext({ input: tenant('acme') }).ctx);
    expect(api.getObject(recordRef)!.metadata.resourceVersion).toBe(
      resourceVersion,
    );
  });

  it('sends the same number of requests however many tenants exist', async () => {
    const count = async (tenantId: string) => {
      const before = api.requests.length;
      await deliverAction(clusterDelivery(api)).handler(
        actionContext({ input: tenant(tenantId) }).ctx,
      );
      return api.requests.length - before;
    };
    await count('acme');
    const second = await count('globex');
    for (const id of ['t1', 't2', 't3', 't4', 't5']) {
      await count(id);
    }

    expect(await count('initech')).toBeLessThanOrEqual(second);
  });

  it('keeps the cookie secret on a re-run, so users stay signed in', async () => {
    const action = deliverAction(clusterDelivery(api));
    await action.handler(actionContext({ input: tenant('acme') }).ctx);
    const generate = jest.fn(() => 'another-cookie-secret-that-is-not-used');

    await deliverAction(clusterDelivery(api), generate).handler(
      actionContext({ input: tenant('acme') }).ctx,
    );

    const secret = api.getObject({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'tenant-acme-auth',
      name: 'oauth2-proxy-acme',
    })!;
    expect(
      decode((secret.data as Record<string, string>)['cookie-secret']),
    ).toBe(COOKIE_SECRET);
    expect(generate).not.toHaveBeenCalled();
  });

  it.each([
    [
      'an AuthorizationPolicy',
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'ext-authz-acme', namespace: 'istio-ingress' },
        spec: {},
      },
    ],
    [
      'the shared Gateway',
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'tenant-gateway', namespace: 'istio-ingress' },
        spec: {},
      },
    ],
    [
      'the Secret',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'oauth2-proxy-acme', namespace: 'tenant-acme-auth' },
        data: {},
      },
    ],
    [
      'a ConfigMap where the record goes',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'tenant-mesh-record', namespace: 'tenant-acme' },
        data: {},
      },
    ],
  ])(
    'refuses %s that Tenant Mesh does not own and changes nothing (B23)',
    async (_, foreign: KubernetesObject) => {
      api.seed([
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          // The foreign object's namespace, which the fake needs first.
          metadata: { name: foreign.metadata.namespace ?? 'tenant-acme-auth' },
        },
        foreign,
      ]);
      const before = api.requests.length;
      const { ctx } = actionContext({ input: tenant('acme') });

      const run = deliverAction(clusterDelivery(api)).handler(ctx);

      await expect(run).rejects.toThrow(NotAllowedError);
      await expect(run).rejects.toThrow(foreign.metadata.name);
      expect(
        api.requests.slice(before).filter(r => r.method !== 'GET'),
      ).toEqual([]);
    },
  );

  it('loses no tenant when 20 onboardings run at once', async () => {
    const ids = Array.from(
      { length: 20 },
      (_, i) => `tenant${String(i).padStart(2, '0')}`,
    );

    await Promise.all(
      ids.map(id =>
        deliverAction(clusterDelivery(api)).handler(
          actionContext({ input: tenant(id) }).ctx,
        ),
      ),
    );

    const shared = api
      .objects()
      .filter(o => ['Gateway', 'ConfigMap'].includes(o.kind))
      .filter(o =>
        ['istio-ingress', 'tenant-authz'].includes(o.metadata.namespace!),
      );
    const gateway = shared.find(o => o.kind === 'Gateway')!;
    expect(
      recordedTenants(gateway)
        .map(t => t.tenantId)
        .sort(),
    ).toEqual(ids);
    const gatewayHosts = JSON.stringify(gateway.spec);
    const envoy = JSON.stringify(
      shared.filter(o => o.kind === 'ConfigMap').map(o => o.data),
    );
    for (const id of ids) {
      expect(gatewayHosts).toContain(`tenant-${id}/${id}.example.com`);
      // The index lists every host, and the tenant's shard routes it.
      expect(
        envoy.split(`${id}.example.com`).length - 1,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(api.requests.filter(r => r.method === 'PUT').length).toBeGreaterThan(
      0,
    );
  });
});

describe('tenant-mesh:deliver to a GitOps repository', () => {
  it('makes one commit per change, and none when nothing changed', async () => {
    const delivery = gitopsDelivery();
    const action = deliverAction(delivery);
    const first = actionContext({ input: tenant('acme') });

    await action.handler(first.ctx);
    const second = actionContext({ input: tenant('acme') });
    await action.handler(second.ctx);
    await action.handler(actionContext({ input: tenant('globex') }).ctx);
    await action.handler(
      actionContext({ input: { ...tenant('acme'), displayName: 'Acme Inc' } })
        .ctx,
    );

    const log = await delivery.repository.log(10);
    expect(log.map(c => c.message.split('\n')[0])).toEqual([
      'Update tenant acme',
      'Onboard tenant globex',
      'Onboard tenant acme',
    ]);
    expect(log[2].message).toMatch(
      /Added:\n {2}shared\/01-gateway-tenant-gateway\.yaml/,
    );
    expect(first.outputs).toMatchObject({
      target: 'gitops',
      repository: delivery.repositoryPath,
      commit: log[2].commit,
      changed: true,
      secretDelivered: false,
    });
    expect(first.outputs.files).toContain('tenants/acme/tenant.yaml');
    expect(second.outputs).toMatchObject({
      commit: '',
      changed: false,
      files: [],
    });
    const gateway = await delivery.repository.readFiles('shared/01-gateway');
    expect(gateway[0].content).toContain('tenant-globex/globex.example.com');
    expect(gateway[0].content).toContain('tenant-acme/acme.example.com');
    expect(first.lines.join('\n')).toMatch(
      /Secret tenant-acme-auth\/oauth2-proxy-acme was NOT written: secrets never go into Git/,
    );
  });

  it('writes the Secret to the secrets cluster, not to Git', async () => {
    const api = await startFakeKubernetesApi();
    try {
      const delivery = gitopsDelivery(api);
      const { ctx, outputs } = actionContext({ input: tenant('acme') });

      await deliverAction(delivery).handler(ctx);

      expect(outputs.secretDelivered).toBe(true);
      expect(
        api
          .objects()
          .map(o => `${o.kind} ${o.metadata.name}`)
          .sort(),
      ).toEqual(['Namespace tenant-acme-auth', 'Secret oauth2-proxy-acme']);
      const files = await delivery.repository.readFiles('');
      expect(JSON.stringify(files)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(files)).not.toContain(COOKIE_SECRET);
    } finally {
      await api.close();
    }
  });

  it('refuses a host that a tenant recorded in the repository holds (B22)', async () => {
    const delivery = gitopsDelivery();
    const action = deliverAction(delivery);
    await action.handler(actionContext({ input: tenant('globex') }).ctx);

    const run = action.handler(
      actionContext({
        input: { ...tenant('acme'), host: 'globex.example.com' },
      }).ctx,
    );

    await expect(run).rejects.toThrow(
      /^host: globex\.example\.com already belongs to tenant globex$/m,
    );
    expect(await delivery.repository.log(10)).toHaveLength(1);
  });
});
