export { TenantIdPicker } from './TenantIdPicker';
export type { TenantIdPickerProps } from './TenantIdPicker';
export { tenantIdValidation } from './tenantIdValidation';
