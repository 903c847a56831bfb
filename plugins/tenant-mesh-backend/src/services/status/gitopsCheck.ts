import {
  StatusCheck,
  TenantPlan,
  tenantFiles,
  TenantRecordRef,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { gitBlobId } from '@tenant-mesh/plugin-tenant-mesh-node';
import { RERUN } from './remedies';

/** A tenant folder as committed: path → blob id. */
export type CommittedFiles = ReadonlyMap<string, string>;

/** How many file names a reason lists before it counts the rest. */
const NAMED = 3;

function named(paths: string[], what: string): string | undefined {
  if (paths.length === 0) {
    return undefined;
  }
  const names = paths.slice(0, NAMED).map(p => p.split('/').pop());
  const more = paths.length > NAMED ? ` and ${paths.length - NAMED} more` : '';
  return `${what} ${names.join(', ')}${more}`;
}

/**
 * Whether the GitOps repository holds the tenant's manifests as the plan
 * renders them now, compared by blob id so no file is read. What the
 * cluster's GitOps sync applies is the repository, not the plan: a
 * difference means the cluster will not get what the status compares with.
 */
export function gitopsManifestsCheck(options: {
  plan: TenantPlan;
  record: TenantRecordRef;
  files: CommittedFiles;
}): StatusCheck {
  const { plan, record, files } = options;
  const folder = `tenants/${plan.spec.tenantId}/`;
  const base = {
    id: 'gitops-manifests',
    title: `Manifests in the GitOps repository (${folder})`,
  };

  const planned = tenantFiles(plan);
  const plannedPaths = new Set(planned.map(f => f.path));
  const missing = planned.filter(f => !files.has(f.path)).map(f => f.path);
  const changed = planned
    .filter(
      f => files.has(f.path) && files.get(f.path) !== gitBlobId(f.content),
    )
    .map(f => f.path);
  const extra = [...files.keys()].filter(
    p => p !== record.path && !plannedPaths.has(p),
  );

  const differences = [
    named(changed, 'changed:'),
    named(missing, 'missing:'),
    named(extra, 'no longer planned:'),
  ].filter((d): d is string => d !== undefined);
  if (differences.length === 0) {
    return {
      ...base,
      state: 'ok',
      reason: `${folder} holds the ${planned.length} manifests of the plan.`,
    };
  }
  return {
    ...base,
    state: 'warning',
    reason: `${folder} differs from the plan (${differences.join(
      '; ',
    )}), so the GitOps sync applies something else than what is checked here; the platform settings may have changed since the tenant was delivered: ${RERUN}.`,
  };
}
