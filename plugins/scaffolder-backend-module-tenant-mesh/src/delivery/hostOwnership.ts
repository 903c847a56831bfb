import { ConflictError } from '@backstage/errors';
import { canonicalHost } from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantRecord } from './sharedEntries';

/**
 * Refuses a host another tenant already holds in the delivery target. The
 * plan step checks the same rule earlier, but two onboardings started at
 * once both pass it; so each delivery checks again where it writes, under
 * the same lock (GitOps) or resourceVersion (cluster) as the write.
 *
 * @throws ConflictError naming `host`, the host and the tenant that holds it.
 */
export function assertHostFree(options: {
  tenant: TenantRecord;
  records: TenantRecord[];
  /** Where the records were read, for the message. */
  source: string;
}): void {
  const { tenant, records, source } = options;
  const host = canonicalHost(tenant.host);
  const owner = records.find(
    r => r.tenantId !== tenant.tenantId && canonicalHost(r.host) === host,
  );
  if (owner) {
    throw new ConflictError(
      `host: ${host} already belongs to tenant ${owner.tenantId} in ${source}, so tenant ${tenant.tenantId} was not delivered; choose another host`,
    );
  }
}

/**
 * Refuses records in which two tenants claim one host: the shared objects
 * built from them would route the host twice, which Envoy rejects.
 *
 * @throws ConflictError naming the host, both tenants and where each is recorded.
 */
export function assertHostsClaimedOnce(options: {
  records: TenantRecord[];
  /** Where a tenant is recorded, for the message: the record to fix. */
  describeRecord: (tenantId: string) => string;
}): void {
  const { records, describeRecord } = options;
  const ownerByHost = new Map<string, string>();
  for (const { tenantId, host } of records) {
    const canonical = canonicalHost(host);
    const owner = ownerByHost.get(canonical);
    if (owner !== undefined && owner !== tenantId) {
      throw new ConflictError(
        `Tenants ${owner} (${describeRecord(
          owner,
        )}) and ${tenantId} (${describeRecord(
          tenantId,
        )}) both claim host ${canonical}, so nothing was written; change the host of one of them or offboard it`,
      );
    }
    ownerByHost.set(canonical, tenantId);
  }
}
