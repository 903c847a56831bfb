/*
 * The platform plan against the real schemas, like the tenant plan in
 * planSchemas.test.ts: Kubernetes and Istio models, Envoy's v3 API for the
 * bootstrap, and the meshConfig part of the installer inputs.
 */
import {
  planPlatform,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { checkEnvoyResource } from './envoy/checkEnvoyResource';
import { checkIstioOperator, checkMeshConfig } from './istio/checkMeshConfig';
import { checkKubernetesObjects } from './kubernetes/checkKubernetesObject';

const platform = readPlatformSettings({
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
});

describe('the platform plan against the real schemas', () => {
  const plan = planPlatform(platform);

  it('renders only objects their models accept', () => {
    expect(plan.objects.map(o => o.kind)).toEqual(
      expect.arrayContaining([
        'Deployment',
        'PodDisruptionBudget',
        'NetworkPolicy',
      ]),
    );
    expect(
      checkKubernetesObjects([...plan.objects, ...plan.shared.objects]),
    ).toEqual([]);
  });

  it('would notice a field the Deployment model does not know', () => {
    const deployment = plan.objects.find(o => o.kind === 'Deployment')!;
    const broken = {
      ...deployment,
      spec: { ...(deployment.spec as object), replica: 2 },
    };
    expect(checkKubernetesObjects([broken])).not.toEqual([]);
  });

  it("renders a bootstrap with a readiness listener Envoy's v3 API accepts", () => {
    expect(
      checkEnvoyResource(
        'envoy.config.bootstrap.v3.Bootstrap',
        plan.shared.envoy.bootstrap,
      ),
    ).toEqual([]);
  });

  it('renders installer inputs whose meshConfig istiod would parse', () => {
    expect(checkIstioOperator(plan.istioOperator)).toEqual([]);
    expect(
      checkMeshConfig(plan.istiodValues.meshConfig, {
        object: 'istiod values',
      }),
    ).toEqual([]);
  });
});
