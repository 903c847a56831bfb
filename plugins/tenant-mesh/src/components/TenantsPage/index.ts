export { TenantsPage } from './TenantsPage';
export { TenantsTable } from './TenantsTable';
