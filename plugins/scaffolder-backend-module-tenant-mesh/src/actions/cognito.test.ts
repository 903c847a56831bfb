import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, InputError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { COGNITO_TENANT_TAG } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  createCognitoClient,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  actionContext,
  memoryCheckpoints,
} from '../__testUtils__/actionContext';
import { tenantPoolsAndClients } from '../__testUtils__/cognito';
import {
  CognitoLocal,
  startCognitoLocal,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import {
  acmeInput,
  tenantEntity,
  testPlatform,
} from '../__testUtils__/platform';
import { TenantLocks } from '../locks/TenantLocks';
import { createTenantMeshCognitoAction } from './cognito';

let local: CognitoLocal;
let client: ReturnType<typeof createCognitoClient>;
let cognito: TenantCognito;

beforeAll(async () => {
  local = await startCognitoLocal();
  client = createCognitoClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
  });
  cognito = new TenantCognito({ client });
});

afterAll(() => local?.stop());

afterEach(() => jest.restoreAllMocks());

function cognitoAction(locks?: TenantLocks) {
  const { logger } = actionContext({ input: {} }).ctx;
  return createTenantMeshCognitoAction({
    platform: testPlatform(local.endpoint),
    catalog: catalogServiceMock({
      entities: [tenantEntity('globex', 'globex.example.com')],
    }),
    cognito,
    logger,
    locks,
  });
}

const tenant = (tenantId: string) => ({
  ...acmeInput,
  tenantId,
  host: `${tenantId}.example.com`,
});

const poolsOf = (tenantId: string) =>
  tenantPoolsAndClients(local.endpoint, tenantId, COGNITO_TENANT_TAG);

