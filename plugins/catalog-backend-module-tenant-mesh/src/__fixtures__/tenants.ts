import {
  readPlatformSettings,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** The `tenantMesh` platform block of app-config.yaml, trimmed to what is required. */
export const platformConfig = {
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
};

export const testPlatform = readPlatformSettings(platformConfig);

/** acme as Create Tenant records it before Cognito ran. */
export const acmeRecord: TenantSpec = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/customer-success',
  mfa: 'optional',
  workload: 'bookinfo',
};

export const acmeIdentity = {
  userPoolId: 'us-east-1_AcMe12345',
  clientId: '5acme0client0id0example',
};

export const globexRecord: TenantSpec = {
  tenantId: 'globex',
  displayName: 'Globex',
  host: 'globex.example.com',
  owner: 'group:default/customer-success',
  identity: {
    userPoolId: 'us-east-1_GlObEx678',
    clientId: '7globex0client0id0example',
  },
};
