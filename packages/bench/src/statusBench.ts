import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import tenantMeshPlugin from '@tenant-mesh/plugin-tenant-mesh-backend';
import {
  extensionProviderYaml,
  KubernetesObject,
  planCentralEnvoyDeployment,
  planGatewayAuthzPolicy,
  planSharedObjectsOf,
  planTenant,
  readPlatformSettings,
  TenantPlan,
  tenantFiles,
  tenantLabels,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  createCognitoClient,
  GitRepositoryTarget,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  startCognitoLocal,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { timeMs } from './measure';

// Overridable for a quick look: BENCH_STATUS_RUNS=5 yarn bench status.
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const STATUS_RUNS = Number(process.env.BENCH_STATUS_RUNS ?? 200);
const LIST_RUNS = Number(process.env.BENCH_LIST_RUNS ?? 20);
const PLATFORM = {
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
};

const spec = (tenantId: string): TenantSpec => ({
  tenantId,
  displayName: tenantId,
  host: `${tenantId}.example.com`,
  owner: 'group:default/platform-team',
});

/**
 * A Deployment as the API server returns it once rolled out: without
 * observedGeneration and updatedReplicas the status reports a rollout in
 * progress.
 */
const ready = (o: KubernetesObject): KubernetesObject => {
  if (o.kind !== 'Deployment') {
    return o;
  }
  const replicas = (o.spec as { replicas?: number }).replicas ?? 1;
  return {
    ...o,
    metadata: { ...o.metadata, generation: 1 },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    },
  };
};

