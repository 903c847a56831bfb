import { InputError } from '@backstage/errors';
import { testPlatform } from './__fixtures__/platform';
import { ENVOY_ROUTE_SHARDS } from './envoyBootstrap';
import { envoyShardOf, planEnvoyConfig } from './envoyConfig';
import { EnvoyTenantRoute } from './types';

/** The largest ConfigMap we allow ourselves (the API limit is 1 MiB). */
const CONFIG_MAP_BUDGET = 1_000_000;

function route(tenantId: string): EnvoyTenantRoute {
  return {
    tenantId,
    host: `${tenantId}.example.com`,
    upstream: `oauth2-proxy-${tenantId}.tenant-${tenantId}-auth.svc.cluster.local:4180`,
  };
}

interface VirtualHost {
  name: string;
  domains: string[];
  routes: Array<{ match: object; route: { cluster: string } }>;
  typed_per_filter_config?: Record<string, { host_rewrite_literal: string }>;
}
interface RouteConfiguration {
  virtual_hosts: VirtualHost[];
}

const acme = route('acme');
const globex = route('globex');

describe('planEnvoyConfig', () => {
  const plan = planEnvoyConfig([globex, acme], testPlatform);
  const index = plan.routeConfiguration as RouteConfiguration;
  const shards = plan.shardRouteConfigurations as RouteConfiguration[];

  it('maps each exact host to its shard, and has no catch-all (B13)', () => {
    const shardOf = (host: string) =>
      index.virtual_hosts.find(v => v.domains.includes(host))?.routes[0].route
        .cluster;
    expect(shardOf('acme.example.com')).toBe(`shard-${envoyShardOf('acme')}`);
    expect(shardOf('globex.example.com')).toBe(
      `shard-${envoyShardOf('globex')}`,
    );
    const all = [index, ...shards].flatMap(c => c.virtual_hosts);
    expect(all.flatMap(v => v.domains).sort()).toEqual([
      'acme.example.com',
      'acme.example.com',
      'globex.example.com',
      'globex.example.com',
    ]);
  });

  it('sends a host only to its own oauth2-proxy (B13)', () => {
    const vhost = shards[envoyShardOf('globex')].virtual_hosts.find(
      v => v.name === 'globex',
    )!;
    expect(vhost.domains).toEqual(['globex.example.com']);
    expect(vhost.routes[0].route.cluster).toBe('oauth2_proxy');
    expect(vhost.typed_per_filter_config!.dfp.host_rewrite_literal).toBe(
      'oauth2-proxy-globex.tenant-globex-auth.svc.cluster.local:4180',
    );
    const elsewhere = shards
      .filter((_, n) => n !== envoyShardOf('globex'))
      .flatMap(s => s.virtual_hosts.map(v => v.name));
    expect(elsewhere).not.toContain('globex');
  });

  it('binds the admin API to loopback only (W9)', () => {
    expect(plan.bootstrap).toMatchObject({
      admin: { address: { socket_address: { address: '127.0.0.1' } } },
    });
  });

  it('gives every filter, listener extension and cluster type a typed_config', () => {
    const text = JSON.stringify(plan.bootstrap);
    const named = text.match(/"name":"envoy\.[a-z_.]+"/g) ?? [];
    const typed = text.match(/"typed_config":\{"@type"/g) ?? [];
    expect(named.length).toBeGreaterThan(0);
    expect(typed.length).toBeGreaterThanOrEqual(named.length);
    expect(text).not.toContain('"config":');
  });

  it('reads routes from watched files', () => {
    expect(JSON.stringify(plan.bootstrap)).toContain(
      '"path_config_source":{"path":"/etc/envoy/routes/routes.json","watched_directory":{"path":"/etc/envoy/routes"}}',
    );
    expect(plan.objects.map(o => o.metadata.name)).toEqual([
      'tenant-authz-bootstrap',
      'tenant-authz-routes',
      ...Array.from(
        { length: ENVOY_ROUTE_SHARDS },
        (_, n) => `tenant-authz-routes-${n}`,
      ),
    ]);
    expect(plan.mounts).toHaveLength(plan.objects.length);
  });

  it('refuses two tenants on one host rather than list a domain twice', () => {
    const planOneHostTwice = () =>
      planEnvoyConfig(
        [
          { ...route('ab'), host: 'ab-c.example.com' },
          { ...route('ab-c'), host: 'ab-c.example.com' },
        ],
        testPlatform,
      );

    expect(planOneHostTwice).toThrow(InputError);
    expect(planOneHostTwice).toThrow(
      'Tenants ab and ab-c both claim host ab-c.example.com',
    );
  });

  it('keeps the bootstrap independent of the tenants', () => {
    expect(planEnvoyConfig([], testPlatform).bootstrap).toEqual(plan.bootstrap);
  });

  it('gives the same bytes for any order of tenants', () => {
    const again = planEnvoyConfig([acme, globex], testPlatform);
    expect(JSON.stringify(again.objects)).toBe(JSON.stringify(plan.objects));
  });

  it('spreads similar ids evenly over the shards', () => {
    const counts = new Array(ENVOY_ROUTE_SHARDS).fill(0);
    for (let i = 0; i < 5000; i++) {
      counts[envoyShardOf(`tenant-${String(i).padStart(4, '0')}`)]++;
    }
    expect(Math.max(...counts)).toBeLessThan((5000 / ENVOY_ROUTE_SHARDS) * 1.2);
  });

  it.each([
    ['short ids', (i: number) => `tenant-${String(i).padStart(4, '0')}`],
    ['50-character ids', (i: number) => `t${String(i).padStart(49, '0')}`],
  ])(
    'fits 5,000 tenants with %s in ConfigMaps under 1,000,000 bytes',
    (_name, id) => {
      const routes = Array.from({ length: 5000 }, (_, i) => route(id(i)));
      const big = planEnvoyConfig(routes, testPlatform);
      const sizes = big.objects.map(o =>
        Object.values(o.data as Record<string, string>).reduce(
          (sum, text) => sum + new TextEncoder().encode(text).length,
          0,
        ),
      );
      for (const size of sizes) {
        expect(size).toBeLessThan(CONFIG_MAP_BUDGET);
      }
      const [, indexSize, ...shardSizes] = sizes;
      // Documented in envoyConfig.ts.
      expect(indexSize).toBeLessThan(CONFIG_MAP_BUDGET / 2);
      expect(Math.max(...shardSizes)).toBeLessThan(CONFIG_MAP_BUDGET / 2);
    },
  );
});
