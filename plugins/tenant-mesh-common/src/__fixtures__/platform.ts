import { readPlatformSettings } from '../platformSettings';
import { TenantSpec } from '../types';

/** The platform every test uses. */
export const testPlatform = readPlatformSettings({
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
});

/** acme, already provisioned in Cognito. */
export const acmeSpec: TenantSpec = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/platform-team',
  identity: { userPoolId: 'us-east-1_AbCdEf123', clientId: '1example23456789' },
};

/** globex, not provisioned yet. */
export const globexSpec: TenantSpec = {
  tenantId: 'globex',
  displayName: 'Globex',
  host: 'globex.example.com',
  owner: 'group:default/platform-team',
};
