import { planEnvoyConfig, EnvoyConfigPlan } from './envoyConfig';
import { ExtensionProvider, planExtensionProvider } from './extensionProvider';
import { planGateway, TenantBinding } from './gateway';
import { tenantNames } from './names';
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
  tenants: TenantPlan[],
  platform: PlatformSettings,
): SharedPlan {
  return planSharedObjects(
    tenants.map(t => ({
      binding: {
        tenantId: t.spec.tenantId,
        host: t.spec.host,
        namespace: tenantNames(t.spec.tenantId, platform).tenantNamespace,
      },
      route: t.envoyRoute,
    })),
    platform,
  );
}
