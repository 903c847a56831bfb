import { relative, sep } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';

const TENANT_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The folder of a tenant's files, `tenants/<id>`. */
export function tenantFolder(tenantId: string): string {
  if (!TENANT_ID.test(tenantId)) {
    throw new InputError(
      `Tenant id ${JSON.stringify(tenantId)} is not a DNS label`,
    );
  }
  return `tenants/${tenantId}`;
}

/**
 * The repository-relative POSIX form of `path` below `base` (itself relative
 * to the repository at `dir`). Throws NotAllowedError for a path that leaves
 * `base` or points into `.git`.
 */
export function repositoryPath(dir: string, base: string, path: string) {
  const baseDir = resolveSafeChildPath(dir, base);
  // Throws NotAllowedError when `path` escapes `base`, also through symlinks.
  const absolute = resolveSafeChildPath(baseDir, path);
  const result = relative(dir, absolute).split(sep).join('/');
  if (absolute === baseDir || result === '') {
    throw new NotAllowedError(`${JSON.stringify(path)} is not a file path`);
  }
  if (result === '.git' || result.startsWith('.git/')) {
    throw new NotAllowedError(`Refusing to write into .git: ${path}`);
  }
  return result;
}
