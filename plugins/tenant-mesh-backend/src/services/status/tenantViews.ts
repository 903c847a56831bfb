import {
  KubernetesObject,
  LintFinding,
  PlatformSettings,
  planSharedObjectsOf,
  TENANT_LABEL,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { SnapshotRead } from './clusterSnapshots';
import { lintFindingsByTenant } from './lintFindings';
import { RecordedTenant } from './recordedTenants';
import { sharedLookupOf } from './sharedLookup';
import { SharedObjects } from './snapshot';
import { TenantView } from './tenantSections';

/** What every view of one status backend shares. */
export interface ViewContext {
  platform: PlatformSettings;
  /** False when onboarding never writes the oauth2-proxy Secret anywhere. */
  secretsDelivered: boolean;
}

const NO_CLUSTER =
  'No cluster configured: set tenantMesh.status.cluster (or tenantMesh.delivery.cluster, or tenantMesh.delivery.gitops.secretsCluster) to check the live objects.';

/** The shared objects the lint reads, as a list. */
function lintedShared(shared: SharedObjects): KubernetesObject[] {
  return [
    shared.gateway,
    shared.gatewayPolicy,
    ...shared.routeConfigMaps,
  ].filter((o): o is KubernetesObject => o !== undefined);
}

function objectsByTenant(
  objects: KubernetesObject[],
): Map<string, KubernetesObject[]> {
  const byTenant = new Map<string, KubernetesObject[]>();
  for (const object of objects) {
    const tenantId = object.metadata.labels?.[TENANT_LABEL] ?? '';
    const own = byTenant.get(tenantId) ?? [];
    own.push(object);
    byTenant.set(tenantId, own);
  }
  return byTenant;
}

/**
 * The lint of the plans, when the cluster was not read. It depends on the
 * records only, so it is kept per set of records (one per commit).
 */
const plannedLint = new WeakMap<
  readonly RecordedTenant[],
  Map<string, LintFinding[]>
>();

function lintOfPlans(
  tenants: readonly RecordedTenant[],
  platform: PlatformSettings,
): Map<string, LintFinding[]> {
  let findings = plannedLint.get(tenants);
  if (!findings) {
    const plans = tenants.map(t => t.plan);
    findings = lintFindingsByTenant({
      objects: plans.flatMap(p => p.objects),
      shared: planSharedObjectsOf(plans, platform).objects,
      platform,
      lookup: sharedLookupOf(),
      hosts: new Map(plans.map(p => [p.spec.host, p.spec.tenantId])),
    });
    plannedLint.set(tenants, findings);
  }
  return findings;
}

/**
 * The views of recorded tenants from one read of the cluster (or none): the
 * snapshot's objects split by tenant, the shared objects parsed once and the
 * lint run once for all of them, so a list costs what its objects cost.
 */
export function tenantViews(options: {
  tenants: readonly RecordedTenant[];
  read: SnapshotRead;
  context: ViewContext;
}): TenantView[] {
  const { tenants, read, context } = options;
  const { platform } = context;
  const { snapshot } = read;
  const lookup = sharedLookupOf(snapshot?.shared);
  const objects = objectsByTenant(snapshot?.tenantObjects ?? []);
  const findings = snapshot
    ? lintFindingsByTenant({
        objects: snapshot.tenantObjects,
        shared: lintedShared(snapshot.shared),
        platform,
        lookup,
        hosts: new Map(
          tenants.map(t => [t.plan.spec.host, t.plan.spec.tenantId]),
        ),
      })
    : lintOfPlans(tenants, platform);

  return tenants.map(({ plan, manifests }) => ({
    plan,
    platform,
    snapshot,
    objects: objects.get(plan.spec.tenantId) ?? [],
    noClusterReason: read.failure ?? NO_CLUSTER,
    lookup,
    secretsDelivered: context.secretsDelivered,
    manifests,
    lintFindings: findings.get(plan.spec.tenantId) ?? [],
  }));
}
