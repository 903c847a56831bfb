import {
  envoyRouteRefsOf,
  KubernetesObject,
  planTenant,
  readPlatformSettings,
  StatusCheck,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  liveSharedObjects,
  liveTenantObjects,
  readyDeployment,
} from '../../__fixtures__/liveObjects';
import { platformConfig } from '../../__fixtures__/tenants';
import { authorizerChecks, oauth2ProxyCheck } from './authorizerChecks';
import { LiveObjects } from './liveObjects';
import { CONVERGE } from './remedies';
import { RoutingInput } from './routingChecks';
import { sharedLookupOf } from './sharedLookup';
import { SharedObjects } from './snapshot';

const platform = readPlatformSettings(platformConfig);
const plans = ['acme', 'globex', 'initech'].map(tenantId =>
  planTenant({
    spec: {
      tenantId,
      displayName: tenantId,
      owner: 'group:default/customer-success',
      host: `${tenantId}.example.com`,
      identity: {
        userPoolId: 'us-east-1_Example12',
        clientId: '1example23456789',
      },
    },
    platform,
  }),
);
const [plan] = plans;
const { host, upstream } = plan.envoyRoute;
const refs = envoyRouteRefsOf('acme', platform);
const ENVOY_NS = platform.envoy.namespace;

/** Another shard than acme's: that of a tenant in another one, else any. */
const otherShard = `shard-${(refs.shard + 1) % 8}`;

function sharedOf(objects: KubernetesObject[]): SharedObjects {
  const find = (kind: string, name?: string) =>
    objects.find(o => o.kind === kind && (!name || o.metadata.name === name));
  return {
    gateway: find('Gateway'),
    gatewayPolicy: find('AuthorizationPolicy'),
    routeConfigMaps: objects.filter(
      o => o.kind === 'ConfigMap' && o.metadata.namespace === ENVOY_NS,
    ),
    envoyDeployment: find('Deployment', platform.envoy.name),
    meshConfig: find('ConfigMap', 'istio'),
  };
}

interface VirtualHost {
  name: string;
  domains: string[];
  routes: Array<{ route: { cluster: string } }>;
  typed_per_filter_config?: Record<string, { host_rewrite_literal: string }>;
}

/** The route ConfigMap `name` with its virtual hosts changed by `edit`. */
function editRoutes(
  objects: KubernetesObject[],
  name: string,
  edit: (hosts: VirtualHost[]) => VirtualHost[],
): KubernetesObject[] {
  return objects.map(o => {
    if (o.kind !== 'ConfigMap' || o.metadata.name !== name) {
      return o;
    }
    const [[key, text]] = Object.entries(o.data as Record<string, string>);
    const file = JSON.parse(text);
    file.resources[0].virtual_hosts = edit(file.resources[0].virtual_hosts);
    return { ...o, data: { [key]: JSON.stringify(file) } };
  });
}

function inputOf(
  options: {
    shared?: KubernetesObject[];
    tenant?: KubernetesObject[];
  } = {},
): RoutingInput {
  const shared = sharedOf(options.shared ?? liveSharedObjects(plans, platform));
  return {
    plan,
    platform,
    live: new LiveObjects(options.tenant ?? liveTenantObjects(plan)),
    shared,
    lookup: sharedLookupOf(shared),
  };
}

const checkOf = (input: RoutingInput, id: string): StatusCheck | undefined =>
  authorizerChecks(input).find(c => c.id === id);

/** The tenant's live objects with the one of `kind` and `name` changed. */
function editTenant(
  kind: string,
  name: string,
  edit: (object: KubernetesObject) => KubernetesObject | undefined,
): KubernetesObject[] {
  return liveTenantObjects(plan).flatMap(o =>
    o.kind === kind && o.metadata.name === name
      ? [edit(o)].flatMap(e => (e ? [e] : []))
      : [o],
  );
}

