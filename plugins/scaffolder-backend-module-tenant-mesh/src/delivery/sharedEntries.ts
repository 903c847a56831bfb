import {
  canonicalHost,
  EnvoyTenantRoute,
  OAUTH2_PROXY_PORT,
  PlatformSettings,
  planSharedObjects,
  SharedPlan,
  TenantBinding,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** A tenant as the shared objects need it: its id and its host. */
export interface TenantRecord {
  tenantId: string;
  host: string;
}

/**
 * The gateway binding and Envoy route of a tenant, from its id and host.
 * Equal to what planTenant computes (a test checks it), without planning
 * the tenant's own objects, so thousands of tenants stay cheap.
 *
 * TODO: move to tenant-mesh-common next to planTenant, so it cannot drift.
 */
export function sharedEntry(
  record: TenantRecord,
  platform: PlatformSettings,
): { binding: TenantBinding; route: EnvoyTenantRoute } {
  const names = tenantNames(record.tenantId, platform);
  const host = canonicalHost(record.host);
  return {
    binding: {
      tenantId: record.tenantId,
      host,
      namespace: names.tenantNamespace,
    },
    route: {
      tenantId: record.tenantId,
      host,
      upstream: `${names.oauth2Proxy}.${names.authNamespace}.svc.cluster.local:${OAUTH2_PROXY_PORT}`,
    },
  };
}

/** The shared objects of these tenants. */
export function planSharedFor(
  records: TenantRecord[],
  platform: PlatformSettings,
): SharedPlan {
  return planSharedObjects(
    records.map(r => sharedEntry(r, platform)),
    platform,
  );
}
