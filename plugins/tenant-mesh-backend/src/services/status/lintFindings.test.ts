import {
  KubernetesObject,
  planSharedObjectsOf,
  planTenant,
  readPlatformSettings,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { liveTenantObjects } from '../../__fixtures__/liveObjects';
import { platformConfig } from '../../__fixtures__/tenants';
import { lintFindingsByTenant } from './lintFindings';
import { sharedLookupOf } from './sharedLookup';

const platform = readPlatformSettings(platformConfig);

function planOf(tenantId: string): TenantPlan {
  return planTenant({
    spec: {
      tenantId,
      displayName: tenantId,
      owner: 'group:default/customer-success',
      host: `${tenantId}.example.com`,
    },
    platform,
  });
}

interface GatewaySpec {
  servers: Array<{ hosts: string[] }>;
}

/** The shared objects, the Gateway's servers without this host. */
function withoutGatewayHost(
  shared: KubernetesObject[],
  host: string,
): KubernetesObject[] {
  return shared.map(o => {
    if (o.kind !== 'Gateway') {
      return o;
    }
    const spec = o.spec as GatewaySpec;
    return {
      ...o,
      spec: {
        ...spec,
        servers: spec.servers.map(s => ({
          ...s,
          hosts: s.hosts.filter(h => !h.endsWith(`/${host}`)),
        })),
      },
    };
  });
}

function lintOf(plans: TenantPlan[], shared?: KubernetesObject[]) {
  return lintFindingsByTenant({
    objects: plans.flatMap(p => p.objects),
    shared: shared ?? planSharedObjectsOf(plans, platform).objects,
    platform,
    lookup: sharedLookupOf(),
    hosts: new Map(plans.map(p => [p.spec.host, p.spec.tenantId])),
  });
}

describe('lintFindingsByTenant', () => {
  const acme = planOf('acme');
  const globex = planOf('globex');
  const shared = planSharedObjectsOf([acme, globex], platform).objects;

  it('finds nothing in a clean plan', () => {
    expect(lintOf([acme, globex], shared).size).toBe(0);
  });

  it("gives a finding about a host missing from the Gateway to that host's tenant only", () => {
    const findings = lintOf(
      [acme, globex],
      withoutGatewayHost(shared, 'globex.example.com'),
    );

    expect(findings.get('acme')).toBeUndefined();
    expect(findings.get('globex')).toEqual([
      expect.objectContaining({
        level: 'error',
        object: 'VirtualService tenant-globex/tenant-globex',
        message: expect.stringContaining(
          'host globex.example.com is not bound by any Gateway server',
        ),
      }),
    ]);
  });

  it('matches whole host names, not a host that ends with another', () => {
    const xacme = planOf('xacme');
    const plans = [acme, xacme];

    const findings = lintOf(
      plans,
      withoutGatewayHost(
        planSharedObjectsOf(plans, platform).objects,
        'xacme.example.com',
      ),
    );

    expect(findings.get('acme')).toBeUndefined();
    expect(findings.get('xacme')).toHaveLength(1);
  });

  it('gives a finding that names no owned object to the tenant whose host it names', () => {
    // globex's VirtualService also claims xacme's host: the lint names the
    // host itself, `host xacme.example.com`, which no tenant labels.
    const xacme = planOf('xacme');
    const plans = [acme, globex, xacme];
    const claiming = globex.objects.map(o => {
      if (o.kind !== 'VirtualService') {
        return o;
      }
      const spec = o.spec as { hosts: string[] };
      return {
        ...o,
        spec: { ...spec, hosts: [...spec.hosts, 'xacme.example.com'] },
      };
    });

    const findings = lintFindingsByTenant({
      objects: [...acme.objects, ...claiming, ...xacme.objects],
      shared: planSharedObjectsOf(plans, platform).objects,
      platform,
      lookup: sharedLookupOf(),
      hosts: new Map(plans.map(p => [p.spec.host, p.spec.tenantId])),
    });

    expect(findings.get('acme')).toBeUndefined();
    expect(findings.get('xacme')).toContainEqual(
      expect.objectContaining({
        object: 'host xacme.example.com',
        message: 'is claimed by tenants globex, xacme',
      }),
    );
    expect(findings.get('globex')?.map(f => f.object)).toContain(
      'VirtualService tenant-globex/tenant-globex',
    );
  });

  it('skips the Pods and Secrets among the objects', () => {
    const objects = [acme, globex].flatMap(liveTenantObjects);
    expect(objects.map(o => o.kind)).toEqual(
      expect.arrayContaining(['Pod', 'Secret']),
    );

    const findings = lintFindingsByTenant({
      objects,
      shared,
      platform,
      lookup: sharedLookupOf(),
      hosts: new Map([
        ['acme.example.com', 'acme'],
        ['globex.example.com', 'globex'],
      ]),
    });

    expect(findings.size).toBe(0);
  });
});
