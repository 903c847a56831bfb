/**
 * The Tenant Mesh frontend: the client of the Tenant Mesh backend and the
 * Create Tenant form fields. The plugin is this entry point's default
 * export; the scaffolder module with the fields is `./alpha`'s.
 *
 * @packageDocumentation
 */
export { tenantMeshPlugin as default } from './plugin';
export { tenantMeshApiRef, TenantMeshClient } from './api';
export type { TenantAvailability, TenantMeshApi } from './api';
export {
  TenantIdPicker,
  tenantIdValidation,
} from './components/TenantIdPicker';
export type { TenantIdPickerProps } from './components/TenantIdPicker';
export { TenantHostPicker } from './components/TenantHostPicker';
export type { TenantHostPickerProps } from './components/TenantHostPicker';
