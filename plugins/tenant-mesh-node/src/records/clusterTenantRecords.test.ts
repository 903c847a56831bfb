import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import {
  KubernetesObject,
  planTenantRecordObject,
  readPlatformSettings,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { KubernetesReader } from '../kubernetes';
import { FakeKubernetesApi, startFakeKubernetesApi } from '../testUtils';
import {
  readClusterTenantRecord,
  readClusterTenantRecords,
} from './clusterTenantRecords';

const platform = readPlatformSettings({
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
});

const acme: TenantSpec = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/customer-success',
  identity: { userPoolId: 'us-east-1_AbC123', clientId: 'acmeclient' },
};
const globex: TenantSpec = {
  tenantId: 'globex',
  displayName: 'Globex',
  host: 'globex.example.com',
  owner: 'group:default/customer-success',
};

const namespace = (name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

/** The record ConfigMap of `spec`, with its content replaced when given. */
function recordOf(
  spec: TenantSpec,
  change: { content?: string; namespace?: string } = {},
): KubernetesObject {
  const record = planTenantRecordObject(spec, platform);
  return {
    ...record,
    metadata: {
      ...record.metadata,
      namespace: change.namespace ?? record.metadata.namespace,
    },
    data:
      change.content === undefined
        ? record.data
        : { 'tenant.yaml': change.content },
  };
}

describe('readClusterTenantRecords', () => {
  let api: FakeKubernetesApi;
  let reader: KubernetesReader;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(api.kubeConfig());
    reader = KubernetesReader.fromKubeConfig(kubeConfig);
    api.seed(['tenant-acme', 'tenant-globex', 'tenant-initech'].map(namespace));
  });

  afterEach(() => api.close());

  // Discovery aside, the requests that read ConfigMaps.
  const lists = () => api.requests.filter(r => r.path.endsWith('/configmaps'));

  it('reads every record with one list across all namespaces, sorted by tenant id', async () => {
    api.seed([
      recordOf(globex),
      recordOf(acme),
      // Another ConfigMap of the tenant is not its record.
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'oauth2-proxy-acme',
          namespace: 'tenant-acme',
          labels: { 'tenant-mesh.io/tenant': 'acme' },
        },
        data: { 'tenant.yaml': 'not: a record' },
      },
    ]);

    expect(await readClusterTenantRecords(reader)).toEqual({
      records: [acme, globex],
      problems: [],
    });
    expect(lists()).toEqual([
      expect.objectContaining({
        path: '/api/v1/configmaps',
        query: expect.objectContaining({
          labelSelector: 'tenant-mesh.io/record=true,tenant-mesh.io/tenant',
        }),
      }),
    ]);
  });

  it('finds no tenant on a cluster without records', async () => {
    expect(await readClusterTenantRecords(reader)).toEqual({
      records: [],
      problems: [],
    });
  });

  it.each([
    [
      'a record that does not parse',
      recordOf(acme, { content: 'tenantId: [broken\n' }),
      /^not valid YAML: /,
    ],
    [
      'a record without its key',
      { ...recordOf(acme), data: {} },
      'has no tenant.yaml key',
    ],
    [
      'a record of another tenant than its label',
      recordOf(acme, {
        content:
          'tenantId: globex\ndisplayName: G\nhost: g.example.com\nowner: group:x\n',
      }),
      'records tenant globex under the tenant-mesh.io/tenant label of tenant acme',
    ],
  ])(
    'reports %s by ConfigMap, under its label id, and keeps the others',
    async (_case, broken, message) => {
      api.seed([broken, recordOf(globex)]);

      expect(await readClusterTenantRecords(reader)).toEqual({
        records: [globex],
        problems: [
          {
            path: 'ConfigMap tenant-acme/tenant-mesh-record',
            tenantId: 'acme',
            message: expect.stringMatching(message),
          },
        ],
      });
    },
  );

  it('reports every copy of a tenant recorded twice', async () => {
    api.seed([recordOf(acme), recordOf(acme, { namespace: 'tenant-initech' })]);

    const { records, problems } = await readClusterTenantRecords(reader);

    expect(records).toEqual([]);
    expect(problems.map(p => [p.path, p.tenantId])).toEqual([
      ['ConfigMap tenant-acme/tenant-mesh-record', 'acme'],
      ['ConfigMap tenant-initech/tenant-mesh-record', 'acme'],
    ]);
    expect(problems[0].message).toMatch(/recorded more than once/);
  });
});

describe('readClusterTenantRecord', () => {
  let api: FakeKubernetesApi;
  let reader: KubernetesReader;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(api.kubeConfig());
    reader = KubernetesReader.fromKubeConfig(kubeConfig);
    api.seed(['tenant-acme', 'tenant-globex'].map(namespace));
  });

  afterEach(() => api.close());

  it('reads the one tenant asked for, listing only its records', async () => {
    api.seed([recordOf(acme), recordOf(globex)]);

    expect(await readClusterTenantRecord(reader, 'globex')).toEqual({
      spec: globex,
    });
    const lists = api.requests.filter(r => r.path.endsWith('/configmaps'));
    expect(lists.map(r => r.query.labelSelector)).toEqual([
      'tenant-mesh.io/record=true,tenant-mesh.io/tenant=globex',
    ]);
  });

  it('finds nothing for a tenant without a record', async () => {
    api.seed([recordOf(acme)]);

    expect(await readClusterTenantRecord(reader, 'globex')).toBeUndefined();
  });

  it('reports a record that does not parse as a problem', async () => {
    api.seed([recordOf(acme, { content: 'tenantId: [broken\n' })]);

    expect(await readClusterTenantRecord(reader, 'acme')).toEqual({
      path: 'ConfigMap tenant-acme/tenant-mesh-record',
      tenantId: 'acme',
      message: expect.stringMatching(/^not valid YAML: /),
    });
  });

  it('refuses an id that could widen the label selector', async () => {
    await expect(
      readClusterTenantRecord(reader, 'acme,tenant-mesh.io/tenant'),
    ).rejects.toThrow(InputError);
    expect(api.requests).toEqual([]);
  });
});
