import {
  acmeIdentity,
  acmeRecord,
  testPlatform,
} from '../__fixtures__/tenants';
import { tenantLocationRef, tenantToEntity } from './tenantToEntity';
import { validateTenantEntity } from './validateTenantEntity';

const repositoryPath = '/var/lib/tenant-mesh/gitops';
const location =
  'tenant-mesh:/var/lib/tenant-mesh/gitops/tenants/acme/tenant.yaml';

describe('tenantToEntity', () => {
  it('builds acme before Cognito ran, without identity annotations', () => {
    expect(tenantToEntity(acmeRecord, testPlatform, repositoryPath)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'acme',
        title: 'Acme Corporation',
        description:
          'Tenant onboarded by Tenant Mesh, served at acme.example.com',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'tenant-mesh.io/tenant-id': 'acme',
          'tenant-mesh.io/host': 'acme.example.com',
          'tenant-mesh.io/region': 'us-east-1',
          'backstage.io/kubernetes-id': 'acme',
          'backstage.io/kubernetes-namespace': 'tenant-acme',
        },
        links: [{ url: 'https://acme.example.com/', title: 'Tenant site' }],
      },
      spec: {
        type: 'tenant',
        owner: 'group:default/customer-success',
        system: 'tenant-platform',
        dependsOn: [],
      },
    });
  });

  it('adds the user pool and client ids once Cognito ran', () => {
    expect(
      tenantToEntity(
        { ...acmeRecord, identity: acmeIdentity },
        testPlatform,
        repositoryPath,
      ),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'acme',
        title: 'Acme Corporation',
        description:
          'Tenant onboarded by Tenant Mesh, served at acme.example.com',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'tenant-mesh.io/tenant-id': 'acme',
          'tenant-mesh.io/host': 'acme.example.com',
          'tenant-mesh.io/region': 'us-east-1',
          'tenant-mesh.io/user-pool-id': 'us-east-1_AcMe12345',
          'tenant-mesh.io/client-id': '5acme0client0id0example',
          'backstage.io/kubernetes-id': 'acme',
          'backstage.io/kubernetes-namespace': 'tenant-acme',
        },
        links: [{ url: 'https://acme.example.com/', title: 'Tenant site' }],
      },
      spec: {
        type: 'tenant',
        owner: 'group:default/customer-success',
        system: 'tenant-platform',
        dependsOn: [],
      },
    });
  });

  it('uses the platform namespace pattern and the canonical host', () => {
    const entity = tenantToEntity(
      { ...acmeRecord, host: 'ACME.example.com.' },
      { ...testPlatform, namespaces: { tenant: 'ns-{id}', auth: 'a-{id}' } },
      `${repositoryPath}/`,
    );

    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': location,
      'tenant-mesh.io/host': 'acme.example.com',
      'backstage.io/kubernetes-namespace': 'ns-acme',
    });
    expect(entity.metadata.links).toEqual([
      { url: 'https://acme.example.com/', title: 'Tenant site' },
    ]);
  });

  it('builds an entity the catalog accepts', async () => {
    const entity = tenantToEntity(
      { ...acmeRecord, identity: acmeIdentity },
      testPlatform,
      repositoryPath,
    );
    await expect(validateTenantEntity(entity)).resolves.toBeUndefined();
  });

  it('never copies a field of the record that is not named', () => {
    const entity = tenantToEntity(
      {
        ...acmeRecord,
        identity: acmeIdentity,
        session: { cookieExpire: '12h' },
      },
      testPlatform,
      repositoryPath,
    );
    const text = JSON.stringify(entity);
    expect(text).not.toMatch(/cookie|secret|bookinfo|optional/i);
  });
});

describe('tenantLocationRef', () => {
  it('names the record file', () => {
    expect(tenantLocationRef('/data/gitops', 'globex')).toBe(
      'tenant-mesh:/data/gitops/tenants/globex/tenant.yaml',
    );
  });
});
