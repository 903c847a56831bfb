import { MeshConfigSource } from '@tenant-mesh/plugin-tenant-mesh-common';
import { parse as parseYaml } from 'yaml';
import { SharedObjects } from './snapshot';

/**
 * The shared objects parsed once per snapshot into what a tenant's checks
 * look up by host. The Gateway and the route ConfigMaps list every tenant,
 * so parsing them per tenant made a list of all tenants quadratic.
 */
export interface SharedLookup {
  /** `namespace/host` entries of the shared Gateway's servers. */
  gatewayHosts: ReadonlySet<string>;
  /**
   * The central Envoy's route ConfigMaps by name (the index and each
   * shard), each as host → where its route file sends the host.
   */
  envoyRoutes: ReadonlyMap<string, ReadonlyMap<string, EnvoyHostRoute>>;
  /**
   * istiod's meshConfig, from its ConfigMap; a string says why it could not
   * be read (absent, or `mesh` is not YAML).
   */
  meshConfig: MeshConfigSource | string;
}

interface GatewaySpec {
  servers?: Array<{ hosts?: string[] }>;
}

interface RoutesFile {
  resources?: Array<{
    virtual_hosts?: Array<{
      domains?: string[];
      routes?: Array<{ route?: { cluster?: string } }>;
      typed_per_filter_config?: Record<
        string,
        { host_rewrite_literal?: string }
      >;
    }>;
  }>;
}

/** Where one route file of the central Envoy sends a host. */
export interface EnvoyHostRoute {
  /** The clusters its routes name: a shard in the index, the forward proxy in a shard. */
  clusters: ReadonlySet<string>;
  /** The hosts it rewrites to (a shard's oauth2-proxy upstream). */
  rewrites: ReadonlySet<string>;
}

interface HostRoute {
  clusters: Set<string>;
  rewrites: Set<string>;
}

function hostRoutesOf(file: RoutesFile, into: Map<string, HostRoute>) {
  for (const vh of (file.resources ?? []).flatMap(r => r.virtual_hosts ?? [])) {
    const clusters = (vh.routes ?? [])
      .map(r => r.route?.cluster)
      .filter((c): c is string => Boolean(c));
    const rewrites = Object.values(vh.typed_per_filter_config ?? {})
      .map(config => config.host_rewrite_literal)
      .filter((t): t is string => Boolean(t));
    for (const domain of vh.domains ?? []) {
      const route = into.get(domain) ?? {
        clusters: new Set<string>(),
        rewrites: new Set<string>(),
      };
      clusters.forEach(c => route.clusters.add(c));
      rewrites.forEach(t => route.rewrites.add(t));
      into.set(domain, route);
    }
  }
}

/** Each route ConfigMap (index and shards) by name: host → its route. */
function envoyRoutesOf(
  shared: SharedObjects,
): Map<string, Map<string, HostRoute>> {
  const byConfigMap = new Map<string, Map<string, HostRoute>>();
  for (const configMap of shared.routeConfigMaps) {
    const hosts = new Map<string, HostRoute>();
    for (const text of Object.values(
      (configMap.data ?? {}) as Record<string, string>,
    )) {
      try {
        hostRoutesOf(JSON.parse(text), hosts);
      } catch {
        continue; // not a routes file
      }
    }
    byConfigMap.set(configMap.metadata.name, hosts);
  }
  return byConfigMap;
}

function meshConfigOf(shared: SharedObjects): MeshConfigSource | string {
  const configMap = shared.meshConfig;
  if (!configMap) {
    return 'not found';
  }
  const source = `ConfigMap ${configMap.metadata.namespace}/${configMap.metadata.name}`;
  const text = ((configMap.data ?? {}) as Record<string, string>).mesh;
  try {
    const meshConfig = parseYaml(text ?? '') ?? {};
    if (typeof meshConfig !== 'object' || Array.isArray(meshConfig)) {
      return `${source} has no meshConfig map under the key mesh`;
    }
    return { source, meshConfig };
  } catch (error) {
    return `${source}: the key mesh is not YAML (${(error as Error).message})`;
  }
}

/**
 * Parses the shared objects of one snapshot; call once, not per tenant.
 * Without a snapshot (no cluster) the lookup is empty.
 */
export function sharedLookupOf(
  shared: SharedObjects = { routeConfigMaps: [] },
): SharedLookup {
  const servers = ((shared.gateway?.spec ?? {}) as GatewaySpec).servers ?? [];
  return {
    gatewayHosts: new Set(servers.flatMap(s => s.hosts ?? [])),
    envoyRoutes: envoyRoutesOf(shared),
    meshConfig: meshConfigOf(shared),
  };
}
