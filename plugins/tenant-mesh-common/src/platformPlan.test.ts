import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { ENVOY_HEALTH_PORT, ENVOY_READY_PATH } from './envoyBootstrap';
import { MANAGED_BY_LABEL } from './keys';
import { centralEnvoyPodLabels } from './meshObjects';
import { planTenants } from './plan';
import { planPlatformFiles } from './platformFiles';
import { planPlatform } from './platformPlan';
import { KubernetesObject } from './types';

const GOLDEN_DIR = path.join(__dirname, '__fixtures__', 'golden-platform');

const tenants = planTenants([acmeSpec, globexSpec], testPlatform);
const plan = planPlatform(testPlatform, { tenants: tenants.tenants });

function find(objects: KubernetesObject[], kind: string, name?: string) {
  const found = objects.find(
    o => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
  return found;
}

/** Typed views of the parts the tests read. */
interface DeploymentSpec {
  replicas: number;
  strategy: { rollingUpdate: { maxSurge: number; maxUnavailable: number } };
  template: {
    metadata: { labels: Record<string, string> };
    spec: {
      serviceAccountName: string;
      terminationGracePeriodSeconds: number;
      containers: Array<{
        image: string;
        ports: Array<{ name: string; containerPort: number }>;
        readinessProbe: { httpGet: { path: string; port: string } };
        lifecycle: { preStop: { sleep: { seconds: number } } };
        volumeMounts: Array<{ name: string; mountPath: string }>;
      }>;
      volumes: Array<{ name: string; configMap: { name: string } }>;
    };
  };
}
const deployment = find(plan.objects, 'Deployment');
const deploymentSpec = deployment.spec as DeploymentSpec;
const container = deploymentSpec.template.spec.containers[0];

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name)).map(f => `${entry.name}/${f}`)
        : [entry.name],
    );
}

