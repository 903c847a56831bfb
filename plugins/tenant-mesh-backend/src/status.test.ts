import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubernetesObject,
  planTenant,
  planTenantRecordObject,
  readPlatformSettings,
  StatusCheck,
  tenantFiles,
  TenantPlan,
  TenantList,
  TenantSpec,
  TenantStatus,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  createCognitoClient,
  GitRepositoryTarget,
  TENANT_RECORD_FILE,
  TenantCognito,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  callCognitoLocal,
  CognitoLocal,
  FakeKubernetesApi,
  startCognitoLocal,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import {
  crashLoopingPod,
  liveSharedObjects,
  meshConfigMap,
  liveTenantObjects,
} from './__fixtures__/liveObjects';
import { platformConfig } from './__fixtures__/tenants';
import { tenantMeshPlugin } from './plugin';

/*
 * The status routes end to end: a GitOps repository with the records, the
 * fake Kubernetes API seeded with what delivery leaves on a cluster, and
 * cognito-local with the pool and client the real TenantCognito makes.
 */

let local: CognitoLocal;
let cognito: TenantCognito;
let dir: string;
let api: FakeKubernetesApi;

const cognitoConfig = () => ({
  ...platformConfig.cognito,
  endpoint: local.endpoint,
});
const platform = () =>
  readPlatformSettings({ ...platformConfig, cognito: cognitoConfig() });

beforeAll(async () => {
  local = await startCognitoLocal();
  cognito = new TenantCognito({
    client: createCognitoClient({
      region: 'us-east-1',
      endpoint: local.endpoint,
    }),
  });
});

afterAll(() => local?.stop());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-status-'));
  api = await startFakeKubernetesApi();
});

