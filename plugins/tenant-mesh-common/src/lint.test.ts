import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { TENANT_LABEL } from './keys';
import { lintObjects } from './lint';
import { planTenants } from './plan';
import { KubernetesObject } from './types';

const plan = planTenants([acmeSpec, globexSpec], testPlatform);
const objects = [...plan.tenants.flatMap(t => t.objects), ...plan.shared];
const meshConfig = { extensionProviders: [{ name: 'tenant-authz' }] };

function named(kind: string, name: string): KubernetesObject {
  return objects.find(o => o.kind === kind && o.metadata.name === name)!;
}

/** A copy of `object` with its spec replaced. */
function withSpec(object: KubernetesObject, spec: object): KubernetesObject {
  return { ...object, spec: { ...(object.spec as object), ...spec } };
}

function replace(original: KubernetesObject, changed: KubernetesObject) {
  return objects.map(o => (o === original ? changed : o));
}

const lint = (list: KubernetesObject[]) =>
  lintObjects(list, { platform: testPlatform, meshConfig });

describe('lintObjects', () => {
  it('finds nothing wrong with the plan of acme and globex', () => {
    expect(lint(objects)).toEqual([]);
  });

  it('B09: names a CUSTOM provider missing from meshConfig and lists the available ones', () => {
    const findings = lintObjects(objects, {
      platform: testPlatform,
      meshConfig: { extensionProviders: [{ name: 'tenant-auth' }] },
    });
    expect(findings).toContainEqual({
      level: 'error',
      object: 'AuthorizationPolicy istio-ingress/ext-authz-acme',
      message: expect.stringContaining(
        'provider.name "tenant-authz" is not in meshConfig.extensionProviders (available: tenant-auth)',
      ),
      fix: 'tenantMesh.extAuthzProvider',
    });
  });

  it('B10: names a policy with another provider on the same gateway', () => {
    const policy = named('AuthorizationPolicy', 'ext-authz-acme');
    const other: KubernetesObject = {
      ...withSpec(policy, { provider: { name: 'other-authz' } }),
      metadata: { name: 'team-policy', namespace: 'team-x' },
    };
    const findings = lintObjects([...objects, other], {
      platform: testPlatform,
    });
    expect(findings).toEqual([
      expect.objectContaining({
        object: 'AuthorizationPolicy team-x/team-policy',
        message: expect.stringContaining(
          'team-x/team-policy names provider "other-authz"',
        ),
      }),
    ]);
  });

  it('B15: flags a bare gateway name', () => {
    const vs = named('VirtualService', 'tenant-acme');
    const findings = lint(
      replace(vs, withSpec(vs, { gateways: ['tenant-gateway'] })),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        object: 'VirtualService tenant-acme/tenant-acme',
        fix: 'spec.gateways: write "istio-ingress/tenant-gateway"',
      }),
    );
  });

  it('flags a VirtualService host without policy, Gateway binding or Envoy entry', () => {
    const vs = named('VirtualService', 'tenant-acme');
    const messages = lint(
      replace(vs, withSpec(vs, { hosts: ['initech.example.com'] })),
    ).map(f => f.message);
    expect(messages).toEqual([
      expect.stringContaining('is not bound by any Gateway server'),
      expect.stringContaining('has no CUSTOM AuthorizationPolicy'),
      expect.stringContaining('has no virtual host in the central Envoy'),
    ]);
  });

  it('flags a host claimed by two tenants', () => {
    const vs = named('VirtualService', 'tenant-globex');
    const stolen = withSpec(vs, { hosts: ['acme.example.com'] });
    const findings = lint(replace(vs, stolen));
    expect(findings).toContainEqual(
      expect.objectContaining({
        object: 'host acme.example.com',
        message: 'is claimed by tenants acme, globex',
      }),
    );
    expect(stolen.metadata.labels?.[TENANT_LABEL]).toBe('globex');
  });

  it.each([
    ['VirtualService', 'tenant-acme', { hosts: ['*.example.com'] }, 'wildcard'],
    [
      'Gateway',
      'tenant-gateway',
      { servers: [{ port: { number: 443 }, hosts: ['tenant-acme/*'] }] },
      'any host',
    ],
  ])('flags a catch-all in %s', (kind, name, spec, text) => {
    const object = named(kind, name);
    expect(
      lint(replace(object, withSpec(object, spec))).map(f => f.message),
    ).toContainEqual(expect.stringContaining(text));
  });

  it('flags a catch-all Envoy virtual host (B13)', () => {
    const routes = named('ConfigMap', 'tenant-authz-routes-0');
    const catchAll: KubernetesObject = {
      ...routes,
      data: {
        'routes.json': JSON.stringify({
          resources: [{ virtual_hosts: [{ name: 'any', domains: ['*'] }] }],
        }),
      },
    };
    expect(lint(replace(routes, catchAll))).toContainEqual(
      expect.objectContaining({ object: 'Envoy virtual host *' }),
    );
  });

  it('B14: flags a second Gateway with the same certificate on 443', () => {
    const gateway = named('Gateway', 'tenant-gateway');
    const second = {
      ...gateway,
      metadata: { ...gateway.metadata, name: 'acme-only' },
    };
    expect(lint([...objects, second])).toContainEqual(
      expect.objectContaining({
        object: 'Gateway istio-ingress/acme-only',
        message: expect.stringContaining('IST0138'),
      }),
    );
  });
});
