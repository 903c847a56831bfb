import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { KUBERNETES_ID_LABEL, MANAGED_BY_LABEL, TENANT_LABEL } from './keys';
import { CONFIG_CHECKSUM_ANNOTATION } from './oauth2ProxyObjects';
import { planTenantObjects } from './tenantObjects';
import { resolveTenantSpec } from './tenantSpec';
import { KubernetesObject, TenantSpec } from './types';

function plan(spec: TenantSpec = acmeSpec) {
  return planTenantObjects(resolveTenantSpec(spec, testPlatform), testPlatform);
}

/** The fields of the objects these tests read. */
interface TestSpec {
  replicas: number;
  template: {
    metadata: { annotations: Record<string, string> };
    spec: {
      securityContext: object;
      containers: Array<{
        image: string;
        env: object[];
        securityContext: object;
        livenessProbe: { httpGet: { path: string } };
        readinessProbe: { httpGet: { path: string } };
      }>;
    };
  };
  rules: Array<{ from: Array<{ source: { principals: string[] } }> }>;
  hosts: string[];
  gateways: string[];
  http: Array<{ match: object[] }>;
}

function find(objects: KubernetesObject[], kind: string, name: string) {
  const object = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind} ${name}`);
  return { ...object, spec: object.spec as TestSpec };
}

describe('planTenantObjects', () => {
  const { objects, pending } = plan();

  it('lists the objects in apply order', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/tenant-acme',
      'Namespace/tenant-acme-auth',
      'PeerAuthentication/default',
      'PeerAuthentication/default',
      'AuthorizationPolicy/allow-ingress-gateway',
      'AuthorizationPolicy/allow-central-envoy',
      'NetworkPolicy/allow-ingress-gateway',
      'NetworkPolicy/allow-central-envoy',
      'ServiceAccount/oauth2-proxy-acme',
      'ConfigMap/oauth2-proxy-acme',
      'Deployment/oauth2-proxy-acme',
      'Service/oauth2-proxy-acme',
      'PodDisruptionBudget/oauth2-proxy-acme',
      'ServiceAccount/productpage',
      'Deployment/productpage',
      'Service/productpage',
      'AuthorizationPolicy/ext-authz-acme',
      'VirtualService/tenant-acme',
    ]);
    expect(pending).toEqual([]);
  });

  it('labels every object as managed and owned by acme', () => {
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject({
        [MANAGED_BY_LABEL]: 'tenant-mesh',
        [TENANT_LABEL]: 'acme',
        [KUBERNETES_ID_LABEL]: 'acme',
        'app.kubernetes.io/part-of': 'tenant-mesh',
      });
    }
  });

  it('injects the mesh and enforces STRICT mTLS in both namespaces', () => {
    for (const ns of ['tenant-acme', 'tenant-acme-auth']) {
      expect(find(objects, 'Namespace', ns).metadata.labels).toMatchObject({
        'istio-injection': 'enabled',
      });
    }
    const peers = objects.filter(o => o.kind === 'PeerAuthentication');
    expect(peers.map(p => p.spec)).toEqual([
      { mtls: { mode: 'STRICT' } },
      { mtls: { mode: 'STRICT' } },
    ]);
  });

  it('admits only the gateway, and only the central Envoy, by principal', () => {
    const gateway = find(
      objects,
      'AuthorizationPolicy',
      'allow-ingress-gateway',
    );
    expect(gateway.metadata.namespace).toBe('tenant-acme');
    expect(gateway.spec.rules).toEqual([
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
    ]);
    const envoy = find(objects, 'AuthorizationPolicy', 'allow-central-envoy');
    expect(envoy.metadata.namespace).toBe('tenant-acme-auth');
    expect(envoy.spec.rules[0].from[0].source.principals).toEqual([
      'cluster.local/ns/tenant-authz/sa/tenant-authz',
    ]);
  });

  it('runs a hardened, pinned oauth2-proxy with secrets by reference', () => {
    const deployment = find(objects, 'Deployment', 'oauth2-proxy-acme');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(deployment.spec.replicas).toBe(2);
    expect(container.image).toBe('quay.io/oauth2-proxy/oauth2-proxy:v7.12.0');
    expect(container.env).toEqual([
      {
        name: 'OAUTH2_PROXY_CLIENT_SECRET',
        valueFrom: {
          secretKeyRef: { name: 'oauth2-proxy-acme', key: 'client-secret' },
        },
      },
      {
        name: 'OAUTH2_PROXY_COOKIE_SECRET',
        valueFrom: {
          secretKeyRef: { name: 'oauth2-proxy-acme', key: 'cookie-secret' },
        },
      },
    ]);
    expect(container.livenessProbe.httpGet.path).toBe('/ping');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('rolls the pods when the config changes', () => {
    const checksum = (spec: TenantSpec) =>
      find(plan(spec).objects, 'Deployment', 'oauth2-proxy-acme').spec.template
        .metadata.annotations[CONFIG_CHECKSUM_ANNOTATION];
    expect(checksum(acmeSpec)).toMatch(/^[0-9a-f]{16}$/);
    expect(checksum({ ...acmeSpec, session: { cookieExpire: '8h' } })).not.toBe(
      checksum(acmeSpec),
    );
  });

  it('binds the VirtualService as ns/name with explicit paths (B15, W22)', () => {
    const vs = find(objects, 'VirtualService', 'tenant-acme');
    expect(vs.apiVersion).toBe('networking.istio.io/v1');
    expect(vs.spec.hosts).toEqual(['acme.example.com']);
    expect(vs.spec.gateways).toEqual(['istio-ingress/tenant-gateway']);
    const http: TestSpec['http'] = vs.spec.http;
    const matches = http.flatMap(route => route.match);
    expect(matches).not.toContainEqual({ uri: { prefix: '/' } });
    expect(matches).toContainEqual({ uri: { exact: '/productpage' } });
  });

  it('guards the host with its own CUSTOM policy on the gateway', () => {
    const policy = find(objects, 'AuthorizationPolicy', 'ext-authz-acme');
    expect(policy.apiVersion).toBe('security.istio.io/v1');
    expect(policy.metadata.namespace).toBe('istio-ingress');
    expect(policy.spec).toEqual({
      selector: { matchLabels: { istio: 'ingressgateway' } },
      action: 'CUSTOM',
      provider: { name: 'tenant-authz' },
      rules: [
        {
          to: [
            {
              operation: { hosts: ['acme.example.com', 'acme.example.com:*'] },
            },
          ],
        },
      ],
    });
  });

  it('leaves out the oauth2-proxy workload until Cognito ids are known', () => {
    const globex = plan(globexSpec);
    expect(globex.pending).toHaveLength(1);
    expect(globex.objects.map(o => o.kind)).not.toContain('ConfigMap');
    expect(
      globex.objects
        .filter(o => o.kind === 'Deployment')
        .map(o => o.metadata.name),
    ).toEqual(['productpage']);
  });

  it('plans no workload or route for workload none', () => {
    const kinds = plan({ ...acmeSpec, workload: 'none' }).objects.map(
      o => `${o.kind}/${o.metadata.name}`,
    );
    expect(kinds).not.toContain('VirtualService/tenant-acme');
    expect(kinds).not.toContain('Deployment/productpage');
    expect(kinds).toContain('AuthorizationPolicy/ext-authz-acme');
  });

  it.each([
    // bookinfo's productpage only; with no workload, the platform team's own
    // app on any port, still only from the ingress gateway.
    ['bookinfo' as const, [{ protocol: 'TCP', port: 9080 }]],
    ['none' as const, undefined],
  ])('admits the gateway to workload %s on %j', (workload, ports) => {
    const policy = plan({ ...acmeSpec, workload }).objects.find(
      o =>
        o.kind === 'NetworkPolicy' &&
        o.metadata.namespace === 'tenant-acme' &&
        o.metadata.name === 'allow-ingress-gateway',
    );
    const spec = policy?.spec as {
      ingress: Array<{ from: object[]; ports?: object[] }>;
    };
    expect(spec.ingress).toHaveLength(1);
    expect(spec.ingress[0].ports).toEqual(ports);
    expect(spec.ingress[0].from).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' },
        },
        podSelector: { matchLabels: { istio: 'ingressgateway' } },
      },
    ]);
  });
});
