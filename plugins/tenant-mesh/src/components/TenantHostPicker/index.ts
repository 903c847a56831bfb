export { TenantHostPicker } from './TenantHostPicker';
export type { TenantHostPickerProps } from './TenantHostPicker';
