import { InputError } from '@backstage/errors';
import {
  TENANT_ID_PATTERN,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { GitRepositoryTarget } from '../gitops';
import { parseTenantRecord } from './parseTenantRecord';

/** Name of the file that records a tenant, inside its folder. @public */
export const TENANT_RECORD_FILE = 'tenant.yaml';

const TENANTS_FOLDER = 'tenants';
const tenantIdPattern = new RegExp(TENANT_ID_PATTERN);
const recordPathPattern = new RegExp(
  `^${TENANTS_FOLDER}/([^/]+)/${TENANT_RECORD_FILE.replace('.', '\\.')}$`,
);

/** A record file that could not be read as a tenant. @public */
export interface TenantRecordProblem {
  /** Repository-relative path of the file, e.g. `tenants/acme/tenant.yaml`. */
  path: string;
  /** The tenant id its folder names, which stays taken while the file is broken. */
  tenantId: string;
  /** Why it was skipped, a sentence without the path. */
  message: string;
}

/** Every tenant recorded in a repository, and the records that are broken. @public */
export interface TenantRecords {
  /** The tenants whose records parse, sorted by tenant id. */
  records: TenantSpec[];
  /** One entry per record that does not parse; its tenant is not in `records`. */
  problems: TenantRecordProblem[];
}

/**
 * The repository-relative path of a tenant's record,
 * `tenants/<tenantId>/tenant.yaml`.
 *
 * @throws InputError when the tenant id is not a tenant id, so that a path
 *   built from input can never leave the tenant's folder.
 * @public
 */
export function tenantRecordPath(tenantId: string): string {
  if (!tenantIdPattern.test(tenantId)) {
    throw new InputError(
      `Tenant id ${JSON.stringify(tenantId)} is not a lowercase DNS label`,
    );
  }
  return `${TENANTS_FOLDER}/${tenantId}/${TENANT_RECORD_FILE}`;
}

/**
 * Reads every tenant record committed to the repository
 * (`tenants/<id>/tenant.yaml`). A repository that does not exist yet, or has
 * no commit, holds no tenants.
 *
 * A record that does not parse, or whose tenant id is not the name of its
 * folder, is reported in `problems` instead of failing the whole read: the
 * other tenants stay visible while someone fixes the file.
 *
 * @public
 */
export async function readTenantRecords(
  repository: Pick<GitRepositoryTarget, 'readFiles'>,
  options: { commit?: string } = {},
): Promise<TenantRecords> {
  // Only the record files are read, not every tenant's manifests.
  const files = await repository.readFiles(`${TENANTS_FOLDER}/`, {
    commit: options.commit,
    match: path => recordPathPattern.test(path),
  });
  const reads = files.flatMap(file => {
    const folderId = recordPathPattern.exec(file.path)?.[1];
    // Otherwise a manifest of the tenant, not its record.
    return folderId === undefined ? [] : [checkedRecord(file, folderId)];
  });
  return collectRecords(reads);
}

/** A record read and checked: its spec, or why it cannot be used. */
export type CheckedRecord = { spec: TenantSpec } | TenantRecordProblem;

/** Good records and problems apart, each sorted, from records read one by one. */
export function collectRecords(reads: CheckedRecord[]): TenantRecords {
  const records: TenantSpec[] = [];
  const problems: TenantRecordProblem[] = [];
  for (const read of reads) {
    if ('spec' in read) {
      records.push(read.spec);
    } else {
      problems.push(read);
    }
  }
  records.sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  problems.sort((a, b) => a.path.localeCompare(b.path));
  return { records, problems };
}

/**
 * A record's text checked against the tenant id of where it is kept (its
 * folder, its ConfigMap's label): a problem under that id when it does not
 * parse or records another tenant, so the id stays taken. `where` names the
 * place, e.g. `in the folder of tenant acme`.
 */
export function checkedRecordContent(options: {
  path: string;
  tenantId: string;
  content: string;
  where: string;
}): CheckedRecord {
  const { path, tenantId, content, where } = options;
  const parsed = parseTenantRecord(content);
  if (!parsed.ok) {
    return { path, tenantId, message: parsed.message };
  }
  if (parsed.spec.tenantId !== tenantId) {
    // Two places claiming one id would become one entity, silently.
    return {
      path,
      tenantId,
      message: `records tenant ${parsed.spec.tenantId} ${where}`,
    };
  }
  return { spec: parsed.spec };
}

/**
 * The record of one tenant, reading only its file (from HEAD, or from
 * `commit`): its spec, a problem when the file does not parse or records
 * another tenant, or undefined when there is no record.
 *
 * @throws InputError when the tenant id is not a tenant id.
 * @public
 */
export async function readTenantRecord(
  repository: Pick<GitRepositoryTarget, 'readFile'>,
  tenantId: string,
  options: { commit?: string } = {},
): Promise<CheckedRecord | undefined> {
  const file = await repository.readFile(tenantRecordPath(tenantId), options);
  return file && checkedRecord(file, tenantId);
}

function checkedRecord(
  file: { path: string; content: string },
  folderId: string,
): CheckedRecord {
  return checkedRecordContent({
    ...file,
    tenantId: folderId,
    where: `in the folder of tenant ${folderId}`,
  });
}
