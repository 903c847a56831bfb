import {
  PlatformSettings,
  planSharedObjects,
  SharedPlan,
  sharedEntryOf,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** A tenant as the shared objects need it: its id and its host. */
export interface TenantRecord {
  tenantId: string;
  host: string;
}

/** The shared objects of these tenants. */
export function planSharedFor(
  records: TenantRecord[],
  platform: PlatformSettings,
): SharedPlan {
  return planSharedObjects(
    records.map(r => sharedEntryOf(r, platform)),
    platform,
  );
}
