import { NotAllowedError } from '@backstage/errors';
import {
  PlatformSettings,
  TlsCredentialRef,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  describeRef,
  KubernetesTarget,
  readClusterTenantRecords,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { gatewayRef } from '../actions/existingTenants';
import {
  readObject,
  recordedTenants,
  sharedObjectUpdatesFor,
  TENANTS_ANNOTATION,
} from './clusterSharedObjects';
import { keyOf, stubOf } from './deliverToCluster';
import { assertHostsClaimedOnce } from './hostOwnership';
import { checkedPlatformPlan, specsOfGatewayTenants } from './platformCheck';
import { StepContext } from './stepContext';

/** What a platform delivery to a cluster did. */
export interface PlatformClusterDelivery {
  /** Objects applied, then shared objects, as `Kind namespace/name`; none on a dry run. */
  applied: string[];
  /** Whether the gateway's TLS Secret exists; undefined when the cluster does not let us read it. */
  tlsCredentialFound?: boolean;
  tenantCount: number;
  warnings: string[];
}

/**
 * Whether the gateway's TLS Secret exists. Only its presence is used; a
 * cluster that refuses the read gives undefined, since the Secret is the
 * platform team's and the setup does not depend on it.
 */
async function secretExists(
  target: KubernetesTarget,
  tls: TlsCredentialRef,
): Promise<boolean | undefined> {
  try {
    const secret = await readObject(target, {
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: tls.namespace,
      name: tls.name,
    });
    return secret !== undefined;
  } catch (error) {
    if (error instanceof NotAllowedError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Delivers the platform to a cluster: plans it with the tenants the shared
 * Gateway records (with their record ConfigMaps' specs) and lints it, refuses before the first write any object
 * Tenant Mesh does not manage, server-side applies the platform's objects,
 * then brings each shared object up to date the way the tenant deliver does.
 * Never writes the TLS Secret nor the Istio installer inputs. On a dry run,
 * only reads.
 */
export async function deliverPlatformToCluster(options: {
  step: StepContext;
  target: KubernetesTarget;
  platform: PlatformSettings;
  dryRun: boolean;
}): Promise<PlatformClusterDelivery> {
  const { step, target, platform, dryRun } = options;

  const gateway = gatewayRef(platform);
  const tenants = recordedTenants(await readObject(target, gateway));
  assertHostsClaimedOnce({
    records: tenants,
    describeRecord: tenantId =>
      `entry ${tenantId} of the ${TENANTS_ANNOTATION} annotation of ${describeRef(
        gateway,
      )}`,
  });
  // The records give the tenants' full specs (identity, workload) to plan
  // with; a broken record only falls back to a stand-in, as the Gateway
  // already holds what the shared objects need.
  const { records } = await readClusterTenantRecords(target.reader());
  const { plan, tenantCount, warnings } = checkedPlatformPlan({
    platform,
    tenants: specsOfGatewayTenants(tenants, records),
  });
  const shared = sharedObjectUpdatesFor({ tenants, platform });
  const tlsCredentialFound = await secretExists(target, plan.tlsCredential);

  if (dryRun) {
    step.logger.info(
      `Dry run: setting up the platform would apply ${plan.objects.length} objects to ${target.server} and bring ${shared.length} shared objects up to date for ${tenantCount} tenants; nothing was written.`,
    );
    return { applied: [], tlsCredentialFound, tenantCount, warnings };
  }

  await target.preflight([...plan.objects, ...shared.map(s => stubOf(s.ref))]);

  const applied = await step.checkpoint({
    key: 'kubernetes.apply.platform',
    fn: async () => {
      const results = await target.apply(plan.objects);
      const count = (action: string) =>
        results.filter(r => r.action === action).length;
      step.logger.info(
        `Applied ${results.length} objects of the platform to ${
          target.server
        }: ${count('created')} created, ${count('configured')} changed, ${count(
          'unchanged',
        )} unchanged.`,
      );
      return results.map(r => describeRef(r.ref));
    },
  });

  const sharedRefs: string[] = [];
  for (const update of shared) {
    const { changed } = await step.checkpoint({
      key: `kubernetes.shared.platform.${keyOf(update.ref)}`,
      fn: async () => {
        const result = await target.updateShared(update.ref, update.mutate);
        return { changed: result.changed };
      },
    });
    step.logger.info(
      `Shared ${describeRef(update.ref)} ${
        changed ? 'was updated' : 'was already up to date'
      } for ${tenantCount} tenants.`,
    );
    sharedRefs.push(describeRef(update.ref));
  }

  return {
    applied: [...applied, ...sharedRefs],
    tlsCredentialFound,
    tenantCount,
    warnings,
  };
}
