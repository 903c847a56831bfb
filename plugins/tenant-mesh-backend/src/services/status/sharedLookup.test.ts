import {
  envoyRouteRefsOf,
  KubernetesObject,
  planSharedObjectsOf,
  planTenant,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { platformConfig } from '../../__fixtures__/tenants';
import { sharedLookupOf } from './sharedLookup';

const platform = readPlatformSettings(platformConfig);
const plans = ['acme', 'globex'].map(tenantId =>
  planTenant({
    spec: {
      tenantId,
      displayName: tenantId,
      host: `${tenantId}.example.com`,
      owner: 'group:default/customer-success',
    },
    platform,
  }),
);
const shared = planSharedObjectsOf(plans, platform).objects;
const gateway = shared.find(o => o.kind === 'Gateway');
const routeConfigMaps = shared.filter(o => o.kind === 'ConfigMap');

describe('sharedLookupOf', () => {
  it('finds every tenant host on the Gateway, its shard in the index and its upstream in the shard', () => {
    const lookup = sharedLookupOf({ gateway, routeConfigMaps });

    for (const plan of plans) {
      const { host, upstream } = plan.envoyRoute;
      const refs = envoyRouteRefsOf(plan.spec.tenantId, platform);
      expect(lookup.gatewayHosts).toContain(
        `tenant-${plan.spec.tenantId}/${host}`,
      );
      expect(lookup.envoyRoutes.get(refs.indexConfigMap)?.get(host)).toEqual({
        clusters: new Set([refs.shardCluster]),
        rewrites: new Set(),
      });
      expect(
        lookup.envoyRoutes.get(refs.shardConfigMap)?.get(host)?.rewrites,
      ).toEqual(new Set([upstream]));
    }
  });

  it('skips data that is not a routes file, and keeps the other routes', () => {
    const broken: KubernetesObject = {
      ...routeConfigMaps[0],
      data: { 'notes.txt': 'not JSON' },
    };

    const lookup = sharedLookupOf({
      gateway,
      routeConfigMaps: [broken, ...routeConfigMaps],
    });

    const refs = envoyRouteRefsOf(plans[0].spec.tenantId, platform);
    expect(
      lookup.envoyRoutes.get(refs.shardConfigMap)?.get(plans[0].envoyRoute.host)
        ?.rewrites,
    ).toEqual(new Set([plans[0].envoyRoute.upstream]));
  });

  it('is empty without a snapshot', () => {
    const lookup = sharedLookupOf();

    expect(lookup.gatewayHosts.size).toBe(0);
    expect(lookup.envoyRoutes.size).toBe(0);
  });
});
