import { assertOneTenantPerHost } from './gateway';
import { fnv1a64 } from './hash';
import {
  DFP_CLUSTER,
  DFP_FILTER,
  ENVOY_BOOTSTRAP_FILE,
  ENVOY_CONFIG_ROOT,
  ENVOY_ROUTE_SHARDS,
  indexDir,
  planEnvoyBootstrap,
  ROUTES_FILE,
  shardDir,
  shardName,
  TYPE,
} from './envoyBootstrap';
import { sharedLabels } from './labels';
import { EnvoyTenantRoute, KubernetesObject, PlatformSettings } from './types';

/*
 * The central Envoy routes each ext-authz check by its Host to the tenant's
 * oauth2-proxy. Its bootstrap is fixed; the tenants live in route files that
 * Envoy watches (RDS from `path_config_source` with `watched_directory`), so
 * a ConfigMap update reloads them without a restart or an image build (W5).
 *
 * Size. A tenant's full virtual host (dynamic forward proxy rewrite to its
 * oauth2-proxy, X-Forwarded-Host) takes 509 bytes of compact JSON for an id
 * like `tenant-0042` and 704 bytes for a 50-character id, so 5,000 tenants
 * (2.5 to 3.5 MB) do not fit one ConfigMap (1 MiB). The routes therefore
 * have two levels:
 *  - the index: one virtual host per shard whose `domains` list the exact
 *    hosts of that shard's tenants, about 20 bytes plus the host per tenant
 *    (measured for 5,000 tenants: 131 kB with `tenant-NNNN.example.com`,
 *    326 kB with 50-character ids);
 *  - ENVOY_ROUTE_SHARDS shard files, the shard chosen by a hash of the
 *    tenant id; each is an internal listener with its own RDS file holding
 *    the full virtual hosts (5,000 tenants: at most 319 kB resp. 442 kB per
 *    shard). The shards cap the total at roughly 11,000 tenants.
 * The bootstrap does not depend on the tenants, so it never changes when one
 * is onboarded. Neither level has a catch-all virtual host: an unknown Host
 * gets Envoy's 404, which the gateway treats as a deny (B13). Envoy refuses
 * a host listed twice, so two tenants on one host are refused here first.
 */

/** The planned Envoy configuration. @public */
export interface EnvoyConfigPlan {
  bootstrap: object;
  /** The index: exact hosts → shard. */
  routeConfiguration: object;
  shardRouteConfigurations: object[];
  /**
   * The route files as Envoy reads them (file-based xDS responses): the index
   * first, then the shards.
   */
  routeFiles: object[];
  /** ConfigMaps in the Envoy namespace, with their mount paths. */
  objects: KubernetesObject[];
  mounts: Array<{ configMap: string; mountPath: string }>;
}

/** The shard of a tenant: stable, from its id alone. @public */
export function envoyShardOf(tenantId: string): number {
  // The low bits of the whole 64-bit hash spread similar ids evenly; the
  // high word alone did not (measured).
  const hash = BigInt(`0x${fnv1a64(tenantId)}`);
  return Number(hash % BigInt(ENVOY_ROUTE_SHARDS));
}

/** The index ConfigMap of the central Envoy named `envoyName`. */
const indexConfigMap = (envoyName: string) => `${envoyName}-routes`;

/** The ConfigMap of one shard's route file. */
const shardConfigMap = (envoyName: string, shard: number) =>
  `${envoyName}-routes-${shard}`;

/** Where the central Envoy's plan routes a tenant's host. @public */
export interface EnvoyRouteRefs {
  /** The index ConfigMap, which must send the host to `shardCluster`. */
  indexConfigMap: string;
  shard: number;
  /** The cluster (internal listener) of the shard, as the index names it. */
  shardCluster: string;
  /** The shard's ConfigMap, which must rewrite the host to the upstream. */
  shardConfigMap: string;
}

/**
 * The index and shard ConfigMaps the plan puts a tenant's route in, in the
 * Envoy namespace of the platform.
 *
 * @public
 */
export function envoyRouteRefsOf(
  tenantId: string,
  platform: PlatformSettings,
): EnvoyRouteRefs {
  const shard = envoyShardOf(tenantId);
  return {
    indexConfigMap: indexConfigMap(platform.envoy.name),
    shard,
    shardCluster: shardName(shard),
    shardConfigMap: shardConfigMap(platform.envoy.name, shard),
  };
}

