import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { planTenants } from './plan';
import { planFiles, toYaml } from './renderYaml';
import { KubernetesObject } from './types';

describe('toYaml', () => {
  it('sorts keys, so insertion order does not matter', () => {
    const a: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'y' },
      data: { b: '2', a: '1' },
    };
    const b: KubernetesObject = {
      data: { a: '1', b: '2' },
      metadata: { namespace: 'y', name: 'x' },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    };
    expect(toYaml([a])).toBe(toYaml([b]));
    expect(toYaml([a, b])).toBe(`${toYaml([a])}---\n${toYaml([b])}`);
  });
});

describe('planFiles', () => {
  it('lays out one folder per tenant and a shared folder', () => {
    const paths = planFiles(
      planTenants([globexSpec, acmeSpec], testPlatform),
    ).map(f => f.path);
    expect(paths[0]).toBe('tenants/acme/01-namespace-tenant-acme.yaml');
    expect(paths).toContain(
      'tenants/globex/15-virtualservice-tenant-globex.yaml',
    );
    expect(paths).toContain('shared/01-gateway-tenant-gateway.yaml');
    expect(paths[paths.length - 1]).toBe(
      'shared/meshconfig-extension-provider.yaml',
    );
  });
});