describe('tenant-mesh:cognito against cognito-local', () => {
  it('creates one pool and one client, and adopts them in a second task', async () => {
    const action = cognitoAction();
    const first = actionContext({ input: tenant('acme') });
    const second = actionContext({ input: tenant('acme') });

    await action.handler(first.ctx);
    await action.handler(second.ctx);

    const pools = await poolsOf('acme');
    expect(pools).toHaveLength(1);
    expect(pools[0].clientIds).toHaveLength(1);
    expect(second.outputs).toEqual(first.outputs);
    expect(first.outputs).toEqual({
      userPoolId: pools[0].userPoolId,
      clientId: pools[0].clientIds[0],
      issuerUrl: `${local.endpoint}/${pools[0].userPoolId}`,
      domainPrefix: expect.stringMatching(/^acme-[0-9a-f]{8}$/),
      domainStatus: 'unsupported',
      region: 'us-east-1',
    });
    expect(second.lines.join('\n')).toMatch(/Adopted user pool/);
  });

  it('says plainly that the emulator has no domains and claims no hosted UI (B26)', async () => {
    const check = jest.spyOn(cognito, 'checkDomainAvailable');
    const ensurePool = jest.spyOn(cognito, 'ensureUserPool');
    const { ctx, outputs, lines } = actionContext({ input: tenant('initech') });

    await cognitoAction().handler(ctx);

    // The domain is checked before the pool exists (B17).
    expect(check.mock.invocationCallOrder[0]).toBeLessThan(
      ensurePool.mock.invocationCallOrder[0],
    );
    expect(outputs.domainStatus).toBe('unsupported');
    expect(outputs).not.toHaveProperty('hostedUiUrl');
    expect(lines.join('\n')).toMatch(
      /hosted UI domain initech-[0-9a-f]{8} was NOT created: the Cognito emulator \(cognito-local\) does not support hosted UI domains/,
    );
  });

  it.each([
    ['the same task', true],
    ['a new task', false],
  ])(
    'completes a run that failed between pool and client, retried as %s, without duplicates (B21)',
    async (_, sameTask) => {
      const tenantId = sameTask ? 'umbrella' : 'hooli';
      const action = cognitoAction();
      const checkpoints = memoryCheckpoints();
      jest
        .spyOn(cognito, 'ensureUserPoolClient')
        .mockRejectedValueOnce(new Error('connection reset'));

      await expect(
        action.handler(
          actionContext({ input: tenant(tenantId), checkpoints }).ctx,
        ),
      ).rejects.toThrow('connection reset');
      expect(await poolsOf(tenantId)).toEqual([
        { userPoolId: expect.any(String), clientIds: [] },
      ]);
      const retry = actionContext({
        input: tenant(tenantId),
        checkpoints: sameTask ? checkpoints : undefined,
      });
      await action.handler(retry.ctx);

      const pools = await poolsOf(tenantId);
      expect(pools).toHaveLength(1);
      expect(pools[0].clientIds).toEqual([retry.outputs.clientId]);
      expect([...retry.checkpoints.store.keys()]).toEqual([
        `cognito.user-pool.${tenantId}`,
        `cognito.client.${tenantId}`,
      ]);
      expect(JSON.stringify([...retry.checkpoints.store.values()])).not.toMatch(
        /secret/i,
      );
    },
  );

  it('checks the domain before creating the pool, and stops when the prefix is taken (B17)', async () => {
    const check = jest
      .spyOn(cognito, 'checkDomainAvailable')
      .mockRejectedValueOnce(
        new ConflictError(
          'The hosted UI domain prefix (domainPrefix) "wayne-auth" is already taken by user pool us-east-1_Other1',
        ),
      );
    const ensurePool = jest.spyOn(cognito, 'ensureUserPool');
    const { ctx } = actionContext({
      input: { ...tenant('wayne'), domainPrefix: 'wayne-auth' },
    });

    await expect(cognitoAction().handler(ctx)).rejects.toThrow(/domainPrefix/);

    expect(check).toHaveBeenCalledWith('wayne-auth', {
      expectedPoolId: undefined,
    });
    expect(ensurePool).not.toHaveBeenCalled();
    expect(await poolsOf('wayne')).toEqual([]);
  });

  it('refuses a host of another tenant before any Cognito call (B22)', async () => {
    const find = jest.spyOn(cognito, 'findUserPool');
    const { ctx } = actionContext({
      input: { ...tenant('acme'), host: 'globex.example.com' },
    });

    const run = cognitoAction().handler(ctx);

    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/^host: /m);
    expect(find).not.toHaveBeenCalled();
  });

  it('only reads in a dry run', async () => {
    const ensurePool = jest.spyOn(cognito, 'ensureUserPool');
    const ensureClient = jest.spyOn(cognito, 'ensureUserPoolClient');
    const { ctx, outputs, lines } = actionContext({
      input: tenant('soylent'),
      isDryRun: true,
    });

    await cognitoAction().handler(ctx);

    expect(ensurePool).not.toHaveBeenCalled();
    expect(ensureClient).not.toHaveBeenCalled();
    expect(await poolsOf('soylent')).toEqual([]);
    expect(outputs.domainStatus).toBe('unsupported');
    expect(lines.join('\n')).toMatch(/Dry run: would create user pool/);
  });
});

describe('tenant-mesh:cognito in tasks that start at the same time', () => {
  let knex: Knex;

  beforeEach(() => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
  });

  afterEach(() => knex.destroy());

  it('makes one pool and one client for three tasks of one new tenant, and all three adopt them', async () => {
    // One database as the replicas share it; one checkpoint store per task.
    const locks = await TenantLocks.create({ knex });
    const tasks = [1, 2, 3].map(() =>
      actionContext({ input: tenant('cyberdyne') }),
    );
    // AWS takes a moment to create a pool and cognito-local answers at once;
    // the delay opens the window between finding no pool and creating one.
    const send = client.send.bind(client) as (command: object) => unknown;
    jest.spyOn(client, 'send').mockImplementation((async (command: object) => {
      if (command.constructor.name === 'CreateUserPoolCommand') {
        await sleep(300);
      }
      return send(command);
    }) as typeof client.send);

    await Promise.all(
      tasks.map(task => cognitoAction(locks).handler(task.ctx)),
    );

    const pools = await poolsOf('cyberdyne');
    expect(pools).toEqual([
      { userPoolId: expect.any(String), clientIds: [expect.any(String)] },
    ]);
    for (const task of tasks) {
      expect(task.outputs).toMatchObject({
        userPoolId: pools[0].userPoolId,
        clientId: pools[0].clientIds[0],
      });
    }
    const logs = tasks.map(task => task.lines.join('\n'));
    expect(logs.filter(log => /Created user pool/.test(log))).toHaveLength(1);
    expect(logs.filter(log => /Adopted user pool/.test(log))).toHaveLength(2);
  });
});
