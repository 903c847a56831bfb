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
  /** Host → the upstreams the central Envoy's routes rewrite it to. */
  envoyTargets: ReadonlyMap<string, ReadonlySet<string>>;
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
      typed_per_filter_config?: Record<
        string,
        { host_rewrite_literal?: string }
      >;
    }>;
  }>;
}

function envoyTargetsOf(shared: SharedObjects): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  for (const configMap of shared.routeConfigMaps) {
    for (const text of Object.values(
      (configMap.data ?? {}) as Record<string, string>,
    )) {
      let file: RoutesFile;
      try {
        file = JSON.parse(text);
      } catch {
        continue; // not a routes file
      }
      for (const vh of (file.resources ?? []).flatMap(
        r => r.virtual_hosts ?? [],
      )) {
        const rewrites = Object.values(vh.typed_per_filter_config ?? {})
          .map(config => config.host_rewrite_literal)
          .filter((t): t is string => Boolean(t));
        for (const domain of vh.domains ?? []) {
          const hostTargets = targets.get(domain) ?? new Set<string>();
          rewrites.forEach(t => hostTargets.add(t));
          targets.set(domain, hostTargets);
        }
      }
    }
  }
  return targets;
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
    envoyTargets: envoyTargetsOf(shared),
    meshConfig: meshConfigOf(shared),
  };
}
