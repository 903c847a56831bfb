import { InputError } from '@backstage/errors';
import {
  KubernetesObject,
  RECORD_LABEL,
  RECORD_LABEL_VALUE,
  TENANT_ID_PATTERN,
  TENANT_LABEL,
  TENANT_RECORD_KEY,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { describeRef, KubernetesReader, refOf } from '../kubernetes';
import {
  CheckedRecord,
  checkedRecordContent,
  collectRecords,
  TenantRecords,
} from './tenantRecords';

/** The record ConfigMaps, across all namespaces: those with the record label. */
const RECORD_SELECTOR = `${RECORD_LABEL}=${RECORD_LABEL_VALUE},${TENANT_LABEL}`;

type RecordReader = Pick<KubernetesReader, 'list'>;

const tenantIdPattern = new RegExp(TENANT_ID_PATTERN);

/**
 * Reads the record of one ConfigMap, labelled with its tenant's id. A record
 * that does not parse, or records another tenant than its label names, is
 * a problem under the label's id, so that id stays taken.
 */
function checkedClusterRecord(configMap: KubernetesObject): CheckedRecord {
  const path = describeRef(refOf(configMap));
  const labelId = configMap.metadata.labels?.[TENANT_LABEL] ?? '';
  const content = (configMap.data as Record<string, string> | undefined)?.[
    TENANT_RECORD_KEY
  ];
  if (content === undefined) {
    return {
      path,
      tenantId: labelId,
      message: `has no ${TENANT_RECORD_KEY} key`,
    };
  }
  return checkedRecordContent({
    path,
    tenantId: labelId,
    content,
    where: `under the ${TENANT_LABEL} label of tenant ${labelId}`,
  });
}

/**
 * Every tenant recorded on a cluster (the cluster target's record
 * ConfigMaps, `tenant-mesh-record` in each tenant namespace), from one list
 * across all namespaces whatever the number of tenants.
 *
 * As with readTenantRecords, a record that does not parse, or whose tenant
 * id is not its `tenant-mesh.io/tenant` label, is reported in `problems`
 * with `path` = `ConfigMap <namespace>/<name>`; so is every copy of a tenant
 * recorded twice, since neither can be trusted over the other.
 *
 * @throws the Backstage error of the API server's answer.
 * @public
 */
export async function readClusterTenantRecords(
  reader: RecordReader,
): Promise<TenantRecords> {
  const configMaps = await reader.list({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    labelSelector: RECORD_SELECTOR,
  });

  const byTenant = new Map<string, KubernetesObject[]>();
  for (const configMap of configMaps) {
    const tenantId = configMap.metadata.labels?.[TENANT_LABEL] ?? '';
    byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), configMap]);
  }

  const reads = [...byTenant].flatMap(([tenantId, copies]): CheckedRecord[] => {
    if (copies.length === 1) {
      return [checkedClusterRecord(copies[0])];
    }
    const paths = copies.map(c => describeRef(refOf(c))).sort();
    return paths.map(path => ({
      path,
      tenantId,
      message: `tenant ${tenantId} is recorded more than once (${paths.join(
        ', ',
      )}); delete the copies outside its tenant namespace`,
    }));
  });
  return collectRecords(reads);
}

/**
 * The record of one tenant on a cluster, listing only the ConfigMaps
 * labelled with its id: its spec, a problem (as readClusterTenantRecords
 * reports it), or undefined when the cluster holds no record of it.
 *
 * @throws InputError when the tenant id is not a tenant id, so that input
 *   can never widen the label selector; else the Backstage error of the API
 *   server's answer.
 * @public
 */
export async function readClusterTenantRecord(
  reader: RecordReader,
  tenantId: string,
): Promise<CheckedRecord | undefined> {
  if (!tenantIdPattern.test(tenantId)) {
    throw new InputError(
      `Tenant id ${JSON.stringify(tenantId)} is not a lowercase DNS label`,
    );
  }
  const configMaps = await reader.list({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    labelSelector: `${RECORD_LABEL}=${RECORD_LABEL_VALUE},${TENANT_LABEL}=${tenantId}`,
  });
  if (configMaps.length === 0) {
    return undefined;
  }
  const { records, problems } = await readClusterTenantRecords({
    list: async () => configMaps,
  });
  return records.length > 0 ? { spec: records[0] } : problems[0];
}
