import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { tenantReadPermission } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  TENANT_RECORD_FILE,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  acmeEntity,
  globexRecordYaml,
  initechDatabase,
  platformConfig,
} from './__fixtures__/tenants';
import { tenantMeshPlugin } from './plugin';

describe('GET /api/tenant-mesh/tenants/:id/availability', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-backend-'));
    const repository = new GitRepositoryTarget({ dir });
    await repository.init();
    await repository.writeTenant({
      tenantId: 'globex',
      files: [{ path: TENANT_RECORD_FILE, content: globexRecordYaml }],
      message: 'Onboard tenant globex',
    });
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function start(
    options: {
      tenantMesh?: JsonObject;
      permissions?: ServiceFactory;
    } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        tenantMeshPlugin,
        mockServices.rootConfig.factory({
          data: {
            tenantMesh: options.tenantMesh ?? {
              ...platformConfig,
              delivery: { target: 'gitops', gitops: { repository: dir } },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [acmeEntity, initechDatabase],
        }),
        ...(options.permissions ? [options.permissions] : []),
      ],
    });
    const base = `http://localhost:${server.port()}/api/tenant-mesh`;
    return (path: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { headers });
  }

  it('answers available for a free id, even when a non-tenant has that name', async () => {
    const get = await start();

    const response = await get('/tenants/initech/availability');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tenantId: 'initech',
      available: true,
      problems: [],
      suggestedHost: 'initech.example.com',
    });
  });

  it('names the rule an uppercase id breaks and suggests a lowercase host', async () => {
    const get = await start();

    const body = await (await get('/tenants/Initech/availability')).json();

    expect(body.available).toBe(false);
    expect(body.problems).toEqual([
      expect.objectContaining({ field: 'tenantId', rule: 'dns-label' }),
    ]);
    expect(body.suggestedHost).toBe('initech.example.com');
  });

  it('answers taken for an id of a tenant in the catalog', async () => {
    const get = await start();

    const body = await (await get('/tenants/acme/availability')).json();

    expect(body.available).toBe(false);
    expect(body.problems).toEqual([
      {
        field: 'tenantId',
        rule: 'taken',
        message: 'is taken by the catalog entity resource:default/acme',
      },
    ]);
  });

  it('answers taken for an id recorded in the GitOps repository', async () => {
    const get = await start();

    const body = await (await get('/tenants/globex/availability')).json();

    expect(body.available).toBe(false);
    expect(body.problems).toEqual([
      {
        field: 'tenantId',
        rule: 'taken',
        message: 'is taken by the GitOps record tenants/globex/tenant.yaml',
      },
    ]);
  });

  it('answers taken for an id whose record does not parse', async () => {
    await new GitRepositoryTarget({ dir }).writeTenant({
      tenantId: 'hooli',
      files: [{ path: TENANT_RECORD_FILE, content: 'host: [unclosed\n' }],
      message: 'Record tenant hooli',
    });
    const get = await start();

    const body = await (await get('/tenants/hooli/availability')).json();

    expect(body.available).toBe(false);
    expect(body.problems).toEqual([
      expect.objectContaining({
        rule: 'taken',
        message: expect.stringContaining(
          'tenants/hooli/tenant.yaml (which does not parse)',
        ),
      }),
    ]);
  });

  it('reads no records when delivery is not configured', async () => {
    const get = await start({ tenantMesh: platformConfig });

    const body = await (await get('/tenants/globex/availability')).json();

    expect(body).toMatchObject({ available: true, problems: [] });
  });

  it.each([
    ['a bad character', 'Acme Corp', ['dns-label']],
    [
      'too long and malformed',
      `A${'x'.repeat(60)}`,
      ['dns-label', 'max-length'],
    ],
    ['too long', 'a'.repeat(51), ['max-length']],
    ["another tenant's namespace", 'acme-auth', ['namespace-collision']],
  ])('lists every problem of an id with %s', async (_, id, rules) => {
    const get = await start();

    const response = await get(
      `/tenants/${encodeURIComponent(id)}/availability`,
    );

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.tenantId).toBe(id);
    expect(body.available).toBe(false);
    expect(
      body.problems.map((p: { field: string; rule: string }) => p.rule),
    ).toEqual(rules);
    expect(
      body.problems.every((p: { field: string }) => p.field === 'tenantId'),
    ).toBe(true);
  });

  it("checks the host when given, including another tenant's host", async () => {
    const get = await start();

    const body = await (
      await get('/tenants/acme-shop/availability?host=acme.example.com')
    ).json();

    expect(body.problems).toEqual([
      expect.objectContaining({ field: 'host', rule: 'host-of-tenant' }),
      expect.objectContaining({ field: 'host', rule: 'host-taken' }),
    ]);
  });

  it('refuses a request without credentials with 401', async () => {
    const get = await start();

    const response = await get('/tenants/initech/availability', {
      Authorization: mockCredentials.none.header(),
    });

    expect(response.status).toBe(401);
  });

  it('accepts a service caller', async () => {
    const get = await start();

    const response = await get('/tenants/initech/availability', {
      Authorization: mockCredentials.service.header(),
    });

    expect(response.status).toBe(200);
  });

  it('refuses a caller without the read permission with 403', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]),
    });
    const get = await start({ permissions: permissions.factory });

    const response = await get('/tenants/initech/availability');

    expect(response.status).toBe(403);
    expect((await response.json()).error.name).toBe('NotAllowedError');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: tenantReadPermission }],
      expect.anything(),
    );
  });

  it('fails at startup on invalid platform config', async () => {
    await expect(
      start({ tenantMesh: { ...platformConfig, baseDomains: [] } }),
    ).rejects.toThrow(/tenantMesh\.baseDomains/);
  });
});
