import {
  StatusClusterInfo,
  TenantStatus,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { BrokenRecord } from './recordedTenants';
import { TenantRow } from './tenantSummary';

/**
 * The status of a tenant whose record is there but unusable: the record is
 * the error, shown where the plan is compared; nothing else was checked.
 */
export function brokenStatus(options: {
  broken: BrokenRecord;
  /** From the catalog entity, when the record is too broken to hold it. */
  host: string;
  cluster: StatusClusterInfo;
}): TenantStatus {
  const { broken, host, cluster } = options;
  const notChecked = {
    state: 'unknown' as const,
    reason: `Not checked: the record ${broken.record.path} cannot be used.`,
  };
  return {
    tenantId: broken.tenantId,
    host,
    state: 'error',
    reason: broken.reason,
    checkedAt: new Date().toISOString(),
    cluster,
    record: broken.record,
    routing: {
      state: 'error',
      reason: broken.reason,
      path: [],
      authorizer: [],
      plan: [
        {
          id: `${broken.record.source}-record`,
          title: `Record ${broken.record.path}`,
          state: 'error',
          reason: broken.reason,
        },
      ],
    },
    auth: { ...notChecked, checks: [] },
    pods: { ...notChecked, namespaces: [] },
    lint: { ...notChecked, findings: [] },
  };
}

/** The row of a tenant whose record cannot be used: only the record is known. */
export function brokenSummary(broken: BrokenRecord): TenantRow {
  return {
    tenantId: broken.tenantId,
    host: '',
    state: 'error',
    reason: broken.reason,
    routing: 'error',
    auth: 'unknown',
    pods: 'unknown',
  };
}
