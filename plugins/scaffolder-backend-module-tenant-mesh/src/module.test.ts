import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { platformConfig } from './__testUtils__/platform';
import { TENANT_LOCKS_TABLE } from './locks/TenantLocks';
import { tenantMeshModule } from './module';

async function registeredActions(
  tenantMesh: object,
  database = mockServices.database.factory(),
) {
  const actions: TemplateAction[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added: TemplateAction[]) => actions.push(...added) },
      ],
    ],
    features: [
      tenantMeshModule,
      mockServices.rootConfig.factory({ data: { tenantMesh } }),
      catalogServiceMock.factory(),
      database,
    ],
  });
  return actions;
}

describe('tenantMeshModule', () => {
  it('registers plan, cognito, register and deliver without contacting Cognito or Git', async () => {
    const repository = join(mkdtempSync(join(tmpdir(), 'tm-')), 'gitops');
    const actions = await registeredActions({
      ...platformConfig,
      cognito: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
      delivery: { target: 'gitops', gitops: { repository } },
    });

    expect(actions.map(a => a.id)).toEqual([
      'tenant-mesh:plan',
      'tenant-mesh:cognito',
      'tenant-mesh:register',
      'tenant-mesh:deliver',
      'tenant-mesh:deliver-platform',
    ]);
    for (const action of actions) {
      expect(action.description).toBeTruthy();
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.output).toBeDefined();
    }
  });

  it('creates its lock table in the scaffolder database', async () => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });

    await registeredActions(
      platformConfig,
      mockServices.database.factory({ knex }),
    );

    expect(await knex.schema.hasTable(TENANT_LOCKS_TABLE)).toBe(true);
    await knex.destroy();
  });

  it('starts with a cluster target whose kubeconfig is not there yet', async () => {
    const actions = await registeredActions({
      ...platformConfig,
      delivery: {
        target: 'cluster',
        cluster: { kubeconfig: '/nonexistent/kubeconfig' },
      },
    });

    expect(actions.map(a => a.id)).toContain('tenant-mesh:deliver');
  });

  it('leaves deliver out without a delivery block', async () => {
    const actions = await registeredActions(platformConfig);

    expect(actions.map(a => a.id)).toEqual([
      'tenant-mesh:plan',
      'tenant-mesh:cognito',
      'tenant-mesh:register',
    ]);
  });

  it.each([
    [{ baseDomains: [] }, /tenantMesh\.baseDomains/],
    [
      { ...platformConfig, delivery: { target: 'cluster', cluster: {} } },
      /tenantMesh\.delivery\.cluster must set exactly one/,
    ],
    [
      {
        ...platformConfig,
        delivery: { target: 'cluster', cluster: { entityRef: 'resource:c' } },
      },
      /serviceAccountToken/,
    ],
  ])('fails startup on bad config %#', async (tenantMesh, message) => {
    await expect(registeredActions(tenantMesh)).rejects.toThrow(message);
  });
});
