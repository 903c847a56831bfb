import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Lets the request through when the permission policy allows the caller
 * this permission.
 *
 * @throws NotAllowedError (403) otherwise.
 */
export async function requirePermission(options: {
  permissions: PermissionsService;
  permission: BasicPermission;
  credentials: BackstageCredentials;
}): Promise<void> {
  const { permissions, permission, credentials } = options;
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}