describe('authorizerChecks', () => {
  it('is all ok for a tenant delivered as planned', () => {
    const notOk = authorizerChecks(inputOf()).filter(c => c.state !== 'ok');

    expect(notOk).toEqual([]);
  });
});

describe('the central Envoy route', () => {
  it.each<{
    title: string;
    shared: () => KubernetesObject[];
    object: string;
    reason: string;
  }>([
    {
      title: 'a host missing from the index, though its shard has it',
      shared: () =>
        editRoutes(
          liveSharedObjects(plans, platform),
          refs.indexConfigMap,
          hosts =>
            hosts.map(h => ({
              ...h,
              domains: h.domains.filter(d => d !== host),
            })),
        ),
      object: `ConfigMap ${ENVOY_NS}/${refs.indexConfigMap}`,
      reason: `ConfigMap ${ENVOY_NS}/${refs.indexConfigMap} (the central Envoy's index) has no route for ${host}, so every request to it is denied; ${CONVERGE}.`,
    },
    {
      title: 'a host the index sends to another shard',
      shared: () =>
        editRoutes(
          liveSharedObjects(plans, platform),
          refs.indexConfigMap,
          hosts => [
            ...hosts.map(h => ({
              ...h,
              domains: h.domains.filter(d => d !== host),
            })),
            {
              name: otherShard,
              domains: [host],
              routes: [{ route: { cluster: otherShard } }],
            },
          ],
        ),
      object: `ConfigMap ${ENVOY_NS}/${refs.indexConfigMap}`,
      reason: `ConfigMap ${ENVOY_NS}/${refs.indexConfigMap} (the central Envoy's index) sends ${host} to ${otherShard}, not to ${refs.shardCluster} where the plan puts it (ConfigMap ${ENVOY_NS}/${refs.shardConfigMap})`,
    },
    {
      title: 'a host its shard does not route',
      shared: () =>
        editRoutes(
          liveSharedObjects(plans, platform),
          refs.shardConfigMap,
          hosts => hosts.filter(h => !h.domains.includes(host)),
        ),
      object: `ConfigMap ${ENVOY_NS}/${refs.shardConfigMap}`,
      reason: `ConfigMap ${ENVOY_NS}/${refs.shardConfigMap} (shard ${refs.shard} of the central Envoy) has no route for ${host}, though the index sends it there`,
    },
    {
      title: "a host its shard sends to another tenant's oauth2-proxy",
      shared: () =>
        editRoutes(
          liveSharedObjects(plans, platform),
          refs.shardConfigMap,
          hosts =>
            hosts.map(h =>
              h.domains.includes(host)
                ? {
                    ...h,
                    typed_per_filter_config: Object.fromEntries(
                      Object.keys(h.typed_per_filter_config ?? {}).map(k => [
                        k,
                        {
                          ...h.typed_per_filter_config![k],
                          host_rewrite_literal: plans[1].envoyRoute.upstream,
                        },
                      ]),
                    ),
                  }
                : h,
            ),
        ),
      object: `ConfigMap ${ENVOY_NS}/${refs.shardConfigMap}`,
      reason: `sends ${host} to ${plans[1].envoyRoute.upstream}, not to its oauth2-proxy ${upstream}`,
    },
    {
      title: 'a missing shard ConfigMap',
      shared: () =>
        liveSharedObjects(plans, platform).filter(
          o => o.metadata.name !== refs.shardConfigMap,
        ),
      object: `ConfigMap ${ENVOY_NS}/${refs.shardConfigMap}`,
      reason: `ConfigMap ${ENVOY_NS}/${refs.shardConfigMap}, shard ${refs.shard} of the central Envoy where the index sends ${host}, is missing`,
    },
  ])(
    'is an error naming the ConfigMap for $title',
    ({ shared, object, reason }) => {
      const check = checkOf(inputOf({ shared: shared() }), 'envoy-route');

      expect(check).toMatchObject({ state: 'error', object });
      expect(check?.reason).toContain(reason);
    },
  );

  it('is ok naming the shard and the upstream', () => {
    expect(checkOf(inputOf(), 'envoy-route')).toMatchObject({
      state: 'ok',
      reason: `The central Envoy's index sends ${host} to ${refs.shardCluster}, and ConfigMap ${ENVOY_NS}/${refs.shardConfigMap} sends it to ${upstream}.`,
    });
  });
});

