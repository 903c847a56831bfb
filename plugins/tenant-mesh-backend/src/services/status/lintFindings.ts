import {
  KubernetesObject,
  lintObjects,
  LintFinding,
  PlatformSettings,
  TENANT_LABEL,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { describeObject } from './liveObjects';
import { SharedLookup } from './sharedLookup';

/** Host names in a sentence: `acme.example.com`, also after `namespace/`. */
const HOST_NAMES =
  /[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+/g;

/** The meshConfig providers the lint checks CUSTOM policies against (B09). */
function meshConfigOf(lookup: SharedLookup) {
  return typeof lookup.meshConfig === 'string'
    ? undefined
    : {
        extensionProviders: (
          lookup.meshConfig.meshConfig.extensionProviders ?? []
        ).map(p => ({ name: p.name ?? '' })),
      };
}

/**
 * The plan's lint, run once on the objects of many tenants and the shared
 * ones, and each finding given to the tenants it concerns: the owner of the
 * object it names, and the tenants whose hosts it names (findings about a
 * shared object, or a host claimed twice). One run for a whole list keeps
 * the cross-object rules and costs what a single tenant's run costs per
 * object.
 */
export function lintFindingsByTenant(options: {
  /** The tenants' own objects, live or planned; Pods and Secrets are skipped. */
  objects: KubernetesObject[];
  shared: KubernetesObject[];
  platform: PlatformSettings;
  lookup: SharedLookup;
  hosts: ReadonlyMap<string, string>;
}): Map<string, LintFinding[]> {
  const { platform, lookup, hosts } = options;
  const own = options.objects.filter(
    o => o.kind !== 'Pod' && o.kind !== 'Secret',
  );
  const ownerOf = new Map<string, string>();
  for (const object of own) {
    const tenantId = object.metadata.labels?.[TENANT_LABEL];
    if (tenantId) {
      ownerOf.set(describeObject(object), tenantId);
    }
  }

  const byTenant = new Map<string, LintFinding[]>();
  const findings = lintObjects([...own, ...options.shared], {
    platform,
    meshConfig: meshConfigOf(lookup),
  });
  for (const finding of findings) {
    const tenants = new Set<string>();
    const owner = ownerOf.get(finding.object);
    if (owner) {
      tenants.add(owner);
    }
    for (const text of [finding.object, finding.message]) {
      for (const [host] of text.matchAll(HOST_NAMES)) {
        const tenantId = hosts.get(host);
        if (tenantId) {
          tenants.add(tenantId);
        }
      }
    }
    for (const tenantId of tenants) {
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), finding]);
    }
  }
  return byTenant;
}
