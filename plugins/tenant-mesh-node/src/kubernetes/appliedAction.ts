import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/** What an apply did to one object. */
export type AppliedAction = 'created' | 'configured' | 'unchanged';

/**
 * client-node answers with instances of its model classes (dates as Date);
 * the rest of Tenant Mesh works on plain JSON data.
 */
export function toPlain(object: unknown): KubernetesObject {
  return JSON.parse(JSON.stringify(object));
}

/**
 * Created when nothing was there; unchanged when the API server kept the
 * resourceVersion, which it does only for a no-op write.
 */
export function actionOf(
  before: KubernetesObject | undefined,
  after: KubernetesObject,
  dryRun: boolean,
): AppliedAction {
  if (!before) {
    return 'created';
  }
  // A dry run keeps the resourceVersion, so compare what would be stored.
  const same = dryRun
    ? JSON.stringify(withoutVolatile(before)) ===
      JSON.stringify(withoutVolatile(after))
    : before.metadata.resourceVersion === after.metadata.resourceVersion;
  return same ? 'unchanged' : 'configured';
}

function withoutVolatile(object: KubernetesObject): KubernetesObject {
  const {
    managedFields: _m,
    resourceVersion: _r,
    ...metadata
  } = object.metadata;
  return { ...object, metadata };
}
