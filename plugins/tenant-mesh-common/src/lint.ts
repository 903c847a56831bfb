import { stripPort } from './hosts';
import { TENANT_LABEL } from './keys';
import { KubernetesObject, LintFinding, PlatformSettings } from './types';

/** Options of `lintObjects`. @public */
export interface LintOptions {
  platform: PlatformSettings;
  /** The mesh's `meshConfig`, when known, to check CUSTOM providers (B09). */
  meshConfig?: { extensionProviders: Array<{ name: string }> };
}

/** The parts of each kind the lint reads; live objects may lack any. */
interface LintSpec {
  hosts?: string[];
  gateways?: string[];
  action?: string;
  provider?: { name?: string };
  selector?: { matchLabels?: Record<string, string> } & Record<string, unknown>;
  rules?: Array<{ to?: Array<{ operation?: { hosts?: string[] } }> }>;
  servers?: Array<{
    port?: { number?: number };
    hosts?: string[];
    tls?: { credentialName?: string };
  }>;
}

interface RoutesFile {
  resources?: Array<{
    virtual_hosts?: Array<{ name: string; domains?: string[] }>;
  }>;
}

const spec = (o: KubernetesObject) => (o.spec ?? {}) as LintSpec;
const ref = (o: KubernetesObject) =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata.name
  }`;
const tenantOf = (o: KubernetesObject) => o.metadata.labels?.[TENANT_LABEL];
const selectorKey = (labels: Record<string, string> = {}) =>
  JSON.stringify(Object.entries(labels).sort());

function isCustomPolicy(o: KubernetesObject): boolean {
  return o.kind === 'AuthorizationPolicy' && spec(o).action === 'CUSTOM';
}

function policyHosts(o: KubernetesObject): string[] {
  return (spec(o).rules ?? []).flatMap(rule =>
    (rule.to ?? []).flatMap(to => (to.operation?.hosts ?? []).map(stripPort)),
  );
}

/**
 * Hosts of the Envoy route ConfigMaps: for each host the virtual host names
 * that claim it (tenant ids in the shards, `shard-N` in the index).
 */
function envoyHosts(
  objects: KubernetesObject[],
  platform: PlatformSettings,
  findings: LintFinding[],
): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  const routeMaps = objects.filter(
    o =>
      o.kind === 'ConfigMap' &&
      o.metadata.namespace === platform.envoy.namespace &&
      o.metadata.name.startsWith(`${platform.envoy.name}-routes`),
  );
  for (const configMap of routeMaps) {
    const text = (configMap.data as Record<string, string> | undefined)?.[
      'routes.json'
    ];
    try {
      const parsed = JSON.parse(text ?? '') as RoutesFile;
      for (const resource of parsed.resources ?? []) {
        for (const vhost of resource.virtual_hosts ?? []) {
          for (const domain of vhost.domains ?? []) {
            hosts.set(domain, [...(hosts.get(domain) ?? []), vhost.name]);
          }
        }
      }
    } catch {
      findings.push({
        level: 'error',
        object: ref(configMap),
        message: 'routes.json is not valid JSON; Envoy keeps its old routes',
      });
    }
  }
  return hosts;
}

/**
 * Cross-object checks of a set of objects (planned or live): hosts agree
 * across VirtualService, Gateway, CUSTOM policy and Envoy; CUSTOM providers
 * exist and are unique per gateway; no host is claimed twice; nothing is a
 * catch-all.
 *
 * @public
 */
export function lintObjects(
  objects: KubernetesObject[],
  opts: LintOptions,
): LintFinding[] {
  const { platform } = opts;
  const findings: LintFinding[] = [];
  const error = (o: KubernetesObject | string, message: string, fix?: string) =>
    findings.push({
      level: 'error',
      object: typeof o === 'string' ? o : ref(o),
      message,
      ...(fix ? { fix } : {}),
    });

  const virtualServices = objects.filter(o => o.kind === 'VirtualService');
  const gateways = objects.filter(o => o.kind === 'Gateway');
  const customPolicies = objects.filter(isCustomPolicy);
  const envoy = envoyHosts(objects, platform, findings);
  const gatewayHosts = new Set(
    gateways.flatMap(g => (spec(g).servers ?? []).flatMap(s => s.hosts ?? [])),
  );
  const protectedHosts = new Set(customPolicies.flatMap(policyHosts));

  // B15, W22, W10 and host agreement, per VirtualService.
  for (const vs of virtualServices) {
    const { hosts = [], gateways: refs = [] } = spec(vs);
    for (const gw of refs) {
      if (gw !== 'mesh' && !gw.includes('/')) {
        error(
          vs,
          `gateway "${gw}" is resolved in ${vs.metadata.namespace}, not where the Gateway lives`,
          `spec.gateways: write "${platform.gateway.namespace}/${gw}"`,
        );
      }
    }
    for (const host of hosts) {
      if (host.includes('*')) {
        error(vs, `host "${host}" is a wildcard; bind exact tenant hosts only`);
        continue;
      }
      if (!gatewayHosts.has(`${vs.metadata.namespace}/${host}`)) {
        error(
          vs,
          `host ${host} is not bound by any Gateway server for namespace ${vs.metadata.namespace}`,
          'Gateway spec.servers[].hosts',
        );
      }
      if (!protectedHosts.has(host)) {
        error(
          vs,
          `host ${host} has no CUSTOM AuthorizationPolicy: it would be served without login`,
        );
      }
      if (!envoy.has(host)) {
        error(
          vs,
          `host ${host} has no virtual host in the central Envoy: every request is denied`,
        );
      }
    }
  }

  for (const gw of gateways) {
    for (const server of spec(gw).servers ?? []) {
      for (const host of server.hosts ?? []) {
        if (host.includes('*')) {
          error(
            gw,
            `server host "${host}" lets any VirtualService there bind any host (W10)`,
          );
        }
      }
    }
  }

  // B09: the provider must exist in meshConfig.
  if (opts.meshConfig) {
    const available = opts.meshConfig.extensionProviders.map(p => p.name);
    for (const policy of customPolicies) {
      const name = spec(policy).provider?.name ?? '';
      if (!available.includes(name)) {
        error(
          policy,
          `provider.name "${name}" is not in meshConfig.extensionProviders (available: ${
            available.join(', ') || 'none'
          }); istiod denies every matching request`,
          'tenantMesh.extAuthzProvider',
        );
      }
    }
  }

  // B10: one CUSTOM provider per gateway workload.
  const bySelector = new Map<string, KubernetesObject[]>();
  for (const policy of customPolicies) {
    const key = selectorKey(spec(policy).selector?.matchLabels);
    bySelector.set(key, [...(bySelector.get(key) ?? []), policy]);
  }
  for (const group of bySelector.values()) {
    const providers = new Set(group.map(p => spec(p).provider?.name));
    if (providers.size > 1) {
      for (const policy of group) {
        if (spec(policy).provider?.name !== platform.extAuthzProvider) {
          error(
            policy,
            `${policy.metadata.namespace}/${
              policy.metadata.name
            } names provider "${
              spec(policy).provider?.name
            }" on a gateway whose tenants use "${
              platform.extAuthzProvider
            }"; with two CUSTOM providers on one workload istiod fails every CUSTOM host closed`,
            'spec.provider.name',
          );
        }
      }
    }
  }

  // No host claimed by two tenants.
  const claims = new Map<string, Set<string>>();
  const claim = (host: string, tenant: string | undefined) => {
    if (tenant) {
      claims.set(host, new Set([...(claims.get(host) ?? []), tenant]));
    }
  };
  virtualServices.forEach(vs =>
    (spec(vs).hosts ?? []).forEach(h => claim(h, tenantOf(vs))),
  );
  customPolicies.forEach(p =>
    policyHosts(p).forEach(h => claim(h, tenantOf(p))),
  );
  envoy.forEach((names, host) =>
    names.filter(n => !/^shard-\d+$/.test(n)).forEach(n => claim(host, n)),
  );
  for (const [host, tenants] of claims) {
    if (tenants.size > 1) {
      error(
        `host ${host}`,
        `is claimed by tenants ${[...tenants].sort().join(', ')}`,
      );
    }
  }

  for (const host of envoy.keys()) {
    if (host.includes('*')) {
      error(
        `Envoy virtual host ${host}`,
        'is a catch-all: unknown hosts would reach a tenant’s oauth2-proxy instead of a deny (B13)',
      );
    }
  }

  // B14: one certificate, one Gateway per selector and port.
  const certUse = new Map<string, KubernetesObject[]>();
  for (const gw of gateways) {
    for (const server of spec(gw).servers ?? []) {
      const credential = server.tls?.credentialName;
      if (server.port?.number === 443 && credential) {
        const { matchLabels: _ignored, ...labels } = spec(gw).selector ?? {};
        const key = `${selectorKey(
          labels as Record<string, string>,
        )}|${credential}`;
        const users = certUse.get(key) ?? [];
        if (!users.includes(gw)) {
          certUse.set(key, [...users, gw]);
        }
      }
    }
  }
  for (const users of certUse.values()) {
    if (users.length > 1) {
      error(
        users[1],
        `shares port 443 and its certificate with ${users
          .map(ref)
          .join(
            ', ',
          )}; browsers reuse one HTTP/2 connection and get 404 for the other Gateway's hosts (IST0138)`,
        'list every host in one Gateway server',
      );
    }
  }
  return findings;
}
