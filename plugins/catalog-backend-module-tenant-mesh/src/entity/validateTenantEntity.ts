import {
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/*
 * The checks the catalog itself runs on every entity, so an invalid tenant is
 * caught here, where it can be logged with its tenant id, rather than as a
 * processing error of an entity nobody sees.
 */
const policy = EntityPolicies.allOf([
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * Checks an entity against the catalog's entity policies and the Resource
 * kind's schema.
 *
 * @throws InputError saying what is invalid.
 * @public
 */
export async function validateTenantEntity(entity: Entity): Promise<void> {
  try {
    await policy.enforce(entity);
    if (!(await resourceEntityV1alpha1Validator.check(entity))) {
      throw new Error(`kind ${entity.kind} is not Resource`);
    }
  } catch (error) {
    throw new InputError(`Entity ${entity.metadata.name} is invalid`, error);
  }
}
