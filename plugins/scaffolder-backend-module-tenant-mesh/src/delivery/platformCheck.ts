import { InputError } from '@backstage/errors';
import {
  KubernetesObject,
  LintFinding,
  lintPlatform,
  PlatformInstallPlan,
  PlatformSettings,
  planPlatform,
  planTenants,
  platformMeshConfigs,
  TenantPlan,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantRecord } from './sharedEntries';

/** A platform plan the lint found no error in. */
export interface CheckedPlatformPlan {
  plan: PlatformInstallPlan;
  /** Tenants the plan was made with. */
  tenantCount: number;
  /** The lint's warnings, one line each; errors refuse the plan. */
  warnings: string[];
}

const describeFinding = (f: LintFinding) =>
  `${f.object}: ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`;

/**
 * A tenant spec for a tenant a cluster records only by id and host. Nothing
 * the platform plan or the lint reads depends on the other fields; the plan
 * made from it is never delivered.
 */
export function standInSpec(record: TenantRecord): TenantSpec {
  return {
    tenantId: record.tenantId,
    host: record.host,
    displayName: record.tenantId,
    owner: 'group:default/unknown',
  };
}

/**
 * The specs to plan the Gateway's tenants with: each tenant's record where
 * the cluster keeps one for the same host, else a stand-in (a tenant
 * delivered before records were written, or whose record is broken). The
 * Gateway stays the list of tenants: it is written before the record.
 */
export function specsOfGatewayTenants(
  tenants: TenantRecord[],
  records: TenantSpec[],
): TenantSpec[] {
  const byId = new Map(records.map(r => [r.tenantId, r]));
  return tenants.map(tenant => {
    const record = byId.get(tenant.tenantId);
    return record?.host === tenant.host ? record : standInSpec(tenant);
  });
}

/** Plans the recorded tenants; a record the settings refuse stops the setup. */
function planRecordedTenants(
  tenants: TenantSpec[],
  platform: PlatformSettings,
): TenantPlan[] {
  try {
    return planTenants(tenants, platform).tenants;
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw error;
    }
    throw new InputError(
      `The tenants recorded in the delivery target do not fit the platform settings, so the platform was not set up:\n${error.message
        .split('\n')
        .slice(1)
        .join('\n')}`,
    );
  }
}

/**
 * Plans the platform with the tenants recorded in the delivery target, then
 * lints the platform against those tenants' objects: the ones the target
 * holds when given (they may predate a settings change), else their plans.
 *
 * @throws InputError naming every record the settings refuse, or every lint
 *   error with the `tenantMesh` setting to fix; nothing is written then.
 */
export function checkedPlatformPlan(options: {
  platform: PlatformSettings;
  tenants: TenantSpec[];
  deliveredObjects?: KubernetesObject[];
}): CheckedPlatformPlan {
  const { platform, tenants, deliveredObjects } = options;

  const tenantPlans = planRecordedTenants(tenants, platform);
  const plan = planPlatform(platform, { tenants: tenantPlans });

  const findings = lintPlatform({
    platform,
    platformObjects: plan.objects,
    meshConfigs: platformMeshConfigs(plan),
    tenantObjects: [
      ...(deliveredObjects ?? tenantPlans.flatMap(t => t.objects)),
      ...plan.shared.objects,
    ],
  });
  const errors = findings.filter(f => f.level === 'error');
  if (errors.length > 0) {
    throw new InputError(
      `The platform does not agree with its tenants, so nothing was written:\n${errors
        .map(describeFinding)
        .join('\n')}`,
    );
  }
  return {
    plan,
    tenantCount: tenantPlans.length,
    warnings: findings.map(describeFinding),
  };
}
