/** The record of each onboarded tenant: beside its manifests, or on its cluster. */
export {
  readTenantRecord,
  readTenantRecords,
  tenantRecordPath,
  TENANT_RECORD_FILE,
} from './tenantRecords';
export type { TenantRecordProblem, TenantRecords } from './tenantRecords';
export {
  readClusterTenantRecord,
  readClusterTenantRecords,
} from './clusterTenantRecords';
export { parseTenantRecord } from './parseTenantRecord';
export type { ParsedTenantRecord } from './parseTenantRecord';
