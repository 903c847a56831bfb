import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  eventsServiceRef,
  EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import {
  planTenantRecordObject,
  TENANTS_CHANGED_TOPIC,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { startFakeKubernetesApi } from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { JsonObject } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  GitRepositoryTarget,
  TENANT_RECORD_FILE,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { stringify } from 'yaml';
import {
  acmeRecord,
  platformConfig,
  testPlatform,
} from './__fixtures__/tenants';
import { catalogModuleTenantMesh } from './module';
import { TenantEntityProvider } from './provider/TenantEntityProvider';

describe('catalogModuleTenantMesh', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-module-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function start(tenantMesh: JsonObject) {
    const subscriptions: EventsServiceSubscribeOptions[] = [];
    const events = createServiceFactory({
      service: eventsServiceRef,
      deps: {},
      factory: () => ({
        publish: async () => {},
        subscribe: async (options: EventsServiceSubscribeOptions) => {
          subscriptions.push(options);
        },
      }),
    });
    const providers: EntityProvider[] = [];
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: jest.fn(() => ({
        run: async (task: SchedulerServiceTaskInvocationDefinition) => {
          tasks.push(task);
        },
      })),
    });
    const backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (
              ...added: Array<EntityProvider | EntityProvider[]>
            ) => {
              providers.push(...added.flat());
            },
          },
        ],
      ],
      features: [
        catalogModuleTenantMesh,
        mockServices.rootConfig.factory({ data: { tenantMesh } }),
        scheduler.factory,
        events,
      ],
    });
    return { backend, providers, scheduler, tasks, subscriptions };
  }

  it('adds the tenant provider, which reads the configured repository', async () => {
    const repo = new GitRepositoryTarget({ dir });
    await repo.init();
    await repo.writeTenant({
      tenantId: 'acme',
      files: [{ path: TENANT_RECORD_FILE, content: stringify(acmeRecord) }],
      message: 'Onboard tenant acme',
    });
    const { backend, providers, scheduler, tasks } = await start({
      ...platformConfig,
      delivery: { target: 'gitops', gitops: { repository: dir } },
    });

    expect(providers).toHaveLength(1);
    const [provider] = providers;
    expect(provider).toBeInstanceOf(TenantEntityProvider);

    const mutations: EntityProviderMutation[] = [];
    await provider.connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    });

    // One replica at a time refreshes, every 10 seconds by default.
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { seconds: 10 },
      timeout: { seconds: 30 },
      scope: 'global',
    });
    expect(tasks.map(t => t.id)).toEqual(['tenant-mesh:refresh']);
    await tasks[0].fn(new AbortController().signal);

    expect(mutations).toEqual([
      {
        type: 'full',
        entities: [
          expect.objectContaining({
            entity: expect.objectContaining({
              kind: 'Resource',
              metadata: expect.objectContaining({ name: 'acme' }),
            }),
          }),
        ],
      },
    ]);
    await backend.stop();
  });

  it('reads the record ConfigMaps of the delivery cluster on the cluster target', async () => {
    const api = await startFakeKubernetesApi();
    try {
      const kubeconfig = join(dir, 'kubeconfig');
      await writeFile(kubeconfig, api.kubeConfig());
      api.seed([
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'tenant-acme' },
        },
        planTenantRecordObject(acmeRecord, testPlatform),
      ]);
      const { backend, providers, tasks } = await start({
        ...platformConfig,
        delivery: { target: 'cluster', cluster: { kubeconfig } },
      });
      const mutations: EntityProviderMutation[] = [];
      await providers[0].connect({
        applyMutation: async mutation => {
          mutations.push(mutation);
        },
        refresh: async () => {},
      });

      await tasks[0].fn(new AbortController().signal);

      expect(mutations).toEqual([
        {
          type: 'full',
          entities: [
            {
              entity: expect.objectContaining({
                metadata: expect.objectContaining({ name: 'acme' }),
              }),
              locationKey:
                'tenant-mesh:configmap/tenant-acme/tenant-mesh-record',
            },
          ],
        },
      ]);
      await backend.stop();
    } finally {
      await api.close();
    }
  });

  it('fails at startup on invalid config', async () => {
    await expect(
      start({ ...platformConfig, delivery: { target: 'ftp' } }),
    ).rejects.toThrow(/tenantMesh\.delivery\.target must be gitops or cluster/);
  });

  it('runs the scheduled refresh at once when onboarding announces a change', async () => {
    const { subscriptions, scheduler } = await start({
      ...platformConfig,
      delivery: { target: 'gitops', gitops: { repository: dir } },
    });

    expect(subscriptions.map(s => s.topics)).toEqual([[TENANTS_CHANGED_TOPIC]]);
    await subscriptions[0].onEvent({
      topic: TENANTS_CHANGED_TOPIC,
      eventPayload: {},
    });

    // Through the scheduler, so it never overlaps a scheduled run.
    expect(scheduler.triggerTask).toHaveBeenCalledWith(
      TenantEntityProvider.TASK_ID,
    );
  });
});
