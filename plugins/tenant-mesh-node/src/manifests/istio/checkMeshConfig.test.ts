import type { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { checkIstioOperator, checkMeshConfig } from './checkMeshConfig';

const provider = {
  name: 'tenant-authz',
  envoyExtAuthzHttp: {
    service: 'tenant-authz.tenant-authz.svc.cluster.local',
    port: 8080,
    timeout: '5s',
    failOpen: false,
    includeRequestHeadersInCheck: ['cookie'],
  },
};

const check = (meshConfig: unknown) =>
  checkMeshConfig(meshConfig, { object: 'values' }).map(
    p => `${p.path}: ${p.message}`,
  );

describe('checkMeshConfig', () => {
  it('accepts an HTTP ext-authz provider and leaves other keys alone', () => {
    expect(
      check({ extensionProviders: [provider], accessLogFile: '/dev/stdout' }),
    ).toEqual([]);
  });

  it.each<[string, object, string]>([
    [
      'a misspelt field',
      { includeHeadersInChek: [] },
      'envoyExtAuthzHttp.includeHeadersInChek: unknown field',
    ],
    [
      'a port as a string',
      { port: '8080' },
      'envoyExtAuthzHttp.port: must be a port number',
    ],
    [
      'a timeout in ms',
      { timeout: '500ms' },
      'envoyExtAuthzHttp.timeout: must be a duration',
    ],
    [
      'failOpen as a string',
      { failOpen: 'false' },
      'envoyExtAuthzHttp.failOpen: must be true or false',
    ],
  ])('reports %s', (_case, patch, expected) => {
    const broken = {
      ...provider,
      envoyExtAuthzHttp: { ...provider.envoyExtAuthzHttp, ...patch },
    };
    expect(check({ extensionProviders: [broken] })).toEqual([
      expect.stringContaining(`meshConfig.extensionProviders[0].${expected}`),
    ]);
  });

  it('reports a provider without a service, and a name listed twice', () => {
    const { service: _service, ...rest } = provider.envoyExtAuthzHttp;
    expect(
      check({
        extensionProviders: [
          provider,
          { name: 'tenant-authz', envoyExtAuthzHttp: rest },
        ],
      }),
    ).toEqual([
      'meshConfig.extensionProviders[1].envoyExtAuthzHttp.service: is required',
      'meshConfig.extensionProviders[1].name: "tenant-authz" is listed twice',
    ]);
  });
});

describe('checkIstioOperator', () => {
  const overlay: KubernetesObject = {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name: 'tenant-mesh' },
    spec: { meshConfig: { extensionProviders: [provider] } },
  };

  it('accepts the overlay', () => {
    expect(checkIstioOperator(overlay)).toEqual([]);
  });

  it('reports a misplaced meshConfig by its path', () => {
    const misplaced = { ...overlay, spec: { meshconfig: {} } };
    expect(checkIstioOperator(misplaced)).toEqual([
      {
        object: 'IstioOperator tenant-mesh',
        path: 'spec.meshconfig',
        message: 'unknown field "meshconfig"',
      },
    ]);
  });
});
