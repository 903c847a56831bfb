/*
 * Schema checks of rendered manifests: Kubernetes and Istio objects against their models, the
 * central Envoy's configuration against the Envoy v3 API. Used by `tenant-mesh validate`, the
 * scaffolder actions and tests.
 */
export type { SchemaProblem } from './SchemaProblem';
export {
  checkKubernetesObject,
  checkKubernetesObjects,
} from './kubernetes/checkKubernetesObject';
export {
  checkEnvoyDiscoveryFile,
  checkEnvoyResource,
} from './envoy/checkEnvoyResource';
export { checkIstioOperator, checkMeshConfig } from './istio/checkMeshConfig';
