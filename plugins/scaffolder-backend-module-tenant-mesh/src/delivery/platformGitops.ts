import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import {
  KubernetesObject,
  PLATFORM_FOLDER,
  PlatformInstallPlan,
  PlatformSettings,
  planFiles,
  planPlatformFiles,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitFile,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { parseAllDocuments } from 'yaml';
import { DeliveryTarget } from './deliveryTarget';
import {
  commitSummary,
  compareTree,
  readTenantRecords,
  SHARED_FOLDER,
  tenantFolder,
} from './gitopsTree';
import { assertHostsClaimedOnce } from './hostOwnership';
import { checkedPlatformPlan, CheckedPlatformPlan } from './platformCheck';
import { StepContext } from './stepContext';

type GitopsTarget = Extract<DeliveryTarget, { kind: 'gitops' }>;

/** The folders the platform writes; the tenants' own folders stay as they are. */
const PLATFORM_FOLDERS = [PLATFORM_FOLDER, SHARED_FOLDER];

/** The parent folder of every `tenants/<id>/`. */
const TENANTS_PREFIX = tenantFolder('');

/** What a platform delivery to a GitOps repository did. */
export interface PlatformGitopsDelivery {
  /** The new commit; empty when nothing changed or on a dry run. */
  commit: string;
  changed: boolean;
  /** Paths the commit added, changed or removed (would, on a dry run). */
  files: string[];
  tenantCount: number;
  warnings: string[];
}

/**
 * The files of the platform (`platform/`, with the Istio installer inputs)
 * and the shared files (`shared/`) regenerated from the tenants, exactly as
 * the tenant deliver action writes them.
 */
export function renderPlatformTree(plan: PlatformInstallPlan): GitFile[] {
  const { shared } = plan;
  return [
    ...planPlatformFiles(plan),
    ...planFiles({
      tenants: [],
      shared: shared.objects,
      envoy: shared.envoy,
      extensionProvider: shared.extensionProvider,
    }),
  ];
}

/** The Kubernetes objects of a YAML file; a file that does not parse stops the setup. */
function objectsOf(file: GitFile): KubernetesObject[] {
  return parseAllDocuments(file.content).flatMap(document => {
    if (document.errors.length > 0) {
      throw new InputError(
        `${file.path} in the GitOps repository is not valid YAML, so the platform cannot be checked against it: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS() as Partial<KubernetesObject> | null;
    return value?.apiVersion && value.kind && value.metadata
      ? [value as KubernetesObject]
      : [];
  });
}

/** The tenant records and the tenants' delivered objects; none before the first commit. */
async function readTenants(
  delivery: GitopsTarget,
): Promise<{ records: TenantSpec[]; objects: KubernetesObject[] }> {
  if (!existsSync(join(delivery.repositoryPath, '.git'))) {
    return { records: [], objects: [] };
  }
  const records = await readTenantRecords(delivery.repository);
  const files = await delivery.repository.readFiles(TENANTS_PREFIX);
  return { records, objects: files.flatMap(objectsOf) };
}

/**
 * Reads the tenants, then plans and lints the platform with them.
 *
 * @throws ConflictError when two records claim one host, naming both records.
 */
async function checkPlatform(
  delivery: GitopsTarget,
  platform: PlatformSettings,
): Promise<CheckedPlatformPlan> {
  const { records, objects } = await readTenants(delivery);
  assertHostsClaimedOnce({
    records,
    describeRecord: tenantId => tenantRecordPath(tenantId),
  });
  return checkedPlatformPlan({
    platform,
    tenants: records,
    deliveredObjects: objects,
  });
}

/**
 * Delivers the platform to a GitOps repository in one commit: `platform/`
 * and `shared/` regenerated from every tenant record, checked by the lint
 * against the tenants' delivered manifests first. No commit when the
 * repository already holds it; on a dry run, only reports what would change.
 */
export async function deliverPlatformToGitops(options: {
  step: StepContext;
  delivery: GitopsTarget;
  platform: PlatformSettings;
  dryRun: boolean;
}): Promise<PlatformGitopsDelivery> {
  const { step, delivery, platform, dryRun } = options;
  const { repository, repositoryPath } = delivery;

  if (dryRun) {
    const checked = await checkPlatform(delivery, platform);
    const desired = renderPlatformTree(checked.plan);
    const current = (
      await Promise.all(
        PLATFORM_FOLDERS.map(f => repository.readFiles(`${f}/`)),
      )
    ).flat();
    const difference = compareTree(desired, current, PLATFORM_FOLDERS);
    step.logger.info(
      `Dry run: setting up the platform would add ${difference.added.length} files to ${repositoryPath}, change ${difference.changed.length} and remove ${difference.removed.length}; nothing was written.`,
    );
    return {
      commit: '',
      changed: false,
      files: [
        ...difference.added,
        ...difference.changed,
        ...difference.removed,
      ].sort(),
      tenantCount: checked.tenantCount,
      warnings: checked.warnings,
    };
  }

  const written = await step.checkpoint({
    key: 'gitops.commit.platform',
    fn: async () => {
      await repository.init();
      let checked: Awaited<ReturnType<typeof checkPlatform>> | undefined;
      // Checked and rendered under the repository's lock: the platform's
      // shared files then hold every tenant committed before it.
      const result = await repository.update(async () => {
        checked = await checkPlatform(delivery, platform);
        return {
          remove: PLATFORM_FOLDERS,
          files: renderPlatformTree(checked.plan),
          message: 'Set up the tenant platform',
        };
      });
      if (!checked) {
        throw new Error('The platform check did not run');
      }
      return {
        ...commitSummary(result),
        tenantCount: checked.tenantCount,
        warnings: checked.warnings,
      };
    },
  });
  step.logger.info(
    written.changed
      ? `Committed ${written.commit} to ${repositoryPath}, changing ${
          written.files.length
        } file${
          written.files.length === 1 ? '' : 's'
        } of the platform and the shared configuration of ${
          written.tenantCount
        } tenants.`
      : `The GitOps repository ${repositoryPath} already holds the platform as planned for ${written.tenantCount} tenants; nothing was committed.`,
  );
  return written;
}
