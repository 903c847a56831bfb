/** Delivery of Tenant Mesh's objects to a Kubernetes cluster. */
export { KubernetesTarget } from './clusterTarget';
export type {
  AppliedObject,
  DeletedObject,
  KubernetesTargetOptions,
} from './clusterTarget';
export {
  API_SERVER_ANNOTATION,
  API_SERVER_CA_ANNOTATION,
  kubeConfigFromClusterEntity,
} from './clusterEntity';
export type { ClusterResourceEntity } from './clusterEntity';
export { KubernetesApiError } from './kubernetesErrors';
export { KubernetesReader } from './kubernetesReader';
export type { KubernetesListQuery } from './kubernetesReader';
export type { AppliedAction } from './appliedAction';
export type { KubernetesObjectRef } from './objectRef';
export { describeRef, refOf } from './objectRef';
export type { Backoff } from './backoff';
export type {
  SharedObjectMutation,
  SharedObjectUpdateResult,
} from './sharedObjectUpdate';
