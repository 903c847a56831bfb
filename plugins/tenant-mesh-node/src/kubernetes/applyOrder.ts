import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * Namespaces first, everything else in the caller's order: the API server
 * refuses a namespaced object whose namespace does not exist yet.
 */
export function sortForApply<T extends Pick<KubernetesObject, 'kind'>>(
  objects: readonly T[],
): T[] {
  return [
    ...objects.filter(o => o.kind === 'Namespace'),
    ...objects.filter(o => o.kind !== 'Namespace'),
  ];
}

/** The reverse of the apply order, so namespaces go last. */
export function sortForDelete<T extends Pick<KubernetesObject, 'kind'>>(
  objects: readonly T[],
): T[] {
  return sortForApply(objects).reverse();
}
