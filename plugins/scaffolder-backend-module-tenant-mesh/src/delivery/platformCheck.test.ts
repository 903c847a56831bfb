import { TenantSpec } from '@tenant-mesh/plugin-tenant-mesh-common';
import { specsOfGatewayTenants, standInSpec } from './platformCheck';

const acme: TenantSpec = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/customer-success',
  workload: 'none',
  identity: { userPoolId: 'us-east-1_AbCdEf123', clientId: '1example23456789' },
};

describe('specsOfGatewayTenants', () => {
  it('plans a tenant with its record, and one without a record with a stand-in', () => {
    const gateway = [
      { tenantId: 'acme', host: 'acme.example.com' },
      { tenantId: 'globex', host: 'globex.example.com' },
    ];

    expect(specsOfGatewayTenants(gateway, [acme])).toEqual([
      acme,
      standInSpec(gateway[1]),
    ]);
  });

  it('trusts the Gateway over a record of another host', () => {
    const gateway = [{ tenantId: 'acme', host: 'acme.example.org' }];

    expect(specsOfGatewayTenants(gateway, [acme])).toEqual([
      standInSpec(gateway[0]),
    ]);
  });

  it('plans only the tenants the Gateway holds', () => {
    expect(specsOfGatewayTenants([], [acme])).toEqual([]);
  });
});
