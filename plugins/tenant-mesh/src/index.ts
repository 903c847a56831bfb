/**
 * The Tenant Mesh frontend: the client of the Tenant Mesh backend, the
 * status cards of a tenant, the tenants page and the Create Tenant form
 * fields. The default export is the plugin for the new frontend system; the
 * named `tenantMeshPlugin` and `EntityTenant*Card`/`TenantsPage` extensions
 * are the same components for legacy apps. `./alpha`'s default export is the
 * scaffolder module with the fields.
 *
 * @packageDocumentation
 */
export { tenantMeshFrontendPlugin as default } from './plugin';
export {
  tenantMeshPlugin,
  EntityTenantRoutingCard,
  EntityTenantAuthCard,
  EntityTenantPodsCard,
  TenantsPage,
} from './legacyPlugin';
export { isTenantEntity } from './components/TenantStatus';
export {
  tenantMeshApiRef,
  TenantMeshClient,
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from './api';
export type {
  TenantAvailability,
  TenantMeshApi,
  TenantStatusSnapshot,
} from './api';
export {
  TenantIdPicker,
  tenantIdValidation,
} from './components/TenantIdPicker';
export type { TenantIdPickerProps } from './components/TenantIdPicker';
export { TenantHostPicker } from './components/TenantHostPicker';
export type { TenantHostPickerProps } from './components/TenantHostPicker';
