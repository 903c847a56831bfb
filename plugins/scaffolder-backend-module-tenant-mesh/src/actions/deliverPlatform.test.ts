import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FIELD_MANAGER,
  PlatformSettings,
  readPlatformSettings,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { tenantRecordPath } from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { parse, stringify } from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { KnownSecretCognito } from '../__testUtils__/cognito';
import {
  acmeInput,
  platformConfig,
  testPlatform,
} from '../__testUtils__/platform';
import {
  clusterDelivery,
  fakeClusterTarget,
  gitopsDelivery,
} from '../__testUtils__/targets';
import { recordedTenants } from '../delivery/clusterSharedObjects';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { createTenantMeshDeliverAction } from './deliver';
import { createTenantMeshDeliverPlatformAction } from './deliverPlatform';

const platform = testPlatform();
const identity = {
  userPoolId: 'us-east-1_AbCdEf123',
  clientId: '1example23456789',
};
const tenant = (tenantId: string) => ({
  ...acmeInput,
  tenantId,
  host: `${tenantId}.example.com`,
  ...identity,
});

function platformAction(delivery: DeliveryTarget, settings = platform) {
  return createTenantMeshDeliverPlatformAction({
    platform: settings,
    delivery,
    logger: actionContext({ input: {} }).ctx.logger,
  });
}

async function deliverTenant(delivery: DeliveryTarget, tenantId: string) {
  await createTenantMeshDeliverAction({
    platform,
    catalog: catalogServiceMock(),
    cognito: new KnownSecretCognito('client-secret'),
    delivery,
    logger: actionContext({ input: {} }).ctx.logger,
    generateCookieSecret: () => 'q7Zx1Qd2Vb3Nm4Kl5Jh6Gf7Ds8Aa9Pp0Oo1Ii2Uu3Yy',
  }).handler(actionContext({ input: tenant(tenantId) }).ctx);
}

async function runPlatform(
  delivery: DeliveryTarget,
  options: { settings?: PlatformSettings; isDryRun?: boolean } = {},
) {
  const run = actionContext({ input: {}, isDryRun: options.isDryRun });
  await platformAction(delivery, options.settings).handler(run.ctx);
  return { ...run, log: run.lines.join('\n') };
}

const INSTALLER_FILES = [
  'platform/istio/istiooperator-tenant-mesh.yaml',
  'platform/istio/istiod-values.yaml',
];

