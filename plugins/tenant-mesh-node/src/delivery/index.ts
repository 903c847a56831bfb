/** Where Tenant Mesh delivers to, read once from `tenantMesh.delivery`. */
export { readClusterAccess, readDeliverySettings } from './deliverySettings';
export type { ClusterAccess, DeliverySettings } from './deliverySettings';
export { createClusterProvider, fixedClusterProvider } from './clusterProvider';
export type { ClusterProvider } from './clusterProvider';
export {
  kubeConfigOfKubernetesPluginCluster,
  readKubernetesPluginCluster,
} from './kubernetesPluginCluster';
