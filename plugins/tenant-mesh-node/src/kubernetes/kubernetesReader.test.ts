import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { startFakeKubernetesApi } from '../testUtils';
import { KubernetesReader } from './kubernetesReader';

const TENANTS = 1001; // two full pages of 500 and one more object

function tenantObjects(i: number): KubernetesObject[] {
  const namespace = `tenant-t${i}`;
  const labels = { 'tenant-mesh.io/tenant': `t${i}` };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: `t${i}`, namespace, labels },
      spec: { hosts: [`t${i}.example.com`] },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `t${i}`, namespace, labels },
      data: { key: 'value' },
    },
  ];
}

describe('KubernetesReader', () => {
  let api: Awaited<ReturnType<typeof startFakeKubernetesApi>>;
  let reader: KubernetesReader;

  beforeAll(async () => {
    api = await startFakeKubernetesApi();
    api.seed(
      Array.from({ length: TENANTS }, (_, i) => tenantObjects(i)).flat(),
    );
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(api.kubeConfig());
    reader = KubernetesReader.fromKubeConfig(kubeConfig);
  });

  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['a custom resource', 'networking.istio.io/v1', 'VirtualService'],
    ['a core resource', 'v1', 'ConfigMap'],
  ])('follows every page of %s', async (_, apiVersion, kind) => {
    const before = api.requests.length;

    const items = await reader.list({
      apiVersion,
      kind,
      labelSelector: 'tenant-mesh.io/tenant',
    });

    expect(items).toHaveLength(TENANTS);
    expect(new Set(items.map(o => o.metadata.name)).size).toBe(TENANTS);
    expect(items[TENANTS - 1]).toMatchObject({ apiVersion, kind });
    // The list requests, not the API discovery ones.
    const plural = `/${kind.toLowerCase()}s`;
    const pages = api.requests
      .slice(before)
      .filter(r => r.path.endsWith(plural));
    expect(pages).toHaveLength(3);
  });

  it('gets one object as plain JSON, and undefined for a missing one', async () => {
    const ref = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      namespace: 'tenant-t7',
    };

    await expect(reader.get({ ...ref, name: 't7' })).resolves.toMatchObject({
      spec: { hosts: ['t7.example.com'] },
    });
    await expect(reader.get({ ...ref, name: 'nope' })).resolves.toBeUndefined();
  });
});
