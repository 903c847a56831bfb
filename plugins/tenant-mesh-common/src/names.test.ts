import { acmeSpec, testPlatform } from './__fixtures__/platform';
import { maxTenantIdLength, tenantNames } from './names';
import { planTenant } from './plan';
import { KubernetesObject } from './types';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Deterministic pseudo-random valid ids of every length up to `max`. */
function generateIds(count: number, max: number): string[] {
  const first = 'abcdefghijklmnopqrstuvwxyz';
  const inner = `${first}0123456789-`;
  const ends = `${first}0123456789`;
  let state = 42;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const length = (i % max) + 1;
    let id = first[next(first.length)];
    for (let j = 1; j < length - 1; j++) id += inner[next(inner.length)];
    if (length > 1) id += ends[next(ends.length)];
    return id;
  });
}

/** Every name and label value of an object that Kubernetes limits to 63. */
function limitedValues(object: KubernetesObject): string[] {
  const template = (object.spec as { template?: KubernetesObject } | undefined)
    ?.template;
  return [
    object.metadata.name,
    ...(object.metadata.namespace ? [object.metadata.namespace] : []),
    ...Object.values(object.metadata.labels ?? {}),
    ...Object.values(template?.metadata?.labels ?? {}),
  ];
}

describe('maxTenantIdLength (B25)', () => {
  it('is 50 with the default patterns', () => {
    expect(maxTenantIdLength(testPlatform)).toBe(50);
  });

  it('follows the namespace patterns', () => {
    const platform = {
      ...testPlatform,
      namespaces: { tenant: 'saas-{id}', auth: 'saas-{id}-oidc-proxy-ns' },
    };
    expect(maxTenantIdLength(platform)).toBe(63 - 'saas--oidc-proxy-ns'.length);
  });
});

describe('tenantNames', () => {
  it('derives every name of acme', () => {
    expect(tenantNames('acme', testPlatform)).toEqual({
      tenantNamespace: 'tenant-acme',
      authNamespace: 'tenant-acme-auth',
      oauth2Proxy: 'oauth2-proxy-acme',
      extAuthzPolicy: 'ext-authz-acme',
      virtualService: 'tenant-acme',
      cognitoPool: 'tenant-mesh-acme',
      cognitoClient: 'tenant-mesh-acme-oauth2-proxy',
      envoyVirtualHost: 'acme',
    });
  });

  it('gives DNS-1123 labels for every valid id up to the limit (property)', () => {
    const max = maxTenantIdLength(testPlatform);
    const ids = generateIds(400, max);
    expect(ids.some(id => id.length === max)).toBe(true);
    for (const tenantId of ids) {
      const plan = planTenant({
        spec: { ...acmeSpec, tenantId, host: `${tenantId}.example.com` },
        platform: testPlatform,
      });
      for (const object of plan.objects) {
        for (const value of limitedValues(object)) {
          expect(value.length).toBeLessThanOrEqual(63);
          expect(value).toMatch(DNS_1123_LABEL);
        }
      }
      expect(plan.cognito.domainPrefix.length).toBeLessThanOrEqual(63);
    }
  });
});
