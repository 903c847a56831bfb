import {
  KubernetesObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { InputError } from '@backstage/errors';
import { describeRef, refOf } from './objectRef';

/** Whether an object carries Tenant Mesh's managed-by label. */
export function isManagedByTenantMesh(object: KubernetesObject): boolean {
  return object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

/**
 * A copy of the object with the managed-by label and without server-set
 * metadata, ready for server-side apply. A different managed-by value is a
 * mistake in the plan, so it is refused rather than overwritten.
 */
export function toApplyConfiguration(
  object: KubernetesObject,
): KubernetesObject {
  const current = object.metadata.labels?.[MANAGED_BY_LABEL];
  if (current !== undefined && current !== MANAGED_BY_VALUE) {
    throw new InputError(
      `${describeRef(
        refOf(object),
      )} has label ${MANAGED_BY_LABEL}=${current}; Tenant Mesh applies only objects it manages`,
    );
  }
  const {
    resourceVersion: _resourceVersion,
    managedFields: _managedFields,
    uid: _uid,
    creationTimestamp: _creationTimestamp,
    ...metadata
  } = object.metadata;
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
    },
  };
}
