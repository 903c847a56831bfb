import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  fixedClusterProvider,
  createTenantMeshDeliverAction,
} from '@tenant-mesh/plugin-scaffolder-backend-module-tenant-mesh';
import {
  FIELD_MANAGER,
  KubernetesObject,
  PlatformSettings,
  TenantSpec,
  envoyShardOf,
  planTenant,
  planTenants,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  KubernetesTarget,
  TenantCognito,
  createCognitoClient,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startCognitoLocal,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { row, timeMs } from './measure';

/**
 * The annotation on each shared object that lists the tenants it was
 * generated from, as JSON `{ "<tenantId>": "<host>" }`; written by the deliver
 * action (scaffolder module, src/delivery/clusterSharedObjects.ts, not
 * exported).
 */
const TENANTS_ANNOTATION = 'tenant-mesh.io/tenants';
const EXISTING = [1, 1000, 5000];
const RUNS = 3;

type LoggerService = Parameters<
  typeof createTenantMeshDeliverAction
>[0]['logger'];

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

function existingTenants(count: number): TenantSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId: `tenant-${i.toString(36)}`,
    displayName: `Tenant ${i}`,
    host: `tenant-${i.toString(36)}.example.com`,
    owner: 'group:default/platform-team',
  }));
}

const refKey = (o: KubernetesObject) =>
  `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * The shared objects of `specs` as the deliver action leaves them on a
 * cluster: generated from all tenants, each annotated with the tenants its
 * content depends on (the Gateway and the Envoy index: all of them; a route
 * shard: the tenants of that shard; the rest: none).
 */
function deliveredSharedObjects(
  specs: TenantSpec[],
  platform: PlatformSettings,
): KubernetesObject[] {
  const none = new Map(
    planTenants([], platform).shared.map(o => [refKey(o), JSON.stringify(o)]),
  );
  // Tenants of one shard touch the same objects, so one probe per shard tells which.
  const dependents = new Map<string, TenantSpec[]>();
  const byShard = new Map<number, TenantSpec[]>();
  for (const spec of specs) {
    const shard = envoyShardOf(spec.tenantId);
    byShard.set(shard, [...(byShard.get(shard) ?? []), spec]);
  }
  for (const members of byShard.values()) {
    for (const object of planTenants([members[0]], platform).shared) {
      if (none.get(refKey(object)) !== JSON.stringify(object)) {
        const key = refKey(object);
        dependents.set(key, [...(dependents.get(key) ?? []), ...members]);
      }
    }
  }

  return planTenants(specs, platform).shared.map(object => {
    const recorded = (dependents.get(refKey(object)) ?? [])
      .map(s => [s.tenantId, s.host] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    if (recorded.length === 0) {
      return object;
    }
    const annotations = {
      ...object.metadata.annotations,
      [TENANTS_ANNOTATION]: JSON.stringify(Object.fromEntries(recorded)),
    };
    return { ...object, metadata: { ...object.metadata, annotations } };
  });
}

async function clusterTarget(api: FakeKubernetesApi, dir: string) {
  const kubeconfig = join(dir, `kubeconfig-${Date.now()}`);
  await writeFile(kubeconfig, api.kubeConfig());
  return KubernetesTarget.fromKubeconfigFile(kubeconfig);
}

/**
 * Onboards one tenant with the real tenant-mesh:deliver handler on the
 * cluster target, against the Kubernetes API fake already holding the shared
 * objects of 1, 1,000 and 5,000 tenants; prints the wall time of the handler
 * and the Kubernetes API requests it sent.
 */
export async function deliverBench(): Promise<void> {
  const cognitoLocal = await startCognitoLocal();
  const dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-bench-'));
  try {
    const platform = readPlatformSettings({
      baseDomains: ['example.com'],
      gateway: { credentialName: 'wildcard-example-com' },
      cognito: { region: 'us-east-1', endpoint: cognitoLocal.endpoint },
    });
    const cognito = new TenantCognito({
      client: createCognitoClient({
        region: 'us-east-1',
        endpoint: cognitoLocal.endpoint,
      }),
      logger: silentLogger,
    });

    const acme: TenantSpec = {
      tenantId: 'acme',
      displayName: 'Acme Corporation',
      host: 'acme.example.com',
      owner: 'group:default/platform-team',
    };
    // The Cognito step has run: the pool and client whose secret deliver writes.
    const plan = planTenant({ spec: acme, platform }).cognito;
    const { userPoolId } = await cognito.ensureUserPool(plan, 'acme');
    const { clientId } = await cognito.ensureUserPoolClient(userPoolId, plan);

    console.log(
      `\ndeliver: tenant-mesh:deliver of one tenant to the cluster target (Kubernetes API fake), next to N tenants; median of ${RUNS} runs, each on a freshly seeded fake`,
    );
    const widths = [9, 10, 13, 36];
    console.log(
      row(
        ['existing', 'time (ms)', 'API requests', 'requests by verb'],
        widths,
      ),
    );

    for (const count of EXISTING) {
      const shared = deliveredSharedObjects(existingTenants(count), platform);
      const times: number[] = [];
      const counts = new Set<string>();
      let verbs = '';
      for (let run = 0; run < RUNS; run++) {
        const api = await startFakeKubernetesApi();
        try {
          api.seed(
            ['istio-ingress', 'tenant-authz'].map(name => ({
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name },
            })),
          );
          api.seed(shared, { manager: FIELD_MANAGER });
          const target = await clusterTarget(api, dir);
          const action = createTenantMeshDeliverAction({
            platform,
            catalog: catalogServiceMock(),
            cognito,
            delivery: {
              kind: 'cluster',
              cluster: fixedClusterProvider(target, 'the fake cluster'),
            },
            logger: silentLogger,
          });
          const before = api.requests.length;
          times.push(
            await timeMs(() =>
              action.handler(
                mockContext({ ...acme, userPoolId, clientId }, dir),
              ),
            ),
          );
          const sent = api.requests.slice(before);
          counts.add(String(sent.length));
          const byVerb = new Map<string, number>();
          for (const request of sent) {
            byVerb.set(request.method, (byVerb.get(request.method) ?? 0) + 1);
          }
          verbs = [...byVerb]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([verb, n]) => `${verb} ${n}`)
            .join(', ');
        } finally {
          await api.close();
        }
      }
      times.sort((a, b) => a - b);
      console.log(
        row(
          [
            count,
            Math.round(times[Math.floor(times.length / 2)]),
            [...counts].join(' / '),
            verbs,
          ],
          widths,
        ),
      );
    }
    console.log(
      'goal: the request count does not grow with the number of tenants',
    );
  } finally {
    await cognitoLocal.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

type DeliverContext = Parameters<
  ReturnType<typeof createTenantMeshDeliverAction>['handler']
>[0];

/** The action context the scaffolder would pass: no checkpoint store, outputs dropped. */
function mockContext(
  input: DeliverContext['input'],
  workspacePath: string,
): DeliverContext {
  return {
    input,
    logger: silentLogger,
    workspacePath,
    output: () => {},
    checkpoint: async ({ fn }) => fn(),
    createTemporaryDirectory: async () => workspacePath,
    getInitiatorCredentials: async () => mockCredentials.user(),
    task: { id: 'bench-task' },
    isDryRun: false,
  };
}
