import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  RECORD_LABEL,
  RECORD_LABEL_VALUE,
  TENANT_LABEL,
} from './keys';
import { tenantNames } from './names';
import { tenantSpecSchema } from './tenantSpec';
import { KubernetesObject, PlatformSettings, TenantSpec } from './types';

/** Name of the ConfigMap that records a tenant on the cluster target. @public */
export const TENANT_RECORD_CONFIG_MAP = 'tenant-mesh-record';

/** Key of the record's ConfigMap holding the record, as in a GitOps repository. @public */
export const TENANT_RECORD_KEY = 'tenant.yaml';

/**
 * The text of a tenant's record: its spec with the identity ids, keys
 * sorted, so an unchanged tenant gives unchanged bytes. The GitOps target
 * commits it as `tenants/<id>/tenant.yaml`; the cluster target keeps it in
 * the tenant's record ConfigMap.
 *
 * @throws InputError when `spec` holds a field a tenant spec does not have:
 *   a record is read back as a spec, and must never carry anything else,
 *   such as a secret.
 * @public
 */
export function renderTenantRecord(spec: TenantSpec): string {
  const parsed = tenantSpecSchema.safeParse(spec);
  const unknown = parsed.success
    ? []
    : parsed.error.issues.filter(issue => issue.code === 'unrecognized_keys');
  if (unknown.length > 0) {
    throw new InputError(
      `The record of tenant ${
        spec.tenantId
      } would hold fields that are not part of a tenant spec (${unknown
        .map(issue => issue.message)
        .join('; ')}); remove them before it is written`,
    );
  }
  // Through JSON, so fields set to undefined are left out, not written null.
  return stringify(JSON.parse(JSON.stringify(spec)), { sortMapEntries: true });
}

/**
 * The ConfigMap that records a tenant on the cluster target, in the tenant's
 * namespace: what `tenants/<id>/tenant.yaml` is to a GitOps repository. The
 * cluster keeps no other copy of the spec (the shared Gateway records only
 * id and host), so the catalog and the status read tenants from these.
 *
 * @public
 */
export function planTenantRecordObject(
  spec: TenantSpec,
  platform: PlatformSettings,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: TENANT_RECORD_CONFIG_MAP,
      namespace: tenantNames(spec.tenantId, platform).tenantNamespace,
      labels: {
        [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        [TENANT_LABEL]: spec.tenantId,
        [RECORD_LABEL]: RECORD_LABEL_VALUE,
      },
    },
    data: { [TENANT_RECORD_KEY]: renderTenantRecord(spec) },
  };
}
