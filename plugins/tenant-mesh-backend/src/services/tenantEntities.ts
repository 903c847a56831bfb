import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_TENANT_ID } from '@tenant-mesh/plugin-tenant-mesh-common';

/** The catalog filter of tenant entities, as the catalog module emits them. */
export const TENANT_ENTITY = { kind: 'Resource', 'spec.type': 'tenant' };

/** Filters matching the tenant entity of an id: by annotation or by name. */
export function tenantEntityFilters(tenantId: string) {
  return [
    { ...TENANT_ENTITY, 'metadata.name': tenantId },
    {
      ...TENANT_ENTITY,
      [`metadata.annotations.${ANNOTATION_TENANT_ID}`]: tenantId,
    },
  ];
}

/** The tenant id of a tenant entity: its annotation, else its name. */
export function tenantIdOfEntity(entity: Entity): string {
  return (
    entity.metadata.annotations?.[ANNOTATION_TENANT_ID] ?? entity.metadata.name
  );
}

/** The tenant entity of an id, as the caller may see it. */
export async function tenantEntity(
  catalog: CatalogService,
  tenantId: string,
  credentials: BackstageCredentials,
): Promise<Entity | undefined> {
  const { items } = await catalog.getEntities(
    {
      filter: tenantEntityFilters(tenantId),
      fields: ['kind', 'metadata', 'spec.owner'],
    },
    { credentials },
  );
  // The filters match by name or annotation; an entity named after this
  // tenant may be annotated with another's id, and its annotations (pool,
  // host) would then be another tenant's.
  return items.find(entity => tenantIdOfEntity(entity) === tenantId);
}

/** Owner and entity ref of every tenant the caller may see, by tenant id. */
export async function catalogTenants(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Map<string, { owner?: string; entityRef: string }>> {
  const { items } = await catalog.getEntities(
    {
      filter: TENANT_ENTITY,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.owner',
      ],
    },
    { credentials },
  );
  return new Map(
    items.map(entity => [
      tenantIdOfEntity(entity),
      {
        entityRef: stringifyEntityRef(entity),
        ...(typeof entity.spec?.owner === 'string'
          ? { owner: entity.spec.owner }
          : {}),
      },
    ]),
  );
}
