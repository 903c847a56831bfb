import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ResourceEntity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CLIENT_ID,
  ANNOTATION_HOST,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_REGION,
  ANNOTATION_TENANT_ID,
  ANNOTATION_USER_POOL_ID,
  canonicalHost,
  PlatformSettings,
  TENANT_RECORD_CONFIG_MAP,
  TenantSpec,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { tenantRecordPath } from '@tenant-mesh/plugin-tenant-mesh-node';

/**
 * Location type of the tenant entities. The catalog reads nothing through
 * it; it tells a reader of the entity which file the tenant comes from.
 *
 * @public
 */
export const TENANT_LOCATION_TYPE = 'tenant-mesh';

/** `spec.type` of a tenant's Resource. @public */
export const TENANT_ENTITY_TYPE = 'tenant';

/** The System every tenant is part of (examples/platform.yaml). @public */
export const TENANT_SYSTEM = 'tenant-platform';

/**
 * The location ref of a tenant's record,
 * `tenant-mesh:<repository>/tenants/<id>/tenant.yaml`.
 *
 * @public
 */
export function tenantLocationRef(
  repositoryPath: string,
  tenantId: string,
): string {
  const root = repositoryPath.replace(/\/+$/, '');
  return `${TENANT_LOCATION_TYPE}:${root}/${tenantRecordPath(tenantId)}`;
}

/**
 * The location ref of a tenant's record on the cluster target, its
 * ConfigMap: `tenant-mesh:configmap/<tenant namespace>/tenant-mesh-record`.
 *
 * @public
 */
export function tenantClusterLocationRef(
  tenantId: string,
  platform: PlatformSettings,
): string {
  const namespace = tenantNames(tenantId, platform).tenantNamespace;
  return `${TENANT_LOCATION_TYPE}:configmap/${namespace}/${TENANT_RECORD_CONFIG_MAP}`;
}

/**
 * The catalog entity of one tenant: a Resource of type `tenant` in the
 * tenant platform System, with the annotations the Kubernetes plugin and
 * Tenant Mesh's own cards look up. It carries ids only; the record it is
 * built from never holds a secret.
 *
 * @param spec - The tenant's record.
 * @param platform - The platform settings, for the namespace and region.
 * @param record - The GitOps repository the record was read from, or the
 *   location ref of a record kept elsewhere (tenantClusterLocationRef).
 * @public
 */
export function tenantToEntity(
  spec: TenantSpec,
  platform: PlatformSettings,
  record: string | { locationRef: string },
): ResourceEntity {
  const { tenantId, identity } = spec;
  const host = canonicalHost(spec.host);
  const location =
    typeof record === 'string'
      ? tenantLocationRef(record, tenantId)
      : record.locationRef;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tenantId,
      title: spec.displayName.trim(),
      description: `Tenant onboarded by Tenant Mesh, served at ${host}`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_TENANT_ID]: tenantId,
        [ANNOTATION_HOST]: host,
        [ANNOTATION_REGION]: platform.cognito.region,
        ...(identity
          ? {
              [ANNOTATION_USER_POOL_ID]: identity.userPoolId,
              [ANNOTATION_CLIENT_ID]: identity.clientId,
            }
          : {}),
        [ANNOTATION_KUBERNETES_ID]: tenantId,
        [ANNOTATION_KUBERNETES_NAMESPACE]: tenantNames(tenantId, platform)
          .tenantNamespace,
      },
      links: [{ url: `https://${host}/`, title: 'Tenant site' }],
    },
    spec: {
      type: TENANT_ENTITY_TYPE,
      owner: spec.owner,
      system: TENANT_SYSTEM,
      dependsOn: [],
    },
  };
}
