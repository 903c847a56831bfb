import type { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  authorizationPolicy,
  deployment,
  gateway,
  namespace,
  service,
  validObjects,
  virtualService,
} from './__fixtures__/validObjects';
import {
  checkKubernetesObject,
  checkKubernetesObjects,
} from './checkKubernetesObject';

/** A deep copy of a fixture with one change. */
function changed(
  fixture: KubernetesObject,
  change: (copy: KubernetesObject & { spec: Record<string, unknown> }) => void,
): KubernetesObject {
  const copy = structuredClone(fixture) as KubernetesObject & {
    spec: Record<string, unknown>;
  };
  change(copy);
  return copy;
}

describe('checkKubernetesObject', () => {
  it.each(validObjects.map(obj => [obj.kind, obj]))(
    'accepts a valid %s',
    (_kind, obj) => {
      expect(checkKubernetesObject(obj)).toEqual([]);
    },
  );

  it.each([
    {
      problem: 'a bad AuthorizationPolicy action',
      obj: changed(authorizationPolicy, o => {
        o.spec.action = 'PERMIT';
      }),
      path: 'spec.action',
      message: /allowed values: ALLOW, DENY, AUDIT, CUSTOM/,
    },
    {
      problem: 'non-array VirtualService hosts',
      obj: changed(virtualService, o => {
        o.spec.hosts = 'acme.example.com';
      }),
      path: 'spec.hosts',
      message: /must be array/,
    },
    {
      problem: 'a non-integer Gateway port',
      obj: changed(gateway, o => {
        const port = { number: '443', name: 'https', protocol: 'HTTPS' };
        o.spec.servers = [{ port, hosts: ['*'] }];
      }),
      path: 'spec.servers[0].port.number',
      message: /integer/,
    },
    {
      problem: 'a missing metadata.name',
      obj: changed(deployment, o => {
        delete (o.metadata as { name?: string }).name;
      }),
      path: 'metadata.name',
      message: /is required/,
    },
    {
      problem: 'an uppercase name',
      obj: changed(deployment, o => {
        o.metadata.name = 'OAuth2-Proxy';
      }),
      path: 'metadata.name',
      message: /not a DNS-1123 subdomain/,
    },
    {
      problem: 'a dotted Service name',
      obj: changed(service, o => {
        o.metadata.name = 'oauth2.proxy';
      }),
      path: 'metadata.name',
      message: /not a DNS-1123 label/,
    },
    {
      problem: 'a bad namespace',
      obj: changed(service, o => {
        o.metadata.namespace = 'Tenant_Acme';
      }),
      path: 'metadata.namespace',
      message: /not a DNS-1123 label/,
    },
    {
      problem: 'an unknown Istio spec field',
      obj: changed(authorizationPolicy, o => {
        o.spec.actions = 'CUSTOM';
      }),
      path: 'spec.actions',
      message: /unknown field "actions"/,
    },
    {
      problem: 'a misspelled spec',
      obj: changed(namespace, o => {
        Object.assign(o, { sepc: {} });
      }),
      path: 'sepc',
      message: /unknown field "sepc"/,
    },
    {
      problem: 'an unknown kind',
      obj: { ...gateway, kind: 'Gateways' },
      path: 'kind',
      message: /unknown kind Gateways of apiVersion networking.istio.io\/v1/,
    },
    {
      problem: 'a kind of an apiVersion not rendered',
      obj: { ...gateway, apiVersion: 'networking.istio.io/v1alpha3' },
      path: 'kind',
      message: /unknown kind Gateway/,
    },
  ])('reports $problem', ({ obj, path, message }) => {
    const problems = checkKubernetesObject(obj);

    expect(problems).toEqual([
      { object: expect.any(String), path, message: expect.any(String) },
    ]);
    expect(problems[0].message).toMatch(message);
  });

  it('names the object by kind, namespace and name', () => {
    const obj = changed(virtualService, o => {
      o.spec.hosts = 'acme.example.com';
    });
    expect(checkKubernetesObject(obj)[0].object).toBe(
      'VirtualService tenant-acme/acme',
    );
    expect(
      checkKubernetesObject({ ...namespace, kind: 'Nope' })[0].object,
    ).toBe('Nope tenant-acme');
  });
});

describe('checkKubernetesObjects', () => {
  it('reports the problems of every object', () => {
    const problems = checkKubernetesObjects([
      ...validObjects,
      { ...gateway, kind: 'Gateways' },
      changed(authorizationPolicy, o => {
        o.spec.action = 'PERMIT';
      }),
    ]);
    expect(problems.map(p => `${p.object}: ${p.path}`)).toEqual([
      'Gateways istio-ingress/tenants: kind',
      'AuthorizationPolicy istio-ingress/acme-ext-authz: spec.action',
    ]);
  });
});

describe('checkKubernetesObject on an EnvoyFilter', () => {
  const filter = (typedConfig: Record<string, unknown>) => ({
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: { name: 'strip', namespace: 'istio-ingress' },
    spec: {
      workloadSelector: { labels: { istio: 'ingressgateway' } },
      configPatches: [
        {
          applyTo: 'HTTP_FILTER',
          patch: {
            operation: 'INSERT_BEFORE',
            value: { name: 'strip', typed_config: typedConfig },
          },
        },
      ],
    },
  });
  const headerMutation =
    'type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation';

  it("checks the patch's Envoy config against Envoy's API", () => {
    expect(
      checkKubernetesObject(
        filter({
          '@type': headerMutation,
          mutations: { request_mutations: [{ remove: 'x-auth-request-user' }] },
        }),
      ),
    ).toEqual([]);
    expect(
      checkKubernetesObject(
        filter({
          '@type': headerMutation,
          mutations: { request_mutation: [{ remove: 'x-auth-request-user' }] },
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        path: expect.stringContaining(
          'spec.configPatches[0].patch.value.typed_config',
        ),
      }),
    ]);
  });
});
