import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_HOST,
  ANNOTATION_TENANT_ID,
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** The `tenantMesh` config every test uses; the Cognito endpoint is added per test. */
export const platformConfig = {
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
};

/** The platform, optionally against a cognito-local endpoint. */
export function testPlatform(endpoint?: string): PlatformSettings {
  return readPlatformSettings({
    ...platformConfig,
    cognito: { ...platformConfig.cognito, ...(endpoint ? { endpoint } : {}) },
  });
}

/** The tenant fields of acme, as a template passes them. */
export const acmeInput = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/platform-team',
};

/** A tenant as the catalog holds it. */
export function tenantEntity(tenantId: string, host: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tenantId,
      annotations: {
        [ANNOTATION_TENANT_ID]: tenantId,
        [ANNOTATION_HOST]: host,
      },
    },
    spec: { type: 'tenant', owner: 'group:default/platform-team' },
  };
}