afterEach(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

function specOf(tenantId: string): TenantSpec {
  return {
    tenantId,
    displayName: `Tenant ${tenantId}`,
    host: `${tenantId}.example.com`,
    owner: 'group:default/customer-success',
  };
}

/** Onboards in Cognito as Create Tenant does, and plans with the ids. */
async function onboardCognito(tenantId: string): Promise<TenantPlan> {
  const first = planTenant({ spec: specOf(tenantId), platform: platform() });
  const pool = await cognito.ensureUserPool(first.cognito, tenantId);
  const client = await cognito.ensureUserPoolClient(
    pool.userPoolId,
    first.cognito,
  );
  return planTenant({
    spec: {
      ...specOf(tenantId),
      identity: { userPoolId: pool.userPoolId, clientId: client.clientId },
    },
    platform: platform(),
  });
}

/** Only planned, never onboarded in Cognito: for the counts. */
function planOnly(tenantId: string): TenantPlan {
  return planTenant({ spec: specOf(tenantId), platform: platform() });
}

/** Records the tenants in the repository and puts them on the fake cluster. */
async function deliver(
  plans: TenantPlan[],
  change: (objects: KubernetesObject[]) => KubernetesObject[] = o => o,
) {
  const repository = new GitRepositoryTarget({ dir });
  await repository.init();
  // One commit for all, as many tenants would be by then.
  await repository.commitChange({
    files: plans.flatMap(plan => [
      {
        path: tenantRecordPath(plan.spec.tenantId),
        // JSON is YAML.
        content: JSON.stringify(recordOf(plan)),
      },
      // The manifests, as tenant-mesh:deliver commits them beside it.
      ...tenantFiles(plan),
    ]),
    message: `Onboard ${plans.map(p => p.spec.tenantId).join(', ')}`,
  });
  api.seed(change(clusterObjectsOf(plans)));
}

/** The record of a tenant: its spec as the form gave it, and its identity. */
function recordOf(plan: TenantPlan): TenantSpec {
  return {
    ...specOf(plan.spec.tenantId),
    ...(plan.spec.identity ? { identity: plan.spec.identity } : {}),
  };
}

/** What delivery leaves on a cluster for these tenants, with the platform's namespaces. */
function clusterObjectsOf(plans: TenantPlan[]): KubernetesObject[] {
  return [
    // The platform's namespaces, there before any tenant.
    ...['istio-system', 'istio-ingress', 'tenant-authz'].map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    ...liveSharedObjects(plans, platform()),
    ...plans.flatMap(liveTenantObjects),
  ];
}

async function start(
  options: {
    cluster?: boolean;
    permissions?: ServiceFactory;
    /** Another Cognito endpoint than the emulator, e.g. one that hangs. */
    cognitoEndpoint?: string;
    /** A kubeconfig of a cluster other than the fake. */
    kubeconfigText?: string;
    /** Reach the fake as a cluster of the Kubernetes plugin's config. */
    viaKubernetesPlugin?: boolean;
    /** Deliver to the fake cluster (target `cluster`) instead of GitOps. */
    clusterTarget?: boolean;
  } = {},
) {
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, options.kubeconfigText ?? api.kubeConfig());
  const { server } = await startTestBackend({
    features: [
      tenantMeshPlugin,
      mockServices.rootConfig.factory({
        data: {
          tenantMesh: {
            ...platformConfig,
            cognito: {
              ...cognitoConfig(),
              ...(options.cognitoEndpoint
                ? { endpoint: options.cognitoEndpoint }
                : {}),
            },
            delivery: options.clusterTarget
              ? { target: 'cluster', cluster: { kubeconfig } }
              : { target: 'gitops', gitops: { repository: dir } },
            ...(options.cluster === false || options.clusterTarget
              ? {}
              : {
                  status: {
                    cluster: options.viaKubernetesPlugin
                      ? { kubernetesCluster: 'tenants' }
                      : { kubeconfig },
                  },
                }),
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'tenants',
                    url: api.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: api.token,
                    // The fake serves plain HTTP.
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      ...(options.permissions ? [options.permissions] : []),
    ],
  });
  const base = `http://localhost:${server.port()}/api/tenant-mesh`;
  return async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    return { status: response.status, text: await response.text() };
  };
}

const checksOf = (status: TenantStatus): StatusCheck[] => [
  ...status.routing.path,
  ...status.routing.authorizer,
  ...status.routing.plan,
  ...status.auth.checks,
];
const check = (status: TenantStatus, id: string) =>
  checksOf(status).find(c => c.id === id);

describe('GET /api/tenant-mesh/tenants/:id/status', () => {
  it('reports a healthy tenant: all ok but the hosted UI, which cognito-local cannot have', async () => {
    await deliver([await onboardCognito('acme')]);
    const get = await start();

    const response = await get('/tenants/acme/status?fresh=true');

    expect(response.status).toBe(200);
    const status: TenantStatus = JSON.parse(response.text);
    const notOk = checksOf(status).filter(c => c.state !== 'ok');
    expect(notOk).toEqual([
      expect.objectContaining({
        id: 'hosted-ui-domain',
        state: 'unknown',
        reason:
          'Hosted UI: unavailable in local mode (cognito-local has no hosted UI)',
      }),
      // cognito-local names its issuer http://localhost:9229/<pool> on any
      // address, which oauth2-proxy would refuse (B01): not confirmed.
      expect.objectContaining({
        id: 'issuer-discovery',
        state: 'unknown',
        reason: expect.stringContaining('cognito-local names its issuer'),
      }),
    ]);
    expect(status.routing.state).toBe('ok');
    expect(status.pods).toMatchObject({ state: 'ok' });
    expect(status.pods.namespaces).toEqual([
      expect.objectContaining({ namespace: 'tenant-acme', ready: 1, total: 1 }),
      expect.objectContaining({
        namespace: 'tenant-acme-auth',
        ready: 1,
        total: 1,
      }),
    ]);
    expect(status.lint).toMatchObject({ state: 'ok', findings: [] });
    expect(status.auth.state).toBe('unknown');
    expect(status).toMatchObject({
      state: 'unknown',
      reason:
        'Auth: Hosted UI: unavailable in local mode (cognito-local has no hosted UI)',
      cluster: { configured: true },
      record: { source: 'gitops', path: 'tenants/acme/tenant.yaml' },
    });
  });

  it('reads the cluster the Kubernetes plugin is configured with, by name', async () => {
    await deliver([await onboardCognito('acme')]);
    const get = await start({ viaKubernetesPlugin: true });

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(status.cluster).toEqual({
      configured: true,
      description:
        "the Kubernetes plugin's cluster tenants (tenantMesh.status.cluster)",
    });
    expect(status.routing.state).toBe('ok');
    expect(status.pods.state).toBe('ok');
  });

  it('names the missing VirtualService in a routing error', async () => {
    await deliver([await onboardCognito('acme')], objects =>
      objects.filter(o => o.kind !== 'VirtualService'),
    );
    const get = await start();

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(status.routing.state).toBe('error');
    expect(check(status, 'virtual-service')).toMatchObject({
      state: 'error',
      reason: expect.stringContaining(
        'VirtualService tenant-acme/tenant-acme is missing',
      ),
    });
    expect(status.state).toBe('error');
  });

  it('reports a crash-looping oauth2-proxy pod with its reason (B02)', async () => {
    await deliver([await onboardCognito('acme')], objects =>
      objects.map(o => {
        if (o.kind === 'Pod' && o.metadata.name.startsWith('oauth2-proxy')) {
          return crashLoopingPod(o);
        }
        if (
          o.kind === 'Deployment' &&
          o.metadata.name === 'oauth2-proxy-acme'
        ) {
          return { ...o, status: { replicas: 2, readyReplicas: 0 } };
        }
        return o;
      }),
    );
    const get = await start();

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(status.pods.state).toBe('error');
    const auth = status.pods.namespaces.find(
      n => n.namespace === 'tenant-acme-auth',
    );
    expect(auth).toMatchObject({ ready: 0, total: 1, restarts: 7 });
    expect(auth?.troubled).toEqual([
      expect.objectContaining({
        reason: 'CrashLoopBackOff',
        message: expect.stringContaining('cookie_secret must be 16, 24, or 32'),
      }),
    ]);
    expect(status.pods.reason).toMatch(/CrashLoopBackOff/);
    // The auth card says oauth2-proxy is failing and why, not just "0/2 ready".
    expect(status.auth.checks.find(c => c.id === 'oauth2-proxy')).toMatchObject(
      {
        state: 'error',
        reason: expect.stringMatching(
          /^oauth2-proxy is failing: pod oauth2-proxy-acme-.*CrashLoopBackOff.*cookie_secret must be 16, 24, or 32 bytes/,
        ),
      },
    );
    expect(status.reason).toMatch(/^Auth: oauth2-proxy is failing/);
  });

  it('shows "provider misconfigured" when meshConfig lacks the CUSTOM provider (B09)', async () => {
    await deliver([await onboardCognito('acme')], objects =>
      objects.map(o =>
        o.kind === 'ConfigMap' && o.metadata.name === 'istio'
          ? // The install names the provider tenant-auth: a typo of tenant-authz.
            meshConfigMap(
              platform(),
              'extensionProviders:\n  - name: tenant-auth\n    envoyExtAuthzHttp: {service: x, port: 8080}\n',
            )
          : o,
      ),
    );
    const get = await start();

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    const provider = status.auth.checks.find(
      c => c.id === 'ext-authz-provider',
    );
    expect(provider).toMatchObject({
      state: 'error',
      object: 'ConfigMap istio-system/istio',
      reason: expect.stringMatching(
        /^Provider misconfigured: .*"tenant-authz" \(available: tenant-auth\)/,
      ),
    });
    expect(status.auth.state).toBe('error');
    // The card and the overall reason say it as a login problem, not "Protected".
    expect(status.reason).toMatch(/^Auth: Provider misconfigured: /);
    expect(status.routing.authorizer.map(c => c.id)).toContain(
      'ext-authz-provider',
    );
    // The lint on the live objects finds the tenant's policy pointing nowhere.
    expect(status.lint.findings).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('tenant-auth'),
      }),
    );
  });

  it('names the field of an app client that drifted from the plan', async () => {
    const plan = await onboardCognito('acme');
    await deliver([plan]);
    await callCognitoLocal(local.endpoint, 'UpdateUserPoolClient', {
      UserPoolId: plan.spec.identity!.userPoolId,
      ClientId: plan.spec.identity!.clientId,
      ...plan.cognito.userPoolClient,
      GenerateSecret: undefined,
      CallbackURLs: ['https://elsewhere.example.com/oauth2/callback'],
    });
    const get = await start();

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status?fresh=true')).text,
    );

    expect(status.auth.state).toBe('error');
    expect(check(status, 'app-client')).toMatchObject({
      state: 'error',
      reason: expect.stringMatching(
        /^The app client differs from the plan in CallbackURLs \(/,
      ),
    });
  });

  it('without a cluster, says so and still checks Cognito and the issuer', async () => {
    await deliver([await onboardCognito('acme')]);
    const get = await start({ cluster: false });

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(status.cluster).toEqual({ configured: false });
    expect(status.routing.state).toBe('unknown');
    expect(status.routing.reason).toMatch(
      /^No cluster configured: set tenantMesh\.status\.cluster/,
    );
    expect(status.pods.state).toBe('unknown');
    expect(check(status, 'virtual-service')).toMatchObject({
      state: 'unknown',
      object: 'VirtualService tenant-acme/tenant-acme',
    });
    expect(check(status, 'user-pool')?.state).toBe('ok');
    expect(check(status, 'app-client')?.state).toBe('ok');
    expect(check(status, 'issuer-discovery')?.state).toBe('unknown');
    expect(status.lint.reason).toBe(
      'The plan passes the lint; the live objects were not read.',
    );
    expect(status.record?.path).toBe('tenants/acme/tenant.yaml');
  });

  it('never shows a Secret value', async () => {
    const plan = await onboardCognito('acme');
    await deliver([plan]);
    const { ClientSecret } = (
      await callCognitoLocal<{ UserPoolClient: { ClientSecret: string } }>(
        local.endpoint,
        'DescribeUserPoolClient',
        {
          UserPoolId: plan.spec.identity!.userPoolId,
          ClientId: plan.spec.identity!.clientId,
        },
      )
    ).UserPoolClient;
    const get = await start();

    const bodies = [
      (await get('/tenants/acme/status?fresh=true')).text,
      (await get('/tenants/acme/status')).text,
      (await get('/tenants?fresh=true')).text,
    ];

    const values = [
      ClientSecret,
      'client-secret-value',
      'cookie secret value of 32 bytes!',
    ].flatMap(v => [v, Buffer.from(v).toString('base64')]);
    expect(ClientSecret).toMatch(/.{10,}/);
    expect(bodies.filter(b => values.some(v => b.includes(v)))).toEqual([]);
    expect(bodies[0]).toContain('oauth2-proxy-secret');
  });

  it('reads the cluster with as many requests for 1 tenant as among 50', async () => {
    const countFor = async (tenants: number) => {
      const plans = [
        planOnly('acme'),
        ...Array.from({ length: tenants - 1 }, (_, i) => planOnly(`t${i}`)),
      ];
      await deliver(plans);
      const get = await start();
      const before = api.requests.length;
      expect((await get('/tenants/acme/status?fresh=true')).status).toBe(200);
      const forStatus = api.requests.length - before;
      const beforeList = api.requests.length;
      expect((await get('/tenants?fresh=true')).status).toBe(200);
      const forList = api.requests.length - beforeList;
      await api.close();
      await rm(dir, { recursive: true, force: true });
      dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-status-'));
      api = await startFakeKubernetesApi();
      return { forStatus, forList };
    };

    const one = await countFor(1);
    const fifty = await countFor(50);

    expect(one.forStatus).toBeGreaterThan(0);
    expect(fifty).toEqual(one);
  }, 30_000);

  it('answers 404 for a tenant without a record and 400 for a malformed id', async () => {
    await deliver([planOnly('acme')]);
    const get = await start();

    const unknown = await get('/tenants/globex/status');
    const malformed = await get('/tenants/Not%20A%20Tenant/status');

    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).error.name).toBe('NotFoundError');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error.name).toBe('InputError');
  });

  it('answers 400 for an id longer than a tenant id can be, without echoing it', async () => {
    await deliver([planOnly('acme')]);
    const get = await start();

    const tooLong = await get(`/tenants/${'a'.repeat(2000)}/status`);

    expect(tooLong.status).toBe(400);
    const { error } = JSON.parse(tooLong.text);
    expect(error.message).toBe(
      'Tenant id must be at most 50 characters, got 2000',
    );
  });

  it.each(['/tenants', '/tenants/acme/status'])(
    'refuses %s without credentials with 401',
    async path => {
      await deliver([planOnly('acme')]);
      const get = await start();

      const response = await get(path, {
        Authorization: mockCredentials.none.header(),
      });

      expect(response.status).toBe(401);
    },
  );

  it.each(['/tenants', '/tenants/acme/status'])(
    'refuses %s without the read permission with 403',
    async path => {
      await deliver([planOnly('acme')]);
      const permissions = mockServices.permissions.factory({
        result: AuthorizeResult.DENY,
      });
      const get = await start({ permissions });

      const response = await get(path);

      expect(response.status).toBe(403);
      expect(JSON.parse(response.text).error.name).toBe('NotAllowedError');
    },
  );
});

