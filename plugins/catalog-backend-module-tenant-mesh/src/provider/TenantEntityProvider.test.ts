import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubernetesObject,
  planTenantRecordObject,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterAccess,
  createClusterProvider,
  GitRepositoryTarget,
  TENANT_RECORD_FILE,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { stringify } from 'yaml';
import {
  acmeIdentity,
  acmeRecord,
  globexRecord,
  testPlatform,
} from '../__fixtures__/tenants';
import {
  tenantClusterLocationRef,
  tenantToEntity,
} from '../entity/tenantToEntity';
import { TenantRecordSource } from '../readTenantCatalogConfig';
import { TenantEntityProvider } from './TenantEntityProvider';

const acme: TenantSpec = { ...acmeRecord, identity: acmeIdentity };

/** A task runner that hands the scheduled task to the test. */
function captureTaskRunner() {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const taskRunner: SchedulerServiceTaskRunner = {
    run: async task => {
      tasks.push(task);
    },
  };
  return { taskRunner, tasks };
}

function captureConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}

describe('TenantEntityProvider', () => {
  let dir: string;
  let repo: GitRepositoryTarget;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-catalog-'));
    repo = new GitRepositoryTarget({ dir });
    await repo.init();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  const writeRecord = (tenantId: string, content: string) =>
    repo.writeTenant({
      tenantId,
      files: [
        { path: TENANT_RECORD_FILE, content },
        { path: 'namespace.yaml', content: `kind: Namespace\n` },
      ],
      message: `Onboard tenant ${tenantId}`,
    });

  async function connectedProvider(source?: TenantRecordSource) {
    const logger = mockServices.logger.mock();
    const { taskRunner, tasks } = captureTaskRunner();
    const { connection, mutations } = captureConnection();
    const provider = new TenantEntityProvider({
      source: source ?? { target: 'gitops', repositoryPath: dir },
      platform: testPlatform,
      logger,
      taskRunner,
    });
    await provider.connect(connection);
    return { provider, logger, tasks, mutations };
  }

  const entityOf = (spec: TenantSpec) => ({
    entity: tenantToEntity(spec, testPlatform, dir),
    locationKey: `tenant-mesh:${dir}/tenants/${spec.tenantId}/tenant.yaml`,
  });

  it('is named tenant-mesh', async () => {
    const { provider } = await connectedProvider();
    expect(provider.getProviderName()).toBe('tenant-mesh');
  });

  it('schedules its refresh under a stable task id', async () => {
    await writeRecord('acme', stringify(acme));
    const { tasks, mutations } = await connectedProvider();

    expect(tasks.map(t => t.id)).toEqual(['tenant-mesh:refresh']);
    await tasks[0].fn(new AbortController().signal);
    expect(mutations).toEqual([{ type: 'full', entities: [entityOf(acme)] }]);
  });

  it('emits every valid record and logs the broken one', async () => {
    await writeRecord('acme', stringify(acme));
    await writeRecord('globex', stringify(globexRecord));
    await writeRecord('broken', 'tenantId: broken\ndisplayName: [\n');
    const { provider, logger, mutations } = await connectedProvider();

    await provider.refresh();

    expect(mutations).toEqual([
      { type: 'full', entities: [entityOf(acme), entityOf(globexRecord)] },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped a tenant record that does not parse',
      {
        path: 'tenants/broken/tenant.yaml',
        problem: expect.stringMatching(/^not valid YAML: /),
      },
    );
  });

  it('warns about a broken record once, not on every refresh', async () => {
    await writeRecord('broken', 'not: [a tenant\n');
    const { provider, logger, mutations } = await connectedProvider();

    await provider.refresh();
    await provider.refresh();

    expect(mutations).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('skips a tenant whose entity the catalog would refuse', async () => {
    await writeRecord('acme', stringify(acme));
    await writeRecord(
      'initech',
      stringify({ ...globexRecord, tenantId: 'initech', owner: '' }),
    );
    const { provider, logger, mutations } = await connectedProvider();

    await provider.refresh();

    expect(mutations).toEqual([{ type: 'full', entities: [entityOf(acme)] }]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped a tenant whose entity is invalid',
      {
        tenantId: 'initech',
        problem: expect.stringContaining('/spec/owner'),
      },
    );
  });

  it('drops an offboarded tenant on the next refresh', async () => {
    await writeRecord('acme', stringify(acme));
    await writeRecord('globex', stringify(globexRecord));
    const { provider, mutations } = await connectedProvider();
    await provider.refresh();

    await repo.commitChange({
      remove: ['tenants/globex'],
      files: [],
      message: 'Offboard tenant globex',
    });
    await provider.refresh();

    expect(mutations.map(m => m.type === 'full' && m.entities)).toEqual([
      [entityOf(acme), entityOf(globexRecord)],
      [entityOf(acme)],
    ]);
  });

  it('reads the records again only when main has a new commit', async () => {
    await writeRecord('acme', stringify(acme));
    const { provider, mutations } = await connectedProvider();
    const readFiles = jest.spyOn(GitRepositoryTarget.prototype, 'readFiles');

    await provider.refresh();
    await provider.refresh();
    expect(readFiles).toHaveBeenCalledTimes(1);

    await writeRecord('globex', stringify(globexRecord));
    await provider.refresh();
    expect(readFiles).toHaveBeenCalledTimes(2);

    // Applied on every run all the same: it is what keeps the catalog right
    // when another replica applied something else in between.
    expect(mutations.map(m => m.type === 'full' && m.entities)).toEqual([
      [entityOf(acme)],
      [entityOf(acme)],
      [entityOf(acme), entityOf(globexRecord)],
    ]);
  });

  it('emits no tenant while the repository does not exist', async () => {
    const { provider, logger, mutations } = await connectedProvider({
      target: 'gitops',
      repositoryPath: join(dir, 'not-yet'),
    });

    await provider.refresh();

    expect(mutations).toEqual([{ type: 'full', entities: [] }]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('applies nothing when the repository cannot be read', async () => {
    await writeRecord('acme', stringify(acme));
    const { provider, mutations } = await connectedProvider();
    jest
      .spyOn(GitRepositoryTarget.prototype, 'readFiles')
      .mockRejectedValueOnce(new Error('disk on fire'));

    await expect(provider.refresh()).rejects.toThrow('disk on fire');
    // A full mutation now would remove every tenant from the catalog.
    expect(mutations).toEqual([]);
  });

  it('schedules nothing without a delivery target and says why once', async () => {
    const { provider, logger, tasks, mutations } = await connectedProvider({
      target: 'none',
    });

    await provider.refresh();

    expect(tasks).toEqual([]);
    expect(mutations).toEqual([]);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Tenant entities are not provided',
      { reason: expect.any(String) },
    );
  });

  it('refuses to refresh before the catalog connects it', async () => {
    const provider = new TenantEntityProvider({
      source: { target: 'gitops', repositoryPath: dir },
      platform: testPlatform,
      logger: mockServices.logger.mock(),
      taskRunner: captureTaskRunner().taskRunner,
    });
    await expect(provider.refresh()).rejects.toThrow(/not connected/);
  });
});

describe('TenantEntityProvider on the cluster target', () => {
  let api: FakeKubernetesApi;
  let dir: string;
  let access: ClusterAccess;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-catalog-cluster-'));
    access = { kubeconfig: join(dir, 'kubeconfig') };
    await writeFile(access.kubeconfig!, api.kubeConfig());
    api.seed(
      ['tenant-acme', 'tenant-globex', 'tenant-broken'].map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      })),
    );
  });

  afterEach(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function connectedProvider() {
    const logger = mockServices.logger.mock();
    const { taskRunner, tasks } = captureTaskRunner();
    const { connection, mutations } = captureConnection();
    const provider = new TenantEntityProvider({
      source: { target: 'cluster', cluster: access },
      platform: testPlatform,
      logger,
      taskRunner,
      cluster: {
        provider: createClusterProvider({
          access,
          catalog: catalogServiceMock(),
        }),
        auth: mockServices.auth(),
      },
    });
    await provider.connect(connection);
    return { provider, logger, tasks, mutations };
  }

  const recordOf = (spec: TenantSpec): KubernetesObject =>
    planTenantRecordObject(spec, testPlatform);

  const entityOf = (spec: TenantSpec) => {
    const locationKey = tenantClusterLocationRef(spec.tenantId, testPlatform);
    return {
      entity: tenantToEntity(spec, testPlatform, { locationRef: locationKey }),
      locationKey,
    };
  };

  it('emits an entity per record ConfigMap, located at it, and logs the broken one', async () => {
    const broken = recordOf({ ...globexRecord, tenantId: 'broken' });
    api.seed([
      recordOf(acme),
      recordOf(globexRecord),
      { ...broken, data: { 'tenant.yaml': 'tenantId: [broken\n' } },
    ]);
    const { tasks, logger, mutations } = await connectedProvider();

    expect(tasks.map(t => t.id)).toEqual(['tenant-mesh:refresh']);
    await tasks[0].fn(new AbortController().signal);

    expect(mutations).toEqual([
      { type: 'full', entities: [entityOf(acme), entityOf(globexRecord)] },
    ]);
    expect(mutations[0].type === 'full' && mutations[0].entities[0]).toEqual(
      expect.objectContaining({
        locationKey: 'tenant-mesh:configmap/tenant-acme/tenant-mesh-record',
      }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped a tenant record that does not parse',
      {
        path: 'ConfigMap tenant-broken/tenant-mesh-record',
        problem: expect.stringMatching(/^not valid YAML: /),
      },
    );
  });

  it('keeps the last entities, and warns once, while the cluster cannot be read', async () => {
    api.seed([recordOf(acme)]);
    const { provider, logger, mutations } = await connectedProvider();
    await provider.refresh();

    api.inject({ path: '/api/v1/configmaps', code: 503, times: 2 });
    await provider.refresh();
    await provider.refresh();

    expect(mutations).toEqual([{ type: 'full', entities: [entityOf(acme)] }]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not read the tenant records of the cluster; the tenant entities stay as they were',
      { cluster: expect.any(String), error: expect.stringContaining('503') },
    );

    await provider.refresh();
    expect(mutations).toHaveLength(2);
  });

  it('refuses the cluster source without a cluster to read', () => {
    expect(
      () =>
        new TenantEntityProvider({
          source: { target: 'cluster', cluster: { inCluster: true } },
          platform: testPlatform,
          logger: mockServices.logger.mock(),
          taskRunner: captureTaskRunner().taskRunner,
        }),
    ).toThrow(InputError);
  });
});
