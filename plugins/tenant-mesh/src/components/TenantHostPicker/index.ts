export { TenantHostPicker } from './TenantHostPicker';
export type { TenantHostPickerProps } from './TenantHostPicker';
export { tenantHostValidation } from './tenantHostValidation';
