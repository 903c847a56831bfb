import { ROUTES_FILE } from './envoyBootstrap';
import { lintObjects } from './lint';
import { principal } from './meshObjects';
import { meshConfigFindings, MeshConfigSource } from './meshConfigLint';
import { KubernetesObject, LintFinding, PlatformSettings } from './types';

/** Input of `lintPlatform`; objects may be planned or live. @public */
export interface PlatformLintInput {
  platform: PlatformSettings;
  /** The platform's objects (`platform/`). */
  platformObjects: KubernetesObject[];
  /** Every place the mesh config is kept; each must carry the provider. */
  meshConfigs: MeshConfigSource[];
  /** The tenants' objects and the shared ones (Gateway, Envoy ConfigMaps). */
  tenantObjects: KubernetesObject[];
}

/** The parts of each kind this lint reads; live objects may lack any. */
interface Spec {
  action?: string;
  provider?: { name?: string };
  selector?: Record<string, unknown> & {
    matchLabels?: Record<string, string>;
  };
  rules?: Array<{ from?: Array<{ source?: { principals?: string[] } }> }>;
  template?: { spec?: { serviceAccountName?: string } };
  ingress?: Array<{
    from?: Array<{
      namespaceSelector?: { matchLabels?: Record<string, string> };
    }>;
  }>;
}

interface RoutesFile {
  resources?: Array<{
    virtual_hosts?: Array<{
      typed_per_filter_config?: Record<
        string,
        { host_rewrite_literal?: string }
      >;
    }>;
  }>;
}

const spec = (o: KubernetesObject) => (o.spec ?? {}) as Spec;
const ref = (o: KubernetesObject) =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata.name
  }`;
const labelsKey = (labels: Record<string, unknown> = {}) =>
  JSON.stringify(Object.entries(labels).sort());
const isCustom = (o: KubernetesObject) =>
  o.kind === 'AuthorizationPolicy' && spec(o).action === 'CUSTOM';
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** Namespaces the central Envoy forwards checks to, from its route files. */
function upstreamNamespaces(objects: KubernetesObject[]): Set<string> {
  const namespaces = new Set<string>();
  for (const o of objects.filter(x => x.kind === 'ConfigMap')) {
    const text = (o.data as Record<string, string> | undefined)?.[ROUTES_FILE];
    if (text === undefined) continue;
    let parsed: RoutesFile;
    try {
      parsed = JSON.parse(text) as RoutesFile;
    } catch {
      continue; // lintObjects reports a file that is not JSON.
    }
    for (const resource of parsed.resources ?? []) {
      for (const vhost of resource.virtual_hosts ?? []) {
        for (const filter of Object.values(
          vhost.typed_per_filter_config ?? {},
        )) {
          // `<service>.<namespace>.svc.cluster.local:<port>`
          const ns = filter.host_rewrite_literal?.split('.')[1];
          if (ns) namespaces.add(ns);
        }
      }
    }
  }
  return namespaces;
}

/** What the platform says; the tenants must agree with it. */
interface Reference {
  platform: PlatformSettings;
  provider: string;
  gatewayNamespace: string;
  gatewaySelector: string;
  service?: KubernetesObject;
  deployment?: KubernetesObject;
}

const finding = (
  object: string,
  message: string,
  fix: string,
): LintFinding => ({ level: 'error', object, message, fix });

/** The platform's own objects are the reference; settings fill gaps. */
function reference(input: PlatformLintInput): Reference {
  const { platform, platformObjects } = input;
  const policy = platformObjects.find(isCustom);
  const policySpec = policy ? spec(policy) : {};
  return {
    platform,
    provider: policySpec.provider?.name ?? platform.extAuthzProvider,
    gatewayNamespace: policy?.metadata.namespace ?? platform.gateway.namespace,
    gatewaySelector: labelsKey(
      policySpec.selector?.matchLabels ?? platform.gateway.selector,
    ),
    service: platformObjects.find(o => o.kind === 'Service'),
    deployment: platformObjects.find(o => o.kind === 'Deployment'),
  };
}

/** Tenant CUSTOM policies and the Gateway use the platform's provider and gateway. */
function gatewayFindings(
  tenantObjects: KubernetesObject[],
  platformRef: Reference,
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const policy of tenantObjects.filter(isCustom)) {
    const name = spec(policy).provider?.name;
    if (name !== platformRef.provider) {
      findings.push(
        finding(
          ref(policy),
          `names provider "${name}", the platform "${platformRef.provider}"`,
          'tenantMesh.extAuthzProvider',
        ),
      );
    }
    if (policy.metadata.namespace !== platformRef.gatewayNamespace) {
      findings.push(
        finding(
          ref(policy),
          `is in ${policy.metadata.namespace}; the platform's gateway policies are in ${platformRef.gatewayNamespace}`,
          'tenantMesh.gateway.namespace',
        ),
      );
    } else if (
      labelsKey(spec(policy).selector?.matchLabels) !==
      platformRef.gatewaySelector
    ) {
      findings.push(
        finding(
          ref(policy),
          'selects other gateway pods than the platform',
          'tenantMesh.gateway.selector',
        ),
      );
    }
  }
  for (const gateway of tenantObjects.filter(o => o.kind === 'Gateway')) {
    const { matchLabels: _unused, ...selector } = spec(gateway).selector ?? {};
    if (labelsKey(selector) !== platformRef.gatewaySelector) {
      findings.push(
        finding(
          ref(gateway),
          'selects other gateway pods than the platform’s CUSTOM policy: its hosts would not be checked',
          'tenantMesh.gateway.selector',
        ),
      );
    }
  }
  return findings;
}

