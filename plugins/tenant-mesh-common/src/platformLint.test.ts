import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { planTenants } from './plan';
import { MeshConfigSource, platformMeshConfigs } from './meshConfigLint';
import { lintPlatform } from './platformLint';
import { planPlatform } from './platformPlan';
import { KubernetesObject, LintFinding } from './types';

const tenants = planTenants([acmeSpec, globexSpec], testPlatform);
const plan = planPlatform(testPlatform, { tenants: tenants.tenants });
const input = {
  platform: testPlatform,
  platformObjects: plan.objects,
  meshConfigs: platformMeshConfigs(plan),
  tenantObjects: [
    ...tenants.tenants.flatMap(t => t.objects),
    ...tenants.shared,
  ],
};

/** A copy of the objects with one object's spec (or namespace) changed. */
function change(
  objects: KubernetesObject[],
  target: { kind: string; name: string; namespace?: string },
  edit: (o: KubernetesObject) => KubernetesObject,
): KubernetesObject[] {
  let hit = 0;
  const result = objects.map(o => {
    const match =
      o.kind === target.kind &&
      o.metadata.name === target.name &&
      (target.namespace === undefined ||
        o.metadata.namespace === target.namespace);
    hit += match ? 1 : 0;
    return match ? edit(o) : o;
  });
  if (hit !== 1) throw new Error(`${target.kind} ${target.name}: ${hit} hits`);
  return result;
}

const withSpec = (patch: object) => (o: KubernetesObject) => ({
  ...o,
  spec: { ...(o.spec as object), ...patch },
});

/** The mesh config sources with one provider field changed in one source. */
function changeProvider(
  index: number,
  patch: { name?: string; port?: number },
): MeshConfigSource[] {
  return input.meshConfigs.map((source, i) => {
    if (i !== index) return source;
    const provider = plan.extensionProvider;
    return {
      source: source.source,
      meshConfig: {
        extensionProviders: [
          {
            name: patch.name ?? provider.name,
            envoyExtAuthzHttp: {
              ...provider.envoyExtAuthzHttp,
              ...(patch.port ? { port: patch.port } : {}),
            },
          },
        ],
      },
    };
  });
}

describe('lintPlatform', () => {
  it('finds nothing wrong with the platform and both example tenants', () => {
    expect(lintPlatform(input)).toEqual([]);
  });

  it.each<[string, () => LintFinding[], Partial<LintFinding>]>([
    [
      'the provider renamed in the IstioOperator overlay only',
      () =>
        lintPlatform({
          ...input,
          meshConfigs: changeProvider(0, { name: 'authz' }),
        }),
      {
        object: 'IstioOperator tenant-mesh',
        message: expect.stringContaining(
          'no extension provider "tenant-authz"',
        ),
        fix: 'tenantMesh.extAuthzProvider',
      },
    ],
    [
      'the provider renamed in the istiod Helm values only',
      () =>
        lintPlatform({
          ...input,
          meshConfigs: changeProvider(1, { name: 'authz' }),
        }),
      { object: 'istiod Helm values', fix: 'tenantMesh.extAuthzProvider' },
    ],
    [
      'the provider pointing at another port',
      () =>
        lintPlatform({
          ...input,
          meshConfigs: changeProvider(1, { port: 9000 }),
        }),
      { object: 'istiod Helm values', fix: 'tenantMesh.envoy.port' },
    ],
    [
      'the provider renamed in one tenant’s policy only',
      () =>
        lintPlatform({
          ...input,
          tenantObjects: change(
            input.tenantObjects,
            { kind: 'AuthorizationPolicy', name: 'ext-authz-globex' },
            withSpec({ provider: { name: 'authz' } }),
          ),
        }),
      {
        object: 'AuthorizationPolicy istio-ingress/ext-authz-globex',
        message: 'names provider "authz", the platform "tenant-authz"',
        fix: 'tenantMesh.extAuthzProvider',
      },
    ],
    [
      'a tenant policy for other gateway pods',
      () =>
        lintPlatform({
          ...input,
          tenantObjects: change(
            input.tenantObjects,
            { kind: 'AuthorizationPolicy', name: 'ext-authz-acme' },
            withSpec({ selector: { matchLabels: { istio: 'other' } } }),
          ),
        }),
      {
        object: 'AuthorizationPolicy istio-ingress/ext-authz-acme',
        fix: 'tenantMesh.gateway.selector',
      },
    ],
    [
      'a tenant policy in another gateway namespace',
      () =>
        lintPlatform({
          ...input,
          tenantObjects: change(
            input.tenantObjects,
            { kind: 'AuthorizationPolicy', name: 'ext-authz-acme' },
            o => ({
              ...o,
              metadata: { ...o.metadata, namespace: 'istio-system' },
            }),
          ),
        }),
      {
        object: 'AuthorizationPolicy istio-system/ext-authz-acme',
        fix: 'tenantMesh.gateway.namespace',
      },
    ],
    [
      'a Gateway for other gateway pods',
      () =>
        lintPlatform({
          ...input,
          tenantObjects: change(
            input.tenantObjects,
            { kind: 'Gateway', name: 'tenant-gateway' },
            withSpec({ selector: { istio: 'other' } }),
          ),
        }),
      {
        object: 'Gateway istio-ingress/tenant-gateway',
        fix: 'tenantMesh.gateway.selector',
      },
    ],
    [
      'an auth namespace admitting another Envoy principal',
      () => {
        const moved = planPlatform({
          ...testPlatform,
          envoy: { ...testPlatform.envoy, namespace: 'authz-system' },
        });
        return lintPlatform({ ...input, platformObjects: moved.objects });
      },
      {
        object: 'AuthorizationPolicy tenant-acme-auth/allow-central-envoy',
        message: expect.stringContaining(
          'not the central Envoy (cluster.local/ns/authz-system/sa/tenant-authz)',
        ),
        fix: 'tenantMesh.envoy.namespace, tenantMesh.envoy.serviceAccount',
      },
    ],
    [
      'an auth namespace NetworkPolicy admitting another namespace',
      () =>
        lintPlatform({
          ...input,
          platformObjects: planPlatform({
            ...testPlatform,
            envoy: { ...testPlatform.envoy, namespace: 'authz-system' },
          }).objects,
        }),
      {
        object: 'NetworkPolicy tenant-globex-auth/allow-central-envoy',
        fix: 'tenantMesh.envoy.namespace',
      },
    ],
    [
      'a platform without its gateway-wide policy',
      () =>
        lintPlatform({
          ...input,
          platformObjects: plan.objects.filter(
            o => o.metadata.name !== 'tenant-mesh-every-host',
          ),
        }),
      { object: 'platform', message: expect.stringContaining('(W1)') },
    ],
  ])('names the setting for %s', (_case, run, expected) => {
    expect(run()).toContainEqual(expect.objectContaining(expected));
  });

  it('reports a provider changed in one place only once per place', () => {
    const findings = lintPlatform({
      ...input,
      meshConfigs: changeProvider(0, { name: 'authz' }),
    });
    expect(findings.map(f => f.object)).toEqual(['IstioOperator tenant-mesh']);
  });
});
