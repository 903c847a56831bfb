import { planBookinfoObjects } from './bookinfoObjects';
import { planMeshObjects } from './meshObjects';
import { tenantNames } from './names';
import { renderOauth2ProxyConfig } from './oauth2ProxyConfig';
import { planOauth2ProxyObjects } from './oauth2ProxyObjects';
import { planExtAuthzPolicy, planVirtualService } from './routingObjects';
import {
  KubernetesObject,
  PlatformSettings,
  ResolvedTenantSpec,
} from './types';

/**
 * The tenant's own Kubernetes objects in apply order, plus what cannot be
 * planned yet. The CUSTOM policy comes before the VirtualService, so a host
 * is never routable without authorization (W19).
 *
 * @public
 */
export function planTenantObjects(
  spec: ResolvedTenantSpec,
  platform: PlatformSettings,
): { objects: KubernetesObject[]; pending: string[] } {
  const names = tenantNames(spec.tenantId, platform);
  const common = { tenantId: spec.tenantId, names, platform };
  const config = renderOauth2ProxyConfig(spec, platform);
  const pending =
    config === undefined
      ? [
          'oauth2-proxy ConfigMap, Deployment and PodDisruptionBudget: waiting for the Cognito user pool id and app client id',
        ]
      : [];

  const objects = [
    ...planMeshObjects({ ...common, workload: spec.workload }),
    ...planOauth2ProxyObjects({ ...common, config }),
    ...(spec.workload === 'bookinfo'
      ? planBookinfoObjects({
          tenantId: spec.tenantId,
          namespace: names.tenantNamespace,
        })
      : []),
    planExtAuthzPolicy({ ...common, host: spec.host }),
    ...(spec.workload === 'bookinfo'
      ? [planVirtualService({ ...common, host: spec.host })]
      : []),
  ];
  return { objects, pending };
}