describe('GET /api/tenant-mesh/tenants', () => {
  it('lists every recorded tenant with its state, from one shared snapshot', async () => {
    const acme = await onboardCognito('acme');
    const globex = await onboardCognito('globex');
    await deliver([acme, globex], objects =>
      objects.filter(
        o =>
          !(
            o.kind === 'VirtualService' &&
            o.metadata.namespace === 'tenant-globex'
          ),
      ),
    );
    const get = await start();

    const list = JSON.parse((await get('/tenants')).text);

    expect(list.cluster).toEqual({
      configured: true,
      description: expect.stringContaining('tenantMesh.status.cluster'),
    });
    expect(list.items).toEqual([
      expect.objectContaining({
        tenantId: 'acme',
        host: 'acme.example.com',
        state: 'ok',
        routing: 'ok',
        auth: 'ok',
        pods: 'ok',
      }),
      expect.objectContaining({
        tenantId: 'globex',
        state: 'error',
        routing: 'error',
        reason: expect.stringContaining(
          'VirtualService tenant-globex/tenant-globex is missing',
        ),
      }),
    ]);
  });

  it('reads the cluster once for lists asked for together', async () => {
    await deliver([planOnly('acme'), planOnly('globex')]);
    const get = await start();
    await get('/tenants?fresh=true'); // discovery and records, read once
    const before = api.requests.length;
    await get('/tenants?fresh=true');
    const forOne = api.requests.length - before;

    const beforeThree = api.requests.length;
    const answers = await Promise.all([
      get('/tenants?fresh=true'),
      get('/tenants?fresh=true'),
      get('/tenants?fresh=true'),
    ]);

    expect(answers.map(a => a.status)).toEqual([200, 200, 200]);
    expect(forOne).toBeGreaterThan(0);
    expect(api.requests.length - beforeThree).toBe(forOne);
  });

  it('reads the records again once main has a new commit', async () => {
    await deliver([planOnly('acme')]);
    const get = await start();
    const ids = async () =>
      JSON.parse((await get('/tenants?fresh=true')).text).items.map(
        (row: { tenantId: string }) => row.tenantId,
      );
    expect(await ids()).toEqual(['acme']);

    const repository = new GitRepositoryTarget({ dir });
    await repository.writeTenant({
      tenantId: 'globex',
      files: [
        { path: TENANT_RECORD_FILE, content: JSON.stringify(specOf('globex')) },
      ],
      message: 'Onboard tenant globex',
    });
    expect(await ids()).toEqual(['acme', 'globex']);

    await repository.commitChange({
      remove: ['tenants/acme'],
      files: [],
      message: 'Offboard tenant acme',
    });
    expect(await ids()).toEqual(['globex']);
  });
});

