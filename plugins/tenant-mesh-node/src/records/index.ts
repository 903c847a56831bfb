/** The record of each onboarded tenant, kept beside its manifests. */
export {
  readTenantRecord,
  readTenantRecords,
  tenantRecordPath,
  TENANT_RECORD_FILE,
} from './tenantRecords';
export type { TenantRecordProblem, TenantRecords } from './tenantRecords';
export { parseTenantRecord } from './parseTenantRecord';
export type { ParsedTenantRecord } from './parseTenantRecord';
