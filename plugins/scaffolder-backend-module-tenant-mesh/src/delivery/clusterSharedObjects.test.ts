import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { recordedTenants, TENANTS_ANNOTATION } from './clusterSharedObjects';

const gateway = (annotation?: string): KubernetesObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: {
    name: 'tenant-gateway',
    namespace: 'istio-ingress',
    ...(annotation === undefined
      ? {}
      : { annotations: { [TENANTS_ANNOTATION]: annotation } }),
  },
});

describe('recordedTenants', () => {
  it('reads the tenants a shared object was generated from', () => {
    expect(recordedTenants(gateway('{"acme":"acme.example.com"}'))).toEqual([
      { tenantId: 'acme', host: 'acme.example.com' },
    ]);
    expect(recordedTenants(gateway())).toEqual([]);
    expect(recordedTenants(undefined)).toEqual([]);
  });

  it.each(['not json', 'null', '[]', '42', '{"acme":7}'])(
    'refuses %s with a ConflictError naming the object',
    annotation => {
      expect(() => recordedTenants(gateway(annotation))).toThrow(
        expect.objectContaining({
          name: 'ConflictError',
          message: expect.stringContaining(
            'Gateway istio-ingress/tenant-gateway is not a JSON map',
          ),
        }),
      );
    },
  );
});