/** A server that accepts connections and never answers, as a hung service does. */
async function startSilentServer(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer(() => {});
  server.on('connection', socket => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      sockets.forEach(s => s.destroy());
      server.close();
    },
  };
}

/**
 * Puts the tenants on the fake cluster as the cluster target leaves them:
 * their objects, the shared objects and, last, each record ConfigMap.
 */
function deliverToCluster(plans: TenantPlan[]) {
  api.seed([
    ...clusterObjectsOf(plans),
    ...plans.map(plan => planTenantRecordObject(recordOf(plan), platform())),
  ]);
}

describe('the cluster target', () => {
  it('lists a tenant delivered to the cluster, from its record, with a status', async () => {
    deliverToCluster([await onboardCognito('acme')]);
    const get = await start({ clusterTarget: true });

    const list: TenantList = JSON.parse(
      (await get('/tenants?fresh=true')).text,
    );
    const response = await get('/tenants/acme/status?fresh=true');
    const availability = JSON.parse(
      (await get('/tenants/acme/availability')).text,
    );

    expect(list.incomplete).toBeUndefined();
    expect(list.cluster.description).toContain('tenantMesh.delivery.cluster');
    expect(list.items).toEqual([
      expect.objectContaining({
        tenantId: 'acme',
        host: 'acme.example.com',
        state: 'ok',
      }),
    ]);
    // One list finds every record, whatever the number of tenants.
    expect(
      api.requests.filter(
        r =>
          r.path === '/api/v1/configmaps' &&
          r.query.labelSelector ===
            'tenant-mesh.io/record=true,tenant-mesh.io/tenant',
      ),
    ).toHaveLength(2);
    expect(response.status).toBe(200);
    const status: TenantStatus = JSON.parse(response.text);
    expect(status).toMatchObject({
      tenantId: 'acme',
      record: {
        source: 'cluster',
        path: 'ConfigMap tenant-acme/tenant-mesh-record',
      },
      routing: { state: 'ok' },
      pods: { state: 'ok' },
    });
    // The cluster target applies the plan itself: there is no repository
    // to compare with it.
    expect(check(status, 'gitops-manifests')).toBeUndefined();
    expect(availability.problems).toContainEqual(
      expect.objectContaining({
        rule: 'taken',
        message:
          'is taken by the cluster record ConfigMap tenant-acme/tenant-mesh-record',
      }),
    );
  });

  it('answers 404 for a tenant the cluster has no record of', async () => {
    deliverToCluster([planOnly('acme')]);
    const get = await start({ clusterTarget: true });

    const response = await get('/tenants/globex/status');

    expect(response.status).toBe(404);
    expect(JSON.parse(response.text).error).toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        'Tenant globex has no record on the cluster',
      ),
    });
  });

  it('keeps a tenant whose record ConfigMap does not parse, in error, naming it', async () => {
    deliverToCluster([planOnly('acme')]);
    const record = api.getObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'tenant-acme',
      name: 'tenant-mesh-record',
    })!;
    api.seed([{ ...record, data: { 'tenant.yaml': 'tenantId: [broken\n' } }]);
    const get = await start({ clusterTarget: true });

    const list: TenantList = JSON.parse((await get('/tenants')).text);
    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(list.items.map(i => [i.tenantId, i.state])).toEqual([
      ['acme', 'error'],
    ]);
    expect(status).toMatchObject({
      state: 'error',
      record: {
        source: 'cluster',
        path: 'ConfigMap tenant-acme/tenant-mesh-record',
      },
      routing: {
        plan: [
          expect.objectContaining({ id: 'cluster-record', state: 'error' }),
        ],
      },
    });
    expect(status.reason).toMatch(
      /^The record ConfigMap tenant-acme\/tenant-mesh-record cannot be used: not valid YAML/,
    );
  });

  it('answers 503, naming the cluster, when its records cannot be read', async () => {
    deliverToCluster([planOnly('acme')]);
    const get = await start({ clusterTarget: true });
    api.inject({ path: '/api/v1/configmaps', code: 500, times: 10 });

    const response = await get('/tenants?fresh=true');

    expect(response.status).toBe(503);
    expect(JSON.parse(response.text).error.message).toMatch(
      /^The tenant records of the cluster \(the kubeconfig .*\) could not be read: /,
    );
  });
});

