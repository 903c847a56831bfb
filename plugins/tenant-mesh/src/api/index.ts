export { tenantMeshApiRef } from './TenantMeshApi';
export type { TenantAvailability, TenantMeshApi } from './TenantMeshApi';
export { TenantMeshClient } from './TenantMeshClient';
export {
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from './TenantStatusStore';
export type { TenantStatusSnapshot } from './TenantStatusStore';
