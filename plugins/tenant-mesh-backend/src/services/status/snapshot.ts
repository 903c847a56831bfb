import {
  GATEWAY_AUTHZ_POLICY,
  KubernetesObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  PlatformSettings,
  TENANT_LABEL,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { KubernetesReader } from '@tenant-mesh/plugin-tenant-mesh-node';

/** The shared objects a tenant's routing depends on. */
export interface SharedObjects {
  gateway?: KubernetesObject;
  gatewayPolicy?: KubernetesObject;
  /** The central Envoy's route ConfigMaps (index and shards). */
  routeConfigMaps: KubernetesObject[];
  envoyDeployment?: KubernetesObject;
  /** The ConfigMap istiod reads its meshConfig from (key `mesh`). */
  meshConfig?: KubernetesObject;
}

/** Where istiod keeps its meshConfig: `istio-system/istio` unless configured. */
export interface ConfigMapRef {
  namespace: string;
  name: string;
}

/**
 * What one set of reads found: objects labelled for tenants (one tenant's,
 * or every tenant's) and the shared objects. Plain JSON, so it can be
 * cached; Secrets carry their key names only.
 */
export interface ClusterSnapshot {
  tenantObjects: KubernetesObject[];
  shared: SharedObjects;
  readAt: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Drops what must never be cached or shown: Secret values (only the key
 * names stay, as `dataKeys`), the last-applied annotation (which may hold
 * a whole Secret) and managedFields (noise).
 */
export function sanitize(object: KubernetesObject): KubernetesObject {
  const { managedFields: _managed, annotations, ...metadata } = object.metadata;
  const { [LAST_APPLIED]: _lastApplied, ...kept } = (annotations ??
    {}) as Record<string, string>;
  const clean: KubernetesObject = {
    ...object,
    metadata: {
      ...metadata,
      ...(annotations ? { annotations: kept } : {}),
    },
  };
  if (object.kind === 'Secret') {
    const { data, stringData, ...rest } = clean;
    return {
      ...rest,
      dataKeys: [
        ...Object.keys((data ?? {}) as object),
        ...Object.keys((stringData ?? {}) as object),
      ].sort(),
    };
  }
  return clean;
}

/** The kinds to list: those of the plans, and the pods and Secret. */
export function kindsOf(
  plans: TenantPlan[],
): Array<{ apiVersion: string; kind: string }> {
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  const add = (apiVersion: string, kind: string) =>
    kinds.set(`${apiVersion}/${kind}`, { apiVersion, kind });
  for (const plan of plans) {
    for (const object of plan.objects) {
      add(object.apiVersion, object.kind);
    }
  }
  add('v1', 'Pod');
  add('v1', 'Secret');
  return [...kinds.values()].sort((a, b) =>
    `${a.apiVersion}/${a.kind}`.localeCompare(`${b.apiVersion}/${b.kind}`),
  );
}

async function readShared(
  reader: KubernetesReader,
  platform: PlatformSettings,
  meshConfigMap: ConfigMapRef,
): Promise<SharedObjects> {
  const { gateway, envoy } = platform;
  const [
    gatewayObject,
    gatewayPolicy,
    routeConfigMaps,
    envoyDeployment,
    meshConfig,
  ] = await Promise.all([
    reader.get({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      namespace: gateway.namespace,
      name: gateway.name,
    }),
    reader.get({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      namespace: gateway.namespace,
      name: GATEWAY_AUTHZ_POLICY,
    }),
    reader.list({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: envoy.namespace,
      labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
    }),
    reader.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: envoy.namespace,
      name: envoy.name,
    }),
    reader.get({ apiVersion: 'v1', kind: 'ConfigMap', ...meshConfigMap }),
  ]);
  return {
    gateway: gatewayObject && sanitize(gatewayObject),
    gatewayPolicy: gatewayPolicy && sanitize(gatewayPolicy),
    routeConfigMaps: routeConfigMaps.map(sanitize),
    envoyDeployment: envoyDeployment && sanitize(envoyDeployment),
    meshConfig: meshConfig && sanitize(meshConfig),
  };
}

/**
 * One fixed set of parallel reads: a list per kind with a label selector,
 * plus five reads of shared objects. The number of requests depends on the
 * kinds, never on the number of tenants: `tenantId` narrows the lists to one
 * tenant, without it they cover every tenant at once.
 */
export async function readSnapshot(options: {
  reader: KubernetesReader;
  platform: PlatformSettings;
  kinds: Array<{ apiVersion: string; kind: string }>;
  tenantId?: string;
  meshConfigMap: ConfigMapRef;
}): Promise<ClusterSnapshot> {
  const { reader, platform, kinds, tenantId, meshConfigMap } = options;
  const labelSelector = tenantId ? `${TENANT_LABEL}=${tenantId}` : TENANT_LABEL;
  const [lists, shared] = await Promise.all([
    Promise.all(kinds.map(kind => reader.list({ ...kind, labelSelector }))),
    readShared(reader, platform, meshConfigMap),
  ]);
  return {
    tenantObjects: lists.flat().map(sanitize),
    shared,
    readAt: new Date().toISOString(),
  };
}
