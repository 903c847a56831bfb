/**
 * Scaffolder actions of Tenant Mesh: plan, Cognito and deliver a tenant.
 *
 * @packageDocumentation
 */
export { tenantMeshModule as default } from './module';
export { createTenantMeshPlanAction } from './actions/plan';
export { createTenantMeshCognitoAction } from './actions/cognito';
export { createTenantMeshDeliverAction } from './actions/deliver';
export type { DeliveryTarget } from './delivery/deliveryTarget';
export type { ClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
export { fixedClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
