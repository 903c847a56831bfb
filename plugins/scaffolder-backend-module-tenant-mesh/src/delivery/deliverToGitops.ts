import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  PlatformSettings,
  TenantPlan,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantCognito } from '@tenant-mesh/plugin-tenant-mesh-node';
import { deliverTenantSecret } from './deliverToCluster';
import { DeliveryTarget } from './deliveryTarget';
import {
  commitSummary,
  readTenantRecords,
  renderTenantTree,
  SHARED_FOLDER,
  tenantFolder,
} from './gitopsTree';
import { assertHostFree } from './hostOwnership';
import { StepContext } from './stepContext';
import { CookieSecretGenerator } from './tenantSecret';

type GitopsTarget = Extract<DeliveryTarget, { kind: 'gitops' }>;

/** What a GitOps delivery did. */
export interface GitopsDelivery {
  /** The new commit; empty when the repository already held the tenant as planned. */
  commit: string;
  changed: boolean;
  /** Paths the commit added, changed or removed. */
  files: string[];
  secretDelivered: boolean;
}

/**
 * Delivers a planned tenant to a GitOps repository in one commit: its
 * manifests and record below `tenants/<id>/` and the shared files
 * regenerated from all records. The oauth2-proxy Secret never goes into
 * Git: it is written to the secrets cluster when one is configured, and
 * otherwise reported as not delivered.
 *
 * @throws ConflictError when another tenant recorded in the repository holds
 *   the host; nothing is written then.
 */
export async function deliverToGitops(options: {
  step: StepContext;
  delivery: GitopsTarget;
  cognito: TenantCognito;
  plan: TenantPlan;
  record: TenantSpec;
  platform: PlatformSettings;
  generate: CookieSecretGenerator;
  credentials: BackstageCredentials;
}): Promise<GitopsDelivery> {
  const { step, delivery, plan, record, platform } = options;
  const { repository, repositoryPath } = delivery;
  const { tenantId } = plan.spec;

  const written = await step.checkpoint({
    key: `gitops.commit.${tenantId}`,
    fn: async () => {
      await repository.init();
      // Records are read under the repository's lock, so the shared files
      // never miss a tenant another replica committed meanwhile (W4), and
      // a host another onboarding claimed meanwhile is refused before
      // anything is written.
      const result = await repository.update(async () => {
        const records = await readTenantRecords(repository);
        assertHostFree({
          tenant: { tenantId, host: record.host },
          records,
          source: `the GitOps repository ${repositoryPath}`,
        });
        const onboarded = records.some(r => r.tenantId === tenantId);
        return {
          remove: [tenantFolder(tenantId), SHARED_FOLDER],
          files: renderTenantTree({ plan, record, records, platform }),
          message: `${onboarded ? 'Update' : 'Onboard'} tenant ${tenantId}`,
        };
      });
      return commitSummary(result);
    },
  });
  step.logger.info(
    written.changed
      ? `Committed ${written.commit} to ${repositoryPath}, changing ${
          written.files.length
        } file${
          written.files.length === 1 ? '' : 's'
        } of tenant ${tenantId} and the shared configuration.`
      : `The GitOps repository ${repositoryPath} already holds tenant ${tenantId} as planned; nothing was committed.`,
  );

  const { secretRef } = plan;
  if (!delivery.secretsCluster) {
    step.logger.warn(
      `Secret ${secretRef.namespace}/${secretRef.name} was NOT written: secrets never go into Git, and no tenantMesh.delivery.gitops.secretsCluster is configured to receive it. oauth2-proxy of tenant ${tenantId} cannot start until that Secret exists.`,
    );
    return { ...written, secretDelivered: false };
  }

  const target = await delivery.secretsCluster.get({
    credentials: options.credentials,
  });
  const namespace = plan.objects.filter(
    o => o.kind === 'Namespace' && o.metadata.name === secretRef.namespace,
  );
  await step.checkpoint({
    key: `kubernetes.apply.${tenantId}.namespace.${secretRef.namespace}`,
    fn: async () => {
      await target.apply(namespace);
    },
  });
  await deliverTenantSecret({ ...options, target });
  return { ...written, secretDelivered: true };
}