describe("the tenant's CUSTOM policy", () => {
  const name = plan.objects.find(
    o =>
      o.kind === 'AuthorizationPolicy' &&
      (o.spec as { action?: string }).action === 'CUSTOM',
  )!.metadata.name;

  it('is an error when its selector no longer matches the gateway', () => {
    const tenant = editTenant('AuthorizationPolicy', name, o => ({
      ...o,
      spec: {
        ...(o.spec as object),
        selector: { matchLabels: { istio: 'old-ingressgateway' } },
      },
    }));

    const check = checkOf(inputOf({ tenant }), 'ext-authz-policy');

    expect(check).toMatchObject({ state: 'error' });
    expect(check?.reason).toMatch(
      /selects other pods than the plan \(spec\.selector\.matchLabels\.\S+ differs\), so it may guard nothing on the gateway; /,
    );
  });

  it("keeps naming a provider that is not the platform's", () => {
    const tenant = editTenant('AuthorizationPolicy', name, o => ({
      ...o,
      spec: { ...(o.spec as object), provider: { name: 'tenant-auth' } },
    }));

    expect(checkOf(inputOf({ tenant }), 'ext-authz-policy')?.reason).toMatch(
      /names provider tenant-auth, not the platform's /,
    );
  });
});

describe('oauth2-proxy', () => {
  const name = 'oauth2-proxy-acme';
  const check = (tenant: KubernetesObject[]) =>
    oauth2ProxyCheck(inputOf({ tenant }));

  it('is an error when its ConfigMap differs from the plan', () => {
    const tenant = editTenant('ConfigMap', name, o => ({
      ...o,
      data: { 'oauth2-proxy.cfg': 'provider = "github"\n' },
    }));

    expect(check(tenant)).toMatchObject({
      state: 'error',
      object: `ConfigMap tenant-acme-auth/${name}`,
      reason: `ConfigMap tenant-acme-auth/${name} differs from the plan at data.oauth2-proxy.cfg; ${CONVERGE} to converge it.`,
    });
  });

  it('is an error when its Deployment runs another image than planned', () => {
    const tenant = editTenant('Deployment', name, o => {
      const copy = structuredClone(o) as KubernetesObject & {
        spec: { template: { spec: { containers: Array<{ image: string }> } } };
      };
      copy.spec.template.spec.containers[0].image =
        'quay.io/oauth2-proxy/oauth2-proxy:v7.0.0';
      return copy;
    });

    expect(check(tenant)).toMatchObject({
      state: 'error',
      reason: expect.stringContaining(
        'differs from the plan at spec.template.spec.containers[0].image',
      ),
    });
  });

  it('is an error when its Service, the upstream of the central Envoy, is missing', () => {
    const tenant = editTenant('Service', name, () => undefined);

    expect(check(tenant)).toMatchObject({
      state: 'error',
      reason: `Service tenant-acme-auth/${name} is missing; ${CONVERGE} to create it.`,
    });
  });

  it('is a warning while a rollout is under way, the old pods still ready', () => {
    const tenant = editTenant('Deployment', name, o => {
      const live = readyDeployment(o);
      return {
        ...live,
        status: { ...(live.status as object), updatedReplicas: 1 },
      };
    });

    expect(check(tenant)).toMatchObject({
      state: 'warning',
      reason: expect.stringContaining(
        'a rollout is in progress: 1 of 2 replicas run the latest template.',
      ),
    });
  });
});