function indexHost(shard: number, routes: EnvoyTenantRoute[]) {
  return {
    name: shardName(shard),
    domains: routes.map(r => r.host),
    routes: [{ match: { prefix: '/' }, route: { cluster: shardName(shard) } }],
  };
}

function tenantHost(route: EnvoyTenantRoute) {
  return {
    name: route.tenantId,
    domains: [route.host],
    routes: [{ match: { prefix: '/' }, route: { cluster: DFP_CLUSTER } }],
    // The rewrite picks the oauth2-proxy (and its DNS name); the tenant's
    // host goes along as X-Forwarded-Host, which oauth2-proxy reads with
    // `reverse_proxy`. Set as a literal, not with `append_x_forwarded_host`,
    // which applies to the router's own host rewrites.
    request_headers_to_add: [
      {
        header: { key: 'x-forwarded-host', value: route.host },
        append_action: 'OVERWRITE_IF_EXISTS_OR_ADD',
      },
    ],
    typed_per_filter_config: {
      [DFP_FILTER]: {
        '@type': `${TYPE}.extensions.filters.http.dynamic_forward_proxy.v3.PerRouteConfig`,
        host_rewrite_literal: route.upstream,
      },
    },
  };
}

function routeConfiguration(name: string, virtualHosts: object[]) {
  return {
    '@type': `${TYPE}.config.route.v3.RouteConfiguration`,
    name,
    virtual_hosts: virtualHosts,
  };
}

/** A file-based xDS response, versioned by its content. */
function routesFile(resource: object): object {
  return {
    version_info: fnv1a64(JSON.stringify(resource)),
    resources: [resource],
  };
}

/**
 * The central Envoy's configuration for all tenants, in the same bytes for
 * any order of `routes` (sorted by tenant id).
 *
 * @throws InputError when two tenants claim one host.
 * @public
 */
export function planEnvoyConfig(
  routes: EnvoyTenantRoute[],
  platform: PlatformSettings,
): EnvoyConfigPlan {
  assertOneTenantPerHost(routes);
  const sorted = [...routes].sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
  const byShard = Array.from({ length: ENVOY_ROUTE_SHARDS }, (_, n) =>
    sorted.filter(r => envoyShardOf(r.tenantId) === n),
  );
  // Envoy refuses a virtual host without domains, so empty shards are left
  // out of the index (their own route files stay, empty).
  const index = routeConfiguration(
    'tenants',
    byShard.flatMap((members, n) =>
      members.length > 0 ? [indexHost(n, members)] : [],
    ),
  );
  const shards = byShard.map((members, n) =>
    routeConfiguration(`tenants-${n}`, members.map(tenantHost)),
  );
  const boot = planEnvoyBootstrap(platform);
  const routeFiles = [index, ...shards].map(routesFile);

  const { name, namespace } = platform.envoy;
  const configMap = (
    cmName: string,
    file: string,
    content: string,
  ): KubernetesObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: cmName, namespace, labels: sharedLabels('authorizer') },
    data: { [file]: content },
  });
  const objects = [
    configMap(
      `${name}-bootstrap`,
      ENVOY_BOOTSTRAP_FILE,
      `${JSON.stringify(boot, null, 2)}\n`,
    ),
    // Compact JSON: the size limit of a ConfigMap is what caps tenants.
    configMap(indexConfigMap(name), ROUTES_FILE, JSON.stringify(routeFiles[0])),
    ...shards.map((_, n) =>
      configMap(
        shardConfigMap(name, n),
        ROUTES_FILE,
        JSON.stringify(routeFiles[n + 1]),
      ),
    ),
  ];
  const mounts = [
    {
      configMap: `${name}-bootstrap`,
      mountPath: `${ENVOY_CONFIG_ROOT}/bootstrap`,
    },
    { configMap: indexConfigMap(name), mountPath: indexDir },
    ...shards.map((_, n) => ({
      configMap: shardConfigMap(name, n),
      mountPath: shardDir(n),
    })),
  ];
  return {
    bootstrap: boot,
    routeConfiguration: index,
    shardRouteConfigurations: shards,
    routeFiles,
    objects,
    mounts,
  };
}
