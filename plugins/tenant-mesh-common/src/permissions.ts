import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read a tenant's plan and status.
 *
 * @public
 */
export const tenantReadPermission = createPermission({
  name: 'tenant-mesh.tenant.read',
  attributes: { action: 'read' },
});

/** Every permission of Tenant Mesh, for the permissions registry. @public */
export const tenantMeshPermissions = [tenantReadPermission];