async function commitRecord(tenantId: string, content: string) {
  await new GitRepositoryTarget({ dir }).writeTenant({
    tenantId,
    files: [{ path: TENANT_RECORD_FILE, content }],
    message: `Record tenant ${tenantId}`,
  });
}

describe('a status that cannot read everything', () => {
  it('keeps a tenant whose record does not parse, in error, naming the file', async () => {
    await deliver([planOnly('acme')]);
    await commitRecord('globex', 'tenantId: globex\nhost: [unclosed\n');
    const get = await start({ cluster: false });

    const list: TenantList = JSON.parse((await get('/tenants')).text);
    const status = await get('/tenants/globex/status');

    // acme is in warning: its Secret is never written without a secrets cluster.
    expect(list.items.map(i => [i.tenantId, i.state])).toEqual([
      ['acme', 'warning'],
      ['globex', 'error'],
    ]);
    expect(list.items[1].reason).toMatch(
      /^The record tenants\/globex\/tenant\.yaml cannot be used: /,
    );
    expect(status.status).toBe(200);
    const globex: TenantStatus = JSON.parse(status.text);
    expect(globex).toMatchObject({
      state: 'error',
      record: { path: 'tenants/globex/tenant.yaml' },
      routing: {
        state: 'error',
        plan: [
          expect.objectContaining({ id: 'gitops-record', state: 'error' }),
        ],
      },
      // Nothing else was checked, so nothing else claims an error.
      auth: { state: 'unknown' },
      pods: { state: 'unknown' },
    });
    expect(globex.routing.reason).toMatch(
      /^The record tenants\/globex\/tenant\.yaml cannot be used: /,
    );
  });

  it("keeps a tenant whose record breaks the platform's rules, naming the rule", async () => {
    await deliver([planOnly('acme')]);
    await commitRecord(
      'globex',
      JSON.stringify({ ...specOf('globex'), host: 'globex.other.net' }),
    );
    const get = await start({ cluster: false });

    const response = await get('/tenants/globex/status');
    const list: TenantList = JSON.parse((await get('/tenants')).text);

    expect(response.status).toBe(200);
    const globex: TenantStatus = JSON.parse(response.text);
    expect(globex.state).toBe('error');
    expect(globex.reason).toMatch(/breaks the platform's rules \(.*host/);
    // The rule may be the platform's that changed: the reason says where to look.
    expect(globex.reason).toContain('or the tenantMesh setting');
    expect(list.items.find(i => i.tenantId === 'globex')?.state).toBe('error');
  });

  it('says Cognito did not answer, and still shows the cluster, when Cognito hangs', async () => {
    const silent = await startSilentServer();
    try {
      await deliver([await onboardCognito('acme')]);
      const get = await start({ cognitoEndpoint: silent.url });

      const response = await get('/tenants/acme/status?fresh=true');

      expect(response.status).toBe(200);
      const status: TenantStatus = JSON.parse(response.text);
      expect(check(status, 'user-pool')).toMatchObject({
        state: 'unknown',
        reason: 'Cognito could not be read: no answer within 5 s.',
      });
      expect(check(status, 'issuer-discovery')?.state).toBe('unknown');
      // The cluster was read all the same.
      expect(
        [...status.routing.path, ...status.routing.authorizer].map(
          c => c.state,
        ),
      ).not.toContain('unknown');
    } finally {
      silent.close();
    }
  }, 20_000);

  it('says the cluster could not be read, and still checks Cognito, when the cluster is down', async () => {
    const plan = await onboardCognito('acme');
    await deliver([plan]);
    const down = await startFakeKubernetesApi();
    const kubeconfigText = down.kubeConfig();
    await down.close();
    const get = await start({ kubeconfigText });

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status?fresh=true')).text,
    );

    expect(status.cluster.configured).toBe(true);
    expect(status.routing).toMatchObject({
      state: 'unknown',
      reason: expect.stringMatching(/^The cluster \(.*\) could not be read: /),
    });
    expect(check(status, 'user-pool')?.state).toBe('ok');
  });

  it('does not check the domain or the issuer of a pool that is gone', async () => {
    const plan = await onboardCognito('acme');
    await deliver([plan]);
    await callCognitoLocal(local.endpoint, 'DeleteUserPool', {
      UserPoolId: plan.spec.identity!.userPoolId,
    });
    const get = await start({ cluster: false });

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status?fresh=true')).text,
    );

    expect(check(status, 'user-pool')?.state).toBe('error');
    expect(check(status, 'hosted-ui-domain')).toMatchObject({
      state: 'unknown',
      reason: 'No user pool, so no domain to check.',
    });
    expect(check(status, 'issuer-discovery')).toMatchObject({
      state: 'unknown',
      reason: 'No user pool, so no issuer to check.',
    });
  });

  it('says the Secret is never written when GitOps has no secrets cluster', async () => {
    await deliver([planOnly('acme')]);
    const get = await start({ cluster: false });

    const status: TenantStatus = JSON.parse(
      (await get('/tenants/acme/status')).text,
    );

    expect(check(status, 'oauth2-proxy-secret')).toMatchObject({
      state: 'warning',
      reason: expect.stringContaining(
        'tenantMesh.delivery.gitops.secretsCluster is not set',
      ),
    });
  });
});
