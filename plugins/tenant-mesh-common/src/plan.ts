import { planCognito } from './cognitoPlan';
import { EnvoyConfigPlan } from './envoyConfig';
import { ExtensionProvider } from './extensionProvider';
import { tenantNames } from './names';
import { oauth2ProxySecretRef } from './oauth2ProxyObjects';
import { planSharedObjectsOf, sharedEntryOf } from './sharedObjects';
import { planTenantObjects } from './tenantObjects';
import { canonicalHost } from './hosts';
import { resolveTenantSpec } from './tenantSpec';
import {
  KubernetesObject,
  PlatformSettings,
  TenantPlan,
  TenantSpec,
} from './types';
import { assertValidTenant, ExistingTenant } from './validation';
import { InputError } from '@backstage/errors';

/**
 * Everything that must exist for one tenant. Validates first and throws an
 * InputError listing every problem before planning anything.
 *
 * @public
 */
export function planTenant(opts: {
  spec: TenantSpec;
  platform: PlatformSettings;
  existingTenants?: ExistingTenant[];
}): TenantPlan {
  const { platform } = opts;
  assertValidTenant(opts.spec, platform, {
    existingTenants: opts.existingTenants,
  });

  const spec = resolveTenantSpec(opts.spec, platform);
  const names = tenantNames(spec.tenantId, platform);
  const { objects, pending } = planTenantObjects(spec, platform);
  return {
    spec,
    cognito: planCognito(spec, platform),
    secretRef: oauth2ProxySecretRef(names),
    objects,
    envoyRoute: sharedEntryOf(spec, platform).route,
    pending,
  };
}

/** The plan of all tenants of a platform. @public */
export interface PlatformPlan {
  /** Sorted by tenant id. */
  tenants: TenantPlan[];
  /** Objects several tenants share (Gateway, Envoy ConfigMaps). */
  shared: KubernetesObject[];
  envoy: EnvoyConfigPlan;
  extensionProvider: ExtensionProvider;
}

/**
 * Plans every tenant and the shared objects. Each tenant is validated
 * against the others (no host twice, no id twice); all problems of all
 * tenants are reported in one InputError.
 *
 * @public
 */
export function planTenants(
  specs: TenantSpec[],
  platform: PlatformSettings,
): PlatformPlan {
  const sorted = [...specs].sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
  const failures: string[] = [];
  const tenants: TenantPlan[] = [];
  // Ids and hosts claimed twice are found with one pass over all tenants; handing every tenant
  // the list of all others would make planning quadratic in the number of tenants.
  const firstById = new Map<string, TenantSpec>();
  const ownerByHost = new Map<string, string>();
  for (const spec of sorted) {
    if (firstById.has(spec.tenantId)) {
      failures.push(`${spec.tenantId}: tenantId: is used by two tenant files`);
      continue;
    }
    firstById.set(spec.tenantId, spec);
    const host = typeof spec.host === 'string' ? canonicalHost(spec.host) : '';
    const owner = ownerByHost.get(host);
    const existingTenants = owner ? [{ tenantId: owner, host }] : [];
    if (!owner && host) {
      ownerByHost.set(host, spec.tenantId);
    }
    try {
      tenants.push(planTenant({ spec, platform, existingTenants }));
    } catch (error) {
      if (!(error instanceof InputError)) {
        throw error;
      }
      const lines = error.message.split('\n').slice(1);
      failures.push(...lines.map(line => `${spec.tenantId}: ${line}`));
    }
  }
  if (failures.length > 0) {
    throw new InputError(`Invalid tenants:\n${failures.join('\n')}`);
  }

  const shared = planSharedObjectsOf(tenants, platform);
  return {
    tenants,
    shared: shared.objects,
    envoy: shared.envoy,
    extensionProvider: shared.extensionProvider,
  };
}
