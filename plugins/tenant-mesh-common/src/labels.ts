import {
  KUBERNETES_ID_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  TENANT_LABEL,
} from './keys';

/** Value of `app.kubernetes.io/part-of` on every object. */
export const PART_OF_VALUE = 'tenant-mesh';

/**
 * Labels of every per-tenant object: who manages it, whose it is, and the
 * id the Kubernetes plugin finds the tenant's workloads by.
 *
 * @public
 */
export function tenantLabels(
  tenantId: string,
  component: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/component': component,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    'app.kubernetes.io/part-of': PART_OF_VALUE,
    [KUBERNETES_ID_LABEL]: tenantId,
    [TENANT_LABEL]: tenantId,
  };
}

/** Labels of objects several tenants share. @public */
export function sharedLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/component': component,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    'app.kubernetes.io/part-of': PART_OF_VALUE,
  };
}
