import { tenantMeshPermissions, tenantReadPermission } from './permissions';

describe('permissions', () => {
  it('defines the tenant read permission', () => {
    expect(tenantReadPermission).toMatchObject({
      type: 'basic',
      name: 'tenant-mesh.tenant.read',
      attributes: { action: 'read' },
    });
    expect(tenantMeshPermissions).toEqual([tenantReadPermission]);
  });
});