/** The namespaces the Envoy forwards checks to admit the Envoy. */
function envoyPrincipalFindings(
  tenantObjects: KubernetesObject[],
  platformRef: Reference,
): LintFinding[] {
  const { deployment } = platformRef;
  if (!deployment) return [];
  const envoyNamespace = deployment.metadata.namespace ?? '';
  const envoyPrincipal = principal(
    platformRef.platform,
    envoyNamespace,
    spec(deployment).template?.spec?.serviceAccountName ?? 'default',
  );
  const upstreams = upstreamNamespaces(tenantObjects);
  const inUpstream = tenantObjects.filter(o =>
    upstreams.has(o.metadata.namespace ?? ''),
  );
  const findings: LintFinding[] = [];

  const allows = inUpstream.filter(
    o =>
      o.kind === 'AuthorizationPolicy' &&
      (spec(o).action ?? 'ALLOW') === 'ALLOW',
  );
  for (const policy of allows) {
    const admitted = (spec(policy).rules ?? []).flatMap(rule =>
      (rule.from ?? []).flatMap(f => f.source?.principals ?? []),
    );
    if (!admitted.includes(envoyPrincipal)) {
      findings.push(
        finding(
          ref(policy),
          `admits ${
            admitted.join(', ') || 'no principal'
          }, not the central Envoy (${envoyPrincipal}): the tenant's checks are refused and its login fails`,
          'tenantMesh.envoy.namespace, tenantMesh.envoy.serviceAccount',
        ),
      );
    }
  }

  for (const policy of inUpstream.filter(o => o.kind === 'NetworkPolicy')) {
    const from = (spec(policy).ingress ?? []).flatMap(rule =>
      (rule.from ?? []).flatMap(peer => {
        const ns = peer.namespaceSelector?.matchLabels?.[NAMESPACE_LABEL];
        return ns ? [ns] : [];
      }),
    );
    if (from.length > 0 && !from.includes(envoyNamespace)) {
      findings.push(
        finding(
          ref(policy),
          `admits traffic from ${from.join(
            ', ',
          )}, not from the central Envoy's namespace ${envoyNamespace}`,
          'tenantMesh.envoy.namespace',
        ),
      );
    }
  }
  return findings;
}

/**
 * Checks that tenants and platform agree, on top of `lintObjects` over both:
 * every mesh config source carries the provider the platform's gateway-wide
 * policy names, pointing at the central Envoy's Service; every tenant CUSTOM
 * policy and the Gateway use that provider, namespace and selector; and the
 * namespaces the Envoy forwards to admit the Envoy's principal. Each finding
 * names the `tenantMesh` setting whose two values disagree.
 *
 * @public
 */
export function lintPlatform(input: PlatformLintInput): LintFinding[] {
  const { platform, platformObjects, tenantObjects } = input;
  const missing = platformObjects.some(isCustom)
    ? []
    : [
        finding(
          'platform',
          'has no gateway-wide CUSTOM AuthorizationPolicy: a host without a tenant policy is served without login (W1)',
          'render and apply the platform (tenant-mesh render --platform)',
        ),
      ];
  const platformRef = reference(input);
  return [
    ...lintObjects([...platformObjects, ...tenantObjects], { platform }),
    ...missing,
    ...meshConfigFindings(input.meshConfigs, platformRef),
    ...gatewayFindings(tenantObjects, platformRef),
    ...envoyPrincipalFindings(tenantObjects, platformRef),
  ];
}