describe('planPlatform', () => {
  it('runs a pinned upstream Envoy, at least two, never below capacity (W5, W6)', () => {
    expect(container.image).toBe(testPlatform.envoy.image);
    expect(container.image).toMatch(/:v\d+\.\d+\.\d+$/);
    expect(deploymentSpec.replicas).toBeGreaterThanOrEqual(2);
    expect(deploymentSpec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(find(plan.objects, 'PodDisruptionBudget').spec).toMatchObject({
      maxUnavailable: 1,
    });
  });

  it('mounts every Envoy ConfigMap as a directory, so routes reload in place', () => {
    const { mounts } = plan.shared.envoy;
    const volumes = deploymentSpec.template.spec.volumes;
    expect(volumes.map(v => v.configMap.name)).toEqual(
      mounts.map(m => m.configMap),
    );
    expect(container.volumeMounts.map(m => m.mountPath)).toEqual(
      mounts.map(m => m.mountPath),
    );
    expect(JSON.stringify(deployment)).not.toContain('subPath');
    // Every mounted ConfigMap is one the shared plan renders.
    const rendered = plan.shared.objects.map(o => o.metadata.name);
    expect(rendered).toEqual(
      expect.arrayContaining(mounts.map(m => m.configMap)),
    );
  });

  it('is ready only when the listener the bootstrap serves /ready on answers', () => {
    const health = container.ports.find(p => p.name === 'health');
    expect(container.readinessProbe.httpGet).toEqual({
      path: ENVOY_READY_PATH,
      port: 'health',
    });
    expect(health?.containerPort).toBe(ENVOY_HEALTH_PORT);
    const bootstrap = JSON.stringify(plan.shared.envoy.bootstrap);
    expect(bootstrap).toContain(`"port_value":${ENVOY_HEALTH_PORT}`);
    expect(bootstrap).toContain(`"exact":"${ENVOY_READY_PATH}"`);
  });

  it('keeps serving through the preStop sleep, within the grace period', () => {
    const { seconds } = container.lifecycle.preStop.sleep;
    // Longer than one check (the provider timeout), shorter than the grace.
    const checkSeconds = parseInt(
      plan.extensionProvider.envoyExtAuthzHttp.timeout,
      10,
    );
    expect(seconds).toBeGreaterThan(checkSeconds);
    expect(
      deploymentSpec.template.spec.terminationGracePeriodSeconds,
    ).toBeGreaterThan(seconds);
  });

  it('gives the Envoy the pod labels and principal the tenant namespaces admit', () => {
    const tenantObjects = tenants.tenants.flatMap(t => t.objects);
    expect(deploymentSpec.template.metadata.labels).toMatchObject(
      centralEnvoyPodLabels(testPlatform),
    );
    const allow = find(
      tenantObjects,
      'AuthorizationPolicy',
      'allow-central-envoy',
    );
    const sa = deploymentSpec.template.spec.serviceAccountName;
    expect(JSON.stringify(allow.spec)).toContain(
      `"cluster.local/ns/${deployment.metadata.namespace}/sa/${sa}"`,
    );
    expect(find(plan.objects, 'ServiceAccount').metadata.name).toBe(sa);
  });

  it('admits only the ingress gateway into the Envoy namespace', () => {
    const allow = find(
      plan.objects,
      'AuthorizationPolicy',
      'allow-ingress-gateway',
    );
    expect(allow.spec).toMatchObject({
      action: 'ALLOW',
      rules: [
        {
          from: [
            {
              source: {
                principals: [
                  'cluster.local/ns/istio-ingress/sa/istio-ingressgateway',
                ],
              },
            },
          ],
        },
      ],
    });
    expect(find(plan.objects, 'PeerAuthentication').spec).toEqual({
      mtls: { mode: 'STRICT' },
    });
  });

  it('sends the provider to the Service it renders', () => {
    const service = find(plan.objects, 'Service');
    const { envoyExtAuthzHttp } = plan.extensionProvider;
    expect(envoyExtAuthzHttp.service).toBe(
      `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`,
    );
    expect(service.spec).toMatchObject({
      ports: [{ port: envoyExtAuthzHttp.port }],
    });
    expect(plan.istioOperator.spec.meshConfig.extensionProviders).toEqual([
      plan.extensionProvider,
    ]);
    expect(plan.istiodValues.meshConfig).toEqual(
      plan.istioOperator.spec.meshConfig,
    );
  });

  it('checks every request at the gateway with the tenants’ one provider (W1, B10)', () => {
    const everyHost = find(
      plan.objects,
      'AuthorizationPolicy',
      'tenant-mesh-every-host',
    );
    const tenantPolicy = find(
      tenants.tenants[0].objects,
      'AuthorizationPolicy',
      'ext-authz-acme',
    );
    expect(everyHost.spec).toEqual({
      selector: (tenantPolicy.spec as { selector: object }).selector,
      action: 'CUSTOM',
      provider: (tenantPolicy.spec as { provider: object }).provider,
      rules: [{}],
    });
    expect(everyHost.metadata.namespace).toBe(tenantPolicy.metadata.namespace);
  });

  it('reuses the tenant plan’s Gateway and names the TLS Secret without rendering it', () => {
    expect(plan.shared.objects).toEqual(tenants.shared);
    expect(plan.objects.some(o => o.kind === 'Gateway')).toBe(false);
    expect(plan.tlsCredential).toEqual({
      namespace: 'istio-ingress',
      name: 'wildcard-example-com',
      type: 'kubernetes.io/tls',
      keys: ['tls.crt', 'tls.key'],
      hosts: ['*.example.com'],
    });
    const files = planPlatformFiles(plan)
      .map(f => f.content)
      .join('\n');
    expect(files).not.toMatch(/kind: Secret\b/);
  });

  it('labels every object managed-by tenant-mesh', () => {
    for (const o of [...plan.objects, plan.istioOperator]) {
      expect({
        object: o.metadata.name,
        label: o.metadata.labels?.[MANAGED_BY_LABEL],
      }).toEqual({
        object: o.metadata.name,
        label: 'tenant-mesh',
      });
    }
  });

  it('plans without tenants: no Gateway, the same platform objects', () => {
    const alone = planPlatform(testPlatform);
    expect(alone.shared.objects.some(o => o.kind === 'Gateway')).toBe(false);
    expect(alone.objects).toEqual(plan.objects);
  });

  it('refuses the Envoy in the gateway namespace, naming the setting', () => {
    const call = () =>
      planPlatform({
        ...testPlatform,
        envoy: { ...testPlatform.envoy, namespace: 'istio-ingress' },
      });
    expect(call).toThrow(InputError);
    expect(call).toThrow('tenantMesh.envoy.namespace');
  });

  it('gives the same bytes for any tenant order and on every run', () => {
    const render = (specs = [acmeSpec, globexSpec]) =>
      JSON.stringify(
        planPlatformFiles(
          planPlatform(testPlatform, {
            tenants: planTenants(specs, testPlatform).tenants,
          }),
        ),
      );
    expect(render([globexSpec, acmeSpec])).toBe(render());
    expect(render()).toBe(render());
  });

  it('matches the golden files byte for byte (UPDATE_GOLDEN=1 rewrites)', () => {
    const files = planPlatformFiles(plan);
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.rmSync(GOLDEN_DIR, { recursive: true, force: true });
      for (const file of files) {
        const target = path.join(GOLDEN_DIR, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
      }
    }
    expect(listFiles(GOLDEN_DIR).sort()).toEqual(files.map(f => f.path).sort());
    for (const file of files) {
      const golden = fs.readFileSync(path.join(GOLDEN_DIR, file.path), 'utf8');
      expect({ path: file.path, content: file.content }).toEqual({
        path: file.path,
        content: golden,
      });
    }
  });
});
