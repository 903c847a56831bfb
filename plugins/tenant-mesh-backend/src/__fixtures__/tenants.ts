import { ResourceEntity } from '@backstage/catalog-model';
import {
  ANNOTATION_HOST,
  ANNOTATION_TENANT_ID,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** The `tenantMesh` block of app-config.yaml, trimmed to what is required. */
export const platformConfig = {
  baseDomains: ['example.com', 'example.org'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
};

/** acme's entity, as the catalog module registers it. */
export const acmeEntity: ResourceEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'acme',
    namespace: 'default',
    title: 'Acme Corporation',
    annotations: {
      [ANNOTATION_TENANT_ID]: 'acme',
      [ANNOTATION_HOST]: 'acme.example.com',
    },
  },
  spec: {
    type: 'tenant',
    owner: 'group:default/customer-success',
    system: 'tenant-platform',
  },
};

/** A database called initech: same name, but not a tenant. */
export const initechDatabase: ResourceEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'initech', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/data' },
};

/** globex's record in the GitOps repository, before its entity appears. */
export const globexRecordYaml = `tenantId: globex
displayName: Globex
host: globex.example.com
owner: group:default/customer-success
`;