describe('tenant-mesh:deliver-platform to a GitOps repository', () => {
  it('commits platform/ beside the tenants once, and nothing on the second run', async () => {
    const delivery = gitopsDelivery();
    await deliverTenant(delivery, 'acme');
    await deliverTenant(delivery, 'globex');
    const sharedBefore = await delivery.repository.readFiles('shared/');

    const first = await runPlatform(delivery);
    const second = await runPlatform(delivery);

    const log = await delivery.repository.log(10);
    expect(log.map(c => c.message.split('\n')[0])).toEqual([
      'Set up the tenant platform',
      'Onboard tenant globex',
      'Onboard tenant acme',
    ]);
    expect(log[0].message).toContain(
      '  platform/07-deployment-tenant-authz.yaml',
    );
    // The tenant deliver wrote the same shared files the platform plans.
    expect(await delivery.repository.readFiles('shared/')).toEqual(
      sharedBefore,
    );
    expect(first.outputs).toMatchObject({
      target: 'gitops',
      repository: delivery.repositoryPath,
      commit: log[0].commit,
      changed: true,
      tlsCredential: 'istio-ingress/wildcard-example-com',
      istioInstallerFiles: INSTALLER_FILES,
    });
    expect(first.outputs.files).toEqual(
      expect.arrayContaining([
        ...INSTALLER_FILES,
        'platform/01-namespace-tenant-authz.yaml',
        'platform/09-authorizationpolicy-tenant-mesh-every-host.yaml',
      ]),
    );
    expect(
      (first.outputs.files as string[]).every(f => f.startsWith('platform/')),
    ).toBe(true);
    expect(second.outputs).toMatchObject({
      commit: '',
      changed: false,
      files: [],
    });
    expect(second.log).toMatch(/already holds the platform.*2 tenants/);
  });

  it('regenerates shared/ from tenant records alone', async () => {
    const delivery = gitopsDelivery();
    await delivery.repository.init();
    const record = (tenantId: string): TenantSpec => ({
      ...acmeInput,
      tenantId,
      host: `${tenantId}.example.com`,
      identity,
    });
    await delivery.repository.commitChange({
      files: ['acme', 'globex'].map(id => ({
        path: tenantRecordPath(id),
        content: stringify(record(id)),
      })),
      message: 'Record two tenants',
    });

    const { outputs } = await runPlatform(delivery);

    const files = outputs.files as string[];
    expect(files).toContain('shared/01-gateway-tenant-gateway.yaml');
    expect(files).toContain('platform/07-deployment-tenant-authz.yaml');
    const [gateway] = await delivery.repository.readFiles('shared/01-gateway');
    expect(gateway.content).toContain('tenant-acme/acme.example.com');
    expect(gateway.content).toContain('tenant-globex/globex.example.com');
  });

  it('says where the installer inputs and the TLS Secret come from', async () => {
    const delivery = gitopsDelivery();

    const { log, outputs } = await runPlatform(delivery);

    const folder = delivery.repositoryPath;
    expect(log).toContain(
      `istioctl install -f <your IstioOperator> -f ${folder}/platform/istio/istiooperator-tenant-mesh.yaml`,
    );
    expect(log).toContain(
      `helm upgrade istiod istio/istiod -n istio-system -f <your values> -f ${folder}/platform/istio/istiod-values.yaml`,
    );
    expect(log).toContain(
      'kubectl -n istio-ingress create secret tls wildcard-example-com',
    );
    expect(outputs.nextSteps).toContain('istioctl install');
    expect(outputs.nextSteps).toContain('istio-ingress/wildcard-example-com');
    // Without tenants, no Gateway: it needs at least one server.
    expect(outputs.files).not.toContain(
      'shared/01-gateway-tenant-gateway.yaml',
    );
  });

  it('refuses, writing nothing, when delivered tenants name another provider', async () => {
    const delivery = gitopsDelivery();
    await deliverTenant(delivery, 'acme');
    const renamed = readPlatformSettings({
      ...platformConfig,
      extAuthzProvider: 'other-authz',
    });

    const run = runPlatform(delivery, { settings: renamed });

    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /AuthorizationPolicy istio-ingress\/ext-authz-acme: names provider "tenant-authz", the platform "other-authz" \(fix: tenantMesh\.extAuthzProvider\)/,
    );
    expect(await delivery.repository.log(10)).toHaveLength(1);
    expect(await delivery.repository.readFiles('platform/')).toEqual([]);
  });

  it('only reports what would change on a dry run', async () => {
    const delivery = gitopsDelivery();

    const { outputs, log } = await runPlatform(delivery, { isDryRun: true });

    expect(outputs).toMatchObject({ commit: '', changed: false });
    expect(outputs.files).toContain('platform/07-deployment-tenant-authz.yaml');
    expect(log).toMatch(/Dry run: .*nothing was written/);
    expect(await delivery.repository.log(10)).toEqual([]);
  });
});

