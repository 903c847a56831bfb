import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ANNOTATION_TENANT_ID } from '@tenant-mesh/plugin-tenant-mesh-common';
import { tenantEntity } from './tenantEntities';

function tenant(name: string, tenantId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      ...(tenantId
        ? { annotations: { [ANNOTATION_TENANT_ID]: tenantId } }
        : {}),
    },
    spec: { type: 'tenant', owner: 'group:default/customer-success' },
  };
}

describe('tenantEntity', () => {
  it("skips an entity named after the tenant that is annotated with another's id", async () => {
    // Named acme, but the entity of tenant globex: its annotations are globex's.
    const misnamed = tenant('acme', 'globex');
    const acme = tenant('acme-corp', 'acme');
    const catalog = catalogServiceMock({ entities: [misnamed, acme] });

    const found = await tenantEntity(catalog, 'acme', mockCredentials.user());

    expect(found?.metadata.name).toBe('acme-corp');
  });

  it('finds an entity by its name when it has no annotation', async () => {
    const catalog = catalogServiceMock({ entities: [tenant('acme')] });

    const found = await tenantEntity(catalog, 'acme', mockCredentials.user());

    expect(found?.metadata.name).toBe('acme');
  });

  it('finds none when only another tenant matches', async () => {
    const catalog = catalogServiceMock({
      entities: [tenant('acme', 'globex')],
    });

    expect(
      await tenantEntity(catalog, 'acme', mockCredentials.user()),
    ).toBeUndefined();
  });
});
