import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_TENANT_ID } from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * Where the status cards belong: the catalog's tenant entities, as a filter
 * predicate for the new frontend system (overridable under
 * `app.extensions`). Values compare case-insensitively.
 */
export const tenantEntityPredicate = {
  kind: 'resource',
  'spec.type': 'tenant',
};

const sameWord = (value: unknown, word: string) =>
  typeof value === 'string' && value.toLocaleLowerCase('en-US') === word;

/**
 * Whether an entity is a tenant (kind Resource, `spec.type: tenant`), for
 * an `EntitySwitch` of the legacy frontend system. Case-insensitive, as
 * {@link tenantEntityPredicate} is, so both systems show the cards on the
 * same entities.
 *
 * @public
 */
export function isTenantEntity(entity: Entity): boolean {
  return (
    sameWord(entity.kind, tenantEntityPredicate.kind) &&
    sameWord(entity.spec?.type, tenantEntityPredicate['spec.type'])
  );
}

/** The tenant id of a tenant entity: its annotation, else its name. */
export function tenantIdOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[ANNOTATION_TENANT_ID] ?? entity.metadata.name
  );
}