describe('tenant-mesh:deliver-platform to a cluster', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    // Istio's installer made the gateway namespace; the platform makes its own.
    api.seed([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'istio-ingress' },
      },
    ]);
  });

  afterEach(() => api.close());

  const writesSince = (n: number) =>
    api.requests.slice(n).filter(r => r.method !== 'GET');

  it('server-side applies the platform, never sends a Secret, and says the TLS Secret is missing', async () => {
    const { outputs, log } = await runPlatform(clusterDelivery(api));

    const writes = writesSince(0);
    const patches = writes.filter(r => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(5);
    for (const patch of patches) {
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.query.fieldManager).toBe(FIELD_MANAGER);
    }
    expect(writes.filter(r => r.path.includes('/secrets'))).toEqual([]);
    expect(api.requests.filter(r => /istiooperator/i.test(r.path))).toEqual([]);
    expect(outputs.applied).toEqual(
      expect.arrayContaining([
        'Namespace tenant-authz',
        'Deployment tenant-authz/tenant-authz',
        'AuthorizationPolicy istio-ingress/tenant-mesh-every-host',
        'ConfigMap tenant-authz/tenant-authz-routes',
      ]),
    );
    expect(outputs).toMatchObject({
      target: 'cluster',
      tlsCredential: 'istio-ingress/wildcard-example-com',
      tlsCredentialFound: false,
      istioInstallerFiles: INSTALLER_FILES,
    });
    expect(log).toMatch(
      /warn: The gateway's TLS Secret istio-ingress\/wildcard-example-com is MISSING/,
    );
    expect(log).toContain(
      'istioctl install -f <your IstioOperator> -f out/platform/istio/istiooperator-tenant-mesh.yaml',
    );
  });

  it('finds a TLS Secret the platform team created', async () => {
    api.seed([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name: 'wildcard-example-com', namespace: 'istio-ingress' },
        data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
      },
    ]);

    const { outputs, log } = await runPlatform(clusterDelivery(api));

    expect(outputs.tlsCredentialFound).toBe(true);
    expect(log).not.toContain('MISSING');
    expect(log).not.toContain('a2V5');
  });

  it('keeps the recorded tenants and changes nothing on the second run', async () => {
    const delivery = clusterDelivery(api);
    await runPlatform(delivery);
    await deliverTenant(delivery, 'acme');
    const before = api.requests.length;

    const { log } = await runPlatform(delivery);

    expect(writesSince(before).filter(r => r.method !== 'PATCH')).toEqual([]);
    expect(log).toMatch(/0 created, 0 changed/);
    expect(log).toContain(
      'Shared Gateway istio-ingress/tenant-gateway was already up to date for 1 tenants.',
    );
  });

  it('restores a deleted shard with the tenants the Gateway records', async () => {
    const delivery = clusterDelivery(api);
    await runPlatform(delivery);
    await deliverTenant(delivery, 'acme');
    const shard = api
      .objects()
      .find(
        o =>
          o.kind === 'ConfigMap' &&
          o.metadata.name.startsWith('tenant-authz-routes-') &&
          JSON.stringify(o.data).includes('acme.example.com'),
      )!;
    await fakeClusterTarget(api).delete([shard]);

    await runPlatform(delivery);

    const restored = api.getObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'tenant-authz',
      name: shard.metadata.name,
    });
    expect(JSON.stringify(restored?.data)).toContain('acme.example.com');
    expect(recordedTenants(restored).map(t => t.tenantId)).toEqual(['acme']);
  });

  it('plans a tenant with its record, so a record the settings refuse stops the setup', async () => {
    const delivery = clusterDelivery(api);
    await runPlatform(delivery);
    await deliverTenant(delivery, 'acme');
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'tenant-acme',
      name: 'tenant-mesh-record',
    };
    const record = api.getObject(ref)!;
    // A lifetime beyond Cognito's bounds: only the record has it, the
    // Gateway's id and host do not.
    api.seed([
      {
        ...record,
        data: {
          'tenant.yaml': stringify({
            ...parse((record.data as Record<string, string>)['tenant.yaml']),
            tokenValidity: { refreshToken: '3651d' },
          }),
        },
      },
    ]);
    const before = api.requests.length;

    const run = runPlatform(delivery);

    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /do not fit the platform settings[\s\S]*refreshToken/,
    );
    expect(writesSince(before)).toEqual([]);
  });

  it('refuses an object Tenant Mesh does not manage before the first write', async () => {
    api.seed([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'tenant-authz' },
      },
    ]);

    const run = runPlatform(clusterDelivery(api));

    await expect(run).rejects.toThrow(NotAllowedError);
    await expect(run).rejects.toThrow('Namespace tenant-authz');
    expect(writesSince(0)).toEqual([]);
  });

  it('sends no write on a dry run', async () => {
    const { outputs, log } = await runPlatform(clusterDelivery(api), {
      isDryRun: true,
    });

    expect(writesSince(0)).toEqual([]);
    expect(outputs).toMatchObject({ applied: [], tlsCredentialFound: false });
    expect(log).toMatch(
      /Dry run: setting up the platform would apply \d+ objects/,
    );
  });
});
