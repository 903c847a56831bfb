import { PlatformSettings } from './types';

/** Longest Kubernetes name or label value (an RFC 1123 label). */
export const MAX_LABEL_LENGTH = 63;

/** Length of the hash suffix of a derived domain prefix (`-` + 8 hex). */
const DOMAIN_PREFIX_SUFFIX = '-xxxxxxxx';

/** The name of every object derived from a tenant id. @public */
export interface TenantNames {
  tenantNamespace: string;
  authNamespace: string;
  /** Deployment, Service, ServiceAccount, ConfigMap, Secret and PDB. */
  oauth2Proxy: string;
  /** The tenant's CUSTOM AuthorizationPolicy in the gateway namespace. */
  extAuthzPolicy: string;
  virtualService: string;
  cognitoPool: string;
  cognitoClient: string;
  /** The tenant's virtual host in the central Envoy. */
  envoyVirtualHost: string;
}

/*
 * One table of templates, so `tenantNames` and `maxTenantIdLength` cannot
 * disagree. `{id}` is the tenant id.
 */
function templates(platform: PlatformSettings): TenantNames {
  return {
    tenantNamespace: platform.namespaces.tenant,
    authNamespace: platform.namespaces.auth,
    oauth2Proxy: 'oauth2-proxy-{id}',
    extAuthzPolicy: 'ext-authz-{id}',
    virtualService: 'tenant-{id}',
    cognitoPool: 'tenant-mesh-{id}',
    cognitoClient: 'tenant-mesh-{id}-oauth2-proxy',
    envoyVirtualHost: '{id}',
  };
}

/** Kubernetes names and label values; all must be ≤ 63 characters. */
const KUBERNETES_NAMES: Array<keyof TenantNames> = [
  'tenantNamespace',
  'authNamespace',
  'oauth2Proxy',
  'extAuthzPolicy',
  'virtualService',
];

function fill(template: string, tenantId: string): string {
  return template.split('{id}').join(tenantId);
}

/**
 * Every name derived from a tenant id.
 *
 * @public
 */
export function tenantNames(
  tenantId: string,
  platform: PlatformSettings,
): TenantNames {
  const all = templates(platform);
  const names = {} as TenantNames;
  for (const key of Object.keys(all) as Array<keyof TenantNames>) {
    names[key] = fill(all[key], tenantId);
  }
  return names;
}

/**
 * The longest tenant id for which every derived Kubernetes name and label
 * value fits 63 characters and the derived hosted-UI domain prefix
 * (`<id>-<8 hex>`) fits Cognito's 63 (case B25). With the default namespace
 * patterns the binding name is `oauth2-proxy-<id>` (13 characters around the
 * id), so the limit is **50**.
 *
 * @public
 */
export function maxTenantIdLength(platform: PlatformSettings): number {
  const all = templates(platform);
  const budgets = [
    ...KUBERNETES_NAMES.map(key => all[key]),
    `{id}${DOMAIN_PREFIX_SUFFIX}`,
  ].map(template => {
    const uses = template.split('{id}').length - 1;
    const fixed = fill(template, '').length;
    return Math.floor((MAX_LABEL_LENGTH - fixed) / uses);
  });
  return Math.min(...budgets);
}
