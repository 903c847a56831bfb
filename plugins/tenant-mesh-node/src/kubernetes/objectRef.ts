import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/** Identifies one Kubernetes object without its content. */
export interface KubernetesObjectRef {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects such as namespaces. */
  namespace?: string;
  name: string;
}

/** The reference of an object. */
export function refOf(object: KubernetesObject): KubernetesObjectRef {
  const { namespace, name } = object.metadata;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(namespace ? { namespace } : {}),
    name,
  };
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export function describeRef(ref: KubernetesObjectRef): string {
  const path = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return `${ref.kind} ${path}`;
}
