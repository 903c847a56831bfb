/** Annotation and label keys shared by every Tenant Mesh package. */

/** Label on every object Tenant Mesh manages; its value is always `tenant-mesh`. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'tenant-mesh';
/** Label carrying the tenant id on every per-tenant object. */
export const TENANT_LABEL = 'tenant-mesh.io/tenant';
/**
 * Label marking the ConfigMap that records a tenant on the cluster target;
 * its value is always `true`.
 */
export const RECORD_LABEL = 'tenant-mesh.io/record';
export const RECORD_LABEL_VALUE = 'true';
/** The Kubernetes plugin finds a tenant's workloads by this label (value: tenant id). */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
/** Field manager of every server-side apply. */
export const FIELD_MANAGER = 'tenant-mesh';

/** Annotations on the tenant's catalog entity. */
export const ANNOTATION_TENANT_ID = 'tenant-mesh.io/tenant-id';
export const ANNOTATION_HOST = 'tenant-mesh.io/host';
export const ANNOTATION_USER_POOL_ID = 'tenant-mesh.io/user-pool-id';
export const ANNOTATION_CLIENT_ID = 'tenant-mesh.io/client-id';
export const ANNOTATION_REGION = 'tenant-mesh.io/region';
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/** Tag on the Cognito user pool that finds it again by tenant id. */
export const COGNITO_TENANT_TAG = 'tenant-mesh:tenant-id';

/**
 * Events topic published when a tenant's delivery record changed, so the catalog's tenant entity
 * provider refreshes at once instead of at its next scheduled run.
 */
export const TENANTS_CHANGED_TOPIC = 'tenant-mesh.tenants.changed';
