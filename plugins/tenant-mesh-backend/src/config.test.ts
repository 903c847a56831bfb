import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { platformConfig } from './__fixtures__/tenants';
import { readTenantMeshBackendConfig } from './config';

const read = (extra: JsonObject) =>
  readTenantMeshBackendConfig(
    mockServices.rootConfig({
      data: { tenantMesh: { ...platformConfig, ...extra } },
    }),
  );

describe('readTenantMeshBackendConfig', () => {
  it('reads the status settings, trimming the gateway URL', () => {
    const config = read({
      status: {
        cluster: { inCluster: true },
        loginProbe: { gatewayUrl: 'https://gateway.example.com/' },
        meshConfigMap: 'mesh/istio-1-24',
      },
    });

    expect(config.statusCluster).toEqual({
      access: expect.objectContaining({ inCluster: true }),
      configKey: 'tenantMesh.status.cluster',
    });
    expect(config.loginProbeGatewayUrl).toBe('https://gateway.example.com');
    expect(config.meshConfigMap).toEqual({
      namespace: 'mesh',
      name: 'istio-1-24',
    });
  });

  // Read at startup: a bad value is the operator's mistake, never a 400.
  it.each([
    [
      'a gateway URL that is not http',
      { status: { loginProbe: { gatewayUrl: 'ftp://gateway' } } },
      'tenantMesh.status.loginProbe.gatewayUrl must be an http or https URL',
    ],
    [
      'a ConfigMap that is not <namespace>/<name>',
      { status: { meshConfigMap: 'istio' } },
      'tenantMesh.status.meshConfigMap must be <namespace>/<name> of a ConfigMap, e.g. istio-system/istio, got "istio"',
    ],
    [
      'a status cluster reached no way',
      { status: { cluster: { context: 'prod' } } },
      'tenantMesh.status.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got none',
    ],
    [
      'an unknown delivery target',
      { delivery: { target: 'ftp' } },
      'tenantMesh.delivery.target must be gitops or cluster, got "ftp"',
    ],
  ])('refuses %s, naming the key and the rule', (_case, extra, message) => {
    expect(() => read(extra)).toThrow(message);
    expect(() => read(extra)).not.toThrow(InputError);
  });
});
