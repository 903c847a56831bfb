import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  maxTenantIdLength,
  TENANT_ID_PATTERN,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  KubernetesTarget,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { validate } from 'jsonschema';
import { stringify } from 'yaml';
import {
  actionContext,
  temporaryWorkspace,
} from '../__testUtils__/actionContext';
import {
  acmeInput,
  tenantEntity,
  testPlatform,
} from '../__testUtils__/platform';
import { fixedClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { createTenantMeshPlanAction } from './plan';

const platform = testPlatform();
const catalog = catalogServiceMock({
  entities: [tenantEntity('globex', 'globex.example.com')],
});

function gitops(): Extract<DeliveryTarget, { kind: 'gitops' }> {
  const repositoryPath = join(mkdtempSync(join(tmpdir(), 'tm-plan-')), 'repo');
  return {
    kind: 'gitops',
    repository: new GitRepositoryTarget({ dir: repositoryPath }),
    repositoryPath,
  };
}

describe('tenant-mesh:plan', () => {
  it('puts the shared tenant id pattern and length limit into the JSON Schema', () => {
    const action = createTenantMeshPlanAction({ platform, catalog });
    const properties = action.schema?.input?.properties as Record<
      string,
      { pattern?: string; maxLength?: number; enum?: string[] }
    >;

    expect(properties.tenantId.pattern).toBe(TENANT_ID_PATTERN);
    expect(properties.tenantId.maxLength).toBe(maxTenantIdLength(platform));
    expect(properties.mfa.enum).toEqual(['off', 'optional', 'on']);
    expect(
      validate({ ...acmeInput, tenantId: 'Acme_Corp' }, action.schema!.input!)
        .valid,
    ).toBe(false);
    expect(validate(acmeInput, action.schema!.input!).valid).toBe(true);
  });

  it.each([
    [
      { host: 'globex.example.com' },
      /^host: globex\.example\.com already belongs to tenant globex$/m,
    ],
    [{ tenantId: 'Acme_Corp' }, /^tenantId: /m],
    [{ tenantId: 'a'.repeat(51) }, /^tenantId: must be at most 50 characters/m],
    [{ host: 'acme.other.org' }, /^host: must be a subdomain of example\.com/m],
    [
      { session: { cookieRefresh: '24h', cookieExpire: '12h' } },
      /^session\.cookieRefresh: /m,
    ],
  ])(
    'refuses %j in the handler, naming the field, before writing anything',
    async (change, message) => {
      const delivery = gitops();
      const action = createTenantMeshPlanAction({
        platform,
        catalog,
        delivery,
      });
      const { ctx, outputs } = actionContext({
        input: { ...acmeInput, ...change },
      });

      const run = action.handler(ctx);

      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(message);
      expect(readdirSync(ctx.workspacePath)).toEqual([]);
      expect(outputs).toEqual({});
      expect(existsSync(delivery.repositoryPath)).toBe(false);
    },
  );

  it('writes the plan into the workspace and outputs a summary', async () => {
    const action = createTenantMeshPlanAction({ platform, catalog });
    const { ctx, outputs, lines } = actionContext({ input: acmeInput });

    await action.handler(ctx);

    const folder = join(ctx.workspacePath, 'tenant-mesh/acme');
    expect(readdirSync(join(folder, 'tenants/acme'))).toContain('tenant.yaml');
    expect(readdirSync(join(folder, 'shared')).length).toBeGreaterThan(0);
    expect(outputs).toMatchObject({
      tenantId: 'acme',
      host: 'acme.example.com',
      namespaces: ['tenant-acme', 'tenant-acme-auth'],
      domainPrefix: expect.stringMatching(/^acme-[0-9a-f]{8}$/),
      objectCount: expect.any(Number),
    });
    expect(outputs.summary).toMatch(/^Tenant acme \(Acme Corporation\)/);
    expect(outputs.changes).toBeUndefined();
    expect(lines.join('\n')).toMatch(
      /not compared with existing files, because no GitOps repository/,
    );
  });

  it('reports the changes against the GitOps repository', async () => {
    const delivery = gitops();
    await delivery.repository.init();
    await delivery.repository.commitChange({
      files: [
        {
          path: 'tenants/globex/tenant.yaml',
          content: stringify({
            tenantId: 'globex',
            displayName: 'Globex',
            host: 'globex.example.com',
            owner: 'group:default/platform-team',
          }),
        },
        { path: 'shared/old.yaml', content: 'old: true\n' },
      ],
      message: 'Onboard tenant globex',
    });
    const action = createTenantMeshPlanAction({ platform, catalog, delivery });
    const { ctx, outputs } = actionContext({ input: acmeInput });

    await action.handler(ctx);

    const changes = outputs.changes as Record<string, string[]>;
    expect(changes.added).toContain('tenants/acme/tenant.yaml');
    expect(changes.added).toContain('shared/01-gateway-tenant-gateway.yaml');
    expect(changes.removed).toEqual(['shared/old.yaml']);
  });

  it("refuses another tenant's hosted-UI domain prefix before any Cognito call (B17)", async () => {
    const delivery = gitops();
    await delivery.repository.init();
    await delivery.repository.commitChange({
      files: [
        {
          path: 'tenants/globex/tenant.yaml',
          content: stringify({
            tenantId: 'globex',
            displayName: 'Globex',
            host: 'globex.example.com',
            owner: 'group:default/platform-team',
            domainPrefix: 'shared-login',
          }),
        },
      ],
      message: 'Onboard tenant globex',
    });
    const action = createTenantMeshPlanAction({ platform, catalog, delivery });
    const { ctx } = actionContext({
      input: { ...acmeInput, domainPrefix: 'shared-login' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /^domainPrefix: shared-login is the hosted-UI domain of tenant globex/m,
    );
  });

  describe('dry run', () => {
    let api: FakeKubernetesApi;

    beforeEach(async () => {
      api = await startFakeKubernetesApi();
    });

    afterEach(() => api.close());

    it('reads the cluster target but writes nothing remote', async () => {
      const kubeconfig = join(temporaryWorkspace(), 'kubeconfig');
      writeFileSync(kubeconfig, api.kubeConfig());
      const delivery: DeliveryTarget = {
        kind: 'cluster',
        cluster: fixedClusterProvider(
          KubernetesTarget.fromKubeconfigFile(kubeconfig),
        ),
      };
      const action = createTenantMeshPlanAction({
        platform,
        catalog,
        delivery,
      });
      const { ctx, outputs } = actionContext({
        input: acmeInput,
        isDryRun: true,
      });

      await action.handler(ctx);

      expect(outputs.tenantId).toBe('acme');
      expect(api.requests.length).toBeGreaterThan(0);
      expect(api.requests.filter(r => r.method !== 'GET')).toEqual([]);
      expect(api.objects()).toEqual([]);
    });
  });
});