/** One running, ready pod per planned Deployment. */
function podsOf(plan: TenantPlan): KubernetesObject[] {
  return plan.objects
    .filter(o => o.kind === 'Deployment')
    .map(d => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${d.metadata.name}-0`,
        namespace: d.metadata.namespace,
        labels: d.metadata.labels,
      },
      spec: { containers: [{ name: 'main', image: 'main:1' }] },
      status: {
        phase: 'Running',
        conditions: [
          { type: 'PodScheduled', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        containerStatuses: [
          {
            name: 'main',
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: new Date().toISOString() } },
          },
        ],
      },
    }));
}

/** The oauth2-proxy Secret onboarding writes, with placeholder values. */
function secretOf(plan: TenantPlan): KubernetesObject {
  const { namespace, name, keys } = plan.secretRef;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace,
      labels: tenantLabels(plan.spec.tenantId, 'oauth2-proxy'),
    },
    type: 'Opaque',
    data: {
      [keys.clientSecret]: Buffer.from('bench').toString('base64'),
      [keys.cookieSecret]: Buffer.from('bench').toString('base64'),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const figures = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(
    sorted,
    0.95,
  ).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
};

/**
 * `yarn bench status`: the status of one tenant and the list of all, among
 * 1,000 recorded tenants, through the real router with `fresh=true` (no
 * cached snapshot), against the fake Kubernetes API and cognito-local.
 */
export async function statusBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tm-bench-status-'));
  const local = await startCognitoLocal();
  const api = await startFakeKubernetesApi();
  let stopBackend = async () => {};
  try {
    const platform = readPlatformSettings({
      ...PLATFORM,
      cognito: { ...PLATFORM.cognito, endpoint: local.endpoint },
    });
    const ids = Array.from({ length: TENANTS }, (_, i) => `tenant-${i}`);

    // Only the measured tenant is onboarded in Cognito; the list never calls it.
    const cognito = new TenantCognito({
      client: createCognitoClient({
        region: 'us-east-1',
        endpoint: local.endpoint,
      }),
    });
    const first = planTenant({ spec: spec(ids[0]), platform });
    const pool = await cognito.ensureUserPool(first.cognito, ids[0]);
    const client = await cognito.ensureUserPoolClient(
      pool.userPoolId,
      first.cognito,
    );
    // Every tenant delivered, so with its Cognito ids; only the measured
    // one's exist in cognito-local, since the list never asks Cognito.
    const specs = ids.map((id, i) => ({
      ...spec(id),
      identity:
        i === 0
          ? { userPoolId: pool.userPoolId, clientId: client.clientId }
          : { userPoolId: `us-east-1_bench${i}`, clientId: `benchclient${i}` },
    }));
    const plans = specs.map(s => planTenant({ spec: s, platform }));

    console.log(`status bench: recording ${TENANTS} tenants…`);
    const repository = new GitRepositoryTarget({ dir: join(dir, 'gitops') });
    await repository.init();
    await repository.commitChange({
      files: plans.flatMap(plan => [
        {
          path: `tenants/${plan.spec.tenantId}/tenant.yaml`,
          content: JSON.stringify(
            specs.find(s => s.tenantId === plan.spec.tenantId),
          ),
        },
        // The manifests as tenant-mesh:deliver commits them, which the
        // status compares with the plan.
        ...tenantFiles(plan),
      ]),
      message: `Record ${TENANTS} tenants`,
    });

    console.log('status bench: seeding the fake Kubernetes API…');
    const shared = planSharedObjectsOf(plans, platform);
    api.seed([
      ...['istio-system', 'istio-ingress', 'tenant-authz'].map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      })),
      ...shared.objects,
      planGatewayAuthzPolicy(platform),
      ready(planCentralEnvoyDeployment({ platform, envoy: shared.envoy })),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: 'istio-system', name: 'istio' },
        data: { mesh: extensionProviderYaml(platform) },
      },
      ...plans.flatMap(plan => [
        ...plan.objects.map(ready),
        ...podsOf(plan),
        secretOf(plan),
      ]),
    ]);
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, api.kubeConfig());

    const { server } = await startTestBackend({
      features: [
        tenantMeshPlugin,
        mockServices.rootConfig.factory({
          data: {
            tenantMesh: {
              ...PLATFORM,
              cognito: { ...PLATFORM.cognito, endpoint: local.endpoint },
              delivery: {
                target: 'gitops',
                gitops: { repository: join(dir, 'gitops') },
              },
              status: { cluster: { kubeconfig } },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    stopBackend = () => server.stop();
    const base = `http://localhost:${server.port()}/api/tenant-mesh`;
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, {
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) {
        throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
      return response.json();
    };

    console.log('status bench: measuring…');
    await get(`/tenants/${ids[0]}/status?fresh=true`); // warm-up
    const requestsBefore = api.requests.length;
    const status: number[] = [];
    for (let i = 0; i < STATUS_RUNS; i++) {
      status.push(
        await timeMs(() => get(`/tenants/${ids[0]}/status?fresh=true`)),
      );
    }
    const perStatus = (api.requests.length - requestsBefore) / STATUS_RUNS;

    // The first list reads every record from Git (then kept per commit):
    // timed on its own, and it counts the rows.
    let rows = 0;
    const states = new Map<string, number>();
    let firstProblem: string | undefined;
    const beforeFirstList = api.requests.length;
    const firstList = await timeMs(async () => {
      const { items } = await get('/tenants?fresh=true');
      rows = items.length;
      for (const { state, reason } of items as Array<{
        state: string;
        reason?: string;
      }>) {
        states.set(state, (states.get(state) ?? 0) + 1);
        if (state !== 'ok' && !firstProblem) {
          firstProblem = reason;
        }
      }
    });
    const perList = api.requests.length - beforeFirstList;
    const list: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      list.push(await timeMs(() => get('/tenants?fresh=true')));
    }

    console.log(
      `status bench: ${TENANTS} tenants recorded (records + manifests in one Git commit),`,
    );
    console.log(
      '  planned objects, one ready pod per Deployment and the shared objects in the fake Kubernetes API;',
    );
    console.log(
      '  timed from the client: HTTP, the backend, the fake Kubernetes API (same process) and cognito-local;',
    );
    console.log(
      '  cache bypassed (fresh=true); records and plans are kept per Git commit, as main does not move here.',
    );
    console.log(
      `  GET /tenants/:id/status x${STATUS_RUNS}: ${figures(
        status,
      )} (goal p95 150 ms); ${perStatus} Kubernetes requests each;`,
    );
    console.log(
      '    includes Cognito (cognito-local, the measured tenant onboarded by TenantCognito), read in parallel',
    );
    console.log(
      '    with Kubernetes (cognito-local lacks hosted-UI domains and answers that lookup with a 500).',
    );
    console.log(
      `  GET /tenants (${rows} rows) x${LIST_RUNS}: ${figures(
        list,
      )} (goal p95 1500 ms); no Cognito; ${perList} Kubernetes requests`,
    );
    console.log(
      '    (the same lists as a status, for every tenant at once, in pages of 500 objects);',
    );
    console.log(
      `    the lint runs once over all ${rows} tenants' live objects; states: ${[
        ...states,
      ]
        .map(([state, count]) => `${state} ${count}`)
        .join(', ')};`,
    );
    if (firstProblem) {
      console.log(`    a tenant not ok: ${firstProblem}`);
    }
    console.log(
      `    the first list after the commit, which reads and plans every record: ${firstList.toFixed(
        1,
      )} ms`,
    );
  } finally {
    await stopBackend();
    await api.close();
    await local.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
