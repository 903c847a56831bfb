import { TENANT_ID_PATTERN } from './tenantSpec';
import { PlatformSettings, ValidationProblem } from './types';

/** The namespace patterns of `tenantMesh.namespaces`; `{id}` is the tenant id. */
export interface NamespacePatterns {
  tenant: string;
  auth: string;
}

type Kind = keyof NamespacePatterns;

/** Namespaces of the cluster and the mesh that no tenant may ever own. */
const SYSTEM_NAMESPACES = [
  'default',
  'istio-system',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];

// The id pattern without its anchors, captured so later `{id}`s must repeat it.
const ID_GROUP = `(?<id>${TENANT_ID_PATTERN.slice(1, -1)})`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fill(pattern: string, tenantId: string): string {
  return pattern.split('{id}').join(tenantId);
}

// Planning checks every tenant against the same two patterns.
const patternRegexes = new Map<string, RegExp>();

/** A regex matching every name the pattern can produce for a valid id. */
function patternRegex(pattern: string): RegExp {
  let regex = patternRegexes.get(pattern);
  if (!regex) {
    const [first, ...rest] = pattern.split('{id}').map(escape);
    const body = rest
      .map((part, i) => (i === 0 ? ID_GROUP : '\\k<id>') + part)
      .join('');
    regex = new RegExp(`^${first}${body}$`);
    patternRegexes.set(pattern, regex);
  }
  return regex;
}

/**
 * The other tenant whose `other`-kind namespace equals this tenant's
 * `kind`-kind namespace, when that tenant's id is not longer than this one's.
 *
 * Every `tenant-{id}-auth` is also `tenant-{id}` of the id `<id>-auth`, so
 * one of each colliding pair must go. Refusing the longer id keeps the
 * natural one (`acme`) and refuses the one built on top of it (`acme-auth`);
 * the answer depends on the two patterns only, never on which tenants exist.
 */
function collidingId(
  tenantId: string,
  patterns: NamespacePatterns,
  kind: Kind,
): string | undefined {
  const other: Kind = kind === 'tenant' ? 'auth' : 'tenant';
  const match = patternRegex(patterns[other]).exec(
    fill(patterns[kind], tenantId),
  );
  const otherId = match?.groups?.id;
  return otherId !== undefined && otherId.length <= tenantId.length
    ? otherId
    : undefined;
}

/**
 * Whether the two patterns let some tenant's namespace be another tenant's
 * (or its own other) namespace, as `collidingId` decides it.
 */
export function namespacePatternsCollide(
  tenantId: string,
  patterns: NamespacePatterns,
): boolean {
  return (
    collidingId(tenantId, patterns, 'tenant') !== undefined ||
    collidingId(tenantId, patterns, 'auth') !== undefined
  );
}

/**
 * A tenant's namespaces must be its own (tenant isolation): never the
 * namespace of another tenant under the other pattern (`acme-auth`'s
 * workload namespace would be acme's oauth2-proxy namespace, Secret and
 * all), and never a namespace of the platform, the mesh or Kubernetes.
 */
export function validateTenantNamespaces(
  tenantId: string,
  platform: PlatformSettings,
): ValidationProblem[] {
  const patterns = platform.namespaces;
  const reserved = new Set([
    platform.gateway.namespace,
    platform.envoy.namespace,
    ...SYSTEM_NAMESPACES,
  ]);
  const problems: ValidationProblem[] = [];
  for (const kind of ['tenant', 'auth'] as const) {
    const name = fill(patterns[kind], tenantId);
    const otherId = collidingId(tenantId, patterns, kind);
    if (reserved.has(name)) {
      problems.push({
        field: 'tenantId',
        rule: 'namespace-collision',
        message: `would make ${name}, a namespace of the platform or of Kubernetes, its ${kind} namespace; choose another id`,
      });
    } else if (otherId !== undefined) {
      const owner = otherId === tenantId ? 'its own' : `tenant ${otherId}'s`;
      problems.push({
        field: 'tenantId',
        rule: 'namespace-collision',
        message: `would make ${name} its ${kind} namespace, which is ${owner} ${
          kind === 'tenant' ? 'auth' : 'tenant'
        } namespace under tenantMesh.namespaces; choose another id`,
      });
    }
  }
  return problems;
}
