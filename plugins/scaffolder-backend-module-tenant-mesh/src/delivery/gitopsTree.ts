import { InputError } from '@backstage/errors';
import {
  PlatformSettings,
  planFiles,
  renderTenantRecord,
  TenantPlan,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitFile,
  GitRepositoryTarget,
  GitWriteResult,
  readTenantRecords as readRecords,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { planSharedFor } from './sharedEntries';

/** Folder of the files several tenants share. */
export const SHARED_FOLDER = 'shared';

/** The folder of a tenant in the repository. */
export const tenantFolder = (tenantId: string) => `tenants/${tenantId}`;

/**
 * Every tenant recorded in the repository. Shared files are regenerated from
 * all records, so a record that cannot be read stops the onboarding rather
 * than silently dropping that tenant's routes.
 *
 * @throws InputError naming every record that is not a tenant spec.
 */
export async function readTenantRecords(
  repository: GitRepositoryTarget,
): Promise<TenantSpec[]> {
  const { records, problems } = await readRecords(repository);
  if (problems.length > 0) {
    throw new InputError(
      `The GitOps repository holds tenant records that cannot be read: ${problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return records;
}

/**
 * The files of a tenant and the shared files, as the repository should hold
 * them: the tenant's manifests and its record below `tenants/<id>/`, and the
 * shared objects regenerated from all records with this tenant's replaced.
 * The record holds ids, never a secret.
 */
export function renderTenantTree(options: {
  plan: TenantPlan;
  record: TenantSpec;
  records: TenantSpec[];
  platform: PlatformSettings;
}): GitFile[] {
  const { plan, record, platform } = options;
  const tenantId = plan.spec.tenantId;
  const all = [
    ...options.records.filter(r => r.tenantId !== tenantId),
    record,
  ].map(r => ({ tenantId: r.tenantId, host: r.host }));
  const shared = planSharedFor(all, platform);

  const files = planFiles({
    tenants: [plan],
    shared: shared.objects,
    envoy: shared.envoy,
    extensionProvider: shared.extensionProvider,
  });
  files.push({
    path: tenantRecordPath(tenantId),
    content: renderTenantRecord(record),
  });
  return files;
}

/** Paths that would be added, changed and removed. */
export interface TreeDifference {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Compares desired files with those below the same folders in the repository. */
export function compareTree(
  desired: GitFile[],
  current: GitFile[],
  folders: string[],
): TreeDifference {
  const inScope = (path: string) => folders.some(f => path.startsWith(`${f}/`));
  const now = new Map(
    current.filter(f => inScope(f.path)).map(f => [f.path, f.content]),
  );
  const wanted = new Set(desired.map(f => f.path));
  return {
    added: desired.filter(f => !now.has(f.path)).map(f => f.path),
    changed: desired
      .filter(f => now.has(f.path) && now.get(f.path) !== f.content)
      .map(f => f.path),
    removed: [...now.keys()].filter(p => !wanted.has(p)),
  };
}

/** A tenant spec without undefined fields, as written to its record. */
export function toRecord(spec: TenantSpec): TenantSpec {
  return JSON.parse(JSON.stringify(spec));
}

/** What a commit did, as the deliver actions output it; holds no content. */
export function commitSummary(result: GitWriteResult): {
  commit: string;
  changed: boolean;
  files: string[];
} {
  return {
    commit: result.commit ?? '',
    changed: result.changed,
    files: [...result.added, ...result.modified, ...result.removed].sort(),
  };
}
