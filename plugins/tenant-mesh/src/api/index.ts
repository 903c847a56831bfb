export { tenantMeshApiRef } from './TenantMeshApi';
export type { TenantAvailability, TenantMeshApi } from './TenantMeshApi';
export { TenantMeshClient } from './TenantMeshClient';
