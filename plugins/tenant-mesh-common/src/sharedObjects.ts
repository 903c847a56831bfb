import { planEnvoyConfig, EnvoyConfigPlan } from './envoyConfig';
import { ExtensionProvider, planExtensionProvider } from './extensionProvider';
import { planGateway, TenantBinding } from './gateway';
import { canonicalHost } from './hosts';
import { tenantNames } from './names';
import { OAUTH2_PROXY_PORT } from './oauth2ProxyConfig';
import {
  EnvoyTenantRoute,
  KubernetesObject,
  PlatformSettings,
  TenantPlan,
} from './types';

/** Objects several tenants share, regenerated from all of them. @public */
export interface SharedPlan {
  /** Gateway first, then the Envoy ConfigMaps. */
  objects: KubernetesObject[];
  envoy: EnvoyConfigPlan;
  extensionProvider: ExtensionProvider;
}

/**
 * The shared objects, from ALL tenants at once: never edited in place, so
 * concurrent onboardings cannot drop each other (W4), and sorted by tenant id
 * so any input order gives the same bytes.
 *
 * @throws InputError when two tenants claim one host.
 * @public
 */
export function planSharedObjects(
  tenants: Array<{ binding: TenantBinding; route: EnvoyTenantRoute }>,
  platform: PlatformSettings,
): SharedPlan {
  const gateway = planGateway(
    tenants.map(t => t.binding),
    platform,
  );
  const envoy = planEnvoyConfig(
    tenants.map(t => t.route),
    platform,
  );
  return {
    objects: [...(gateway ? [gateway] : []), ...envoy.objects],
    envoy,
    extensionProvider: planExtensionProvider(platform),
  };
}

/**
 * The shared objects of planned tenants: the one way both the tenant plan
 * and the platform plan derive them, so both render the same Gateway.
 *
 * @public
 */
export function planSharedObjectsOf(
  tenants: Array<Pick<TenantPlan, 'spec'>>,
  platform: PlatformSettings,
): SharedPlan {
  return planSharedObjects(
    tenants.map(t => sharedEntryOf(t.spec, platform)),
    platform,
  );
}

/**
 * A tenant's share of the shared objects, its Gateway binding and its
 * central Envoy route, from its id and host alone: the deliveries rebuild
 * the shared objects of thousands of tenants from their records without
 * planning each tenant's own objects.
 *
 * @public
 */
export function sharedEntryOf(
  tenant: { tenantId: string; host: string },
  platform: PlatformSettings,
): { binding: TenantBinding; route: EnvoyTenantRoute } {
  const names = tenantNames(tenant.tenantId, platform);
  const host = canonicalHost(tenant.host);
  return {
    binding: {
      tenantId: tenant.tenantId,
      host,
      namespace: names.tenantNamespace,
    },
    route: {
      tenantId: tenant.tenantId,
      host,
      upstream: `${names.oauth2Proxy}.${names.authNamespace}.svc.cluster.local:${OAUTH2_PROXY_PORT}`,
    },
  };
}
