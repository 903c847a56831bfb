import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { healthyStatus } from '../__fixtures__/tenantStatus';
import { TenantMeshClient } from './TenantMeshClient';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('TenantMeshClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage' });
  const fetch = jest.fn<Promise<Response>, Parameters<typeof global.fetch>>();
  const client = new TenantMeshClient({ discoveryApi, fetchApi: { fetch } });

  beforeEach(() => fetch.mockReset());

  it('reads a tenant status through the backend cache by default', async () => {
    fetch.mockResolvedValue(json(healthyStatus()));

    await expect(client.getTenantStatus('acme')).resolves.toMatchObject({
      tenantId: 'acme',
      state: 'ok',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/tenant-mesh/tenants/acme/status',
    );
  });

  it('asks past the cache when fresh', async () => {
    fetch.mockResolvedValue(json(healthyStatus()));

    await client.getTenantStatus('acme', { fresh: true });

    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/tenant-mesh/tenants/acme/status?fresh=true',
    );
  });

  it('lists the tenants through the backend cache by default', async () => {
    fetch.mockResolvedValue(
      json({ items: [], checkedAt: '', cluster: { configured: false } }),
    );

    await expect(client.listTenants()).resolves.toMatchObject({ items: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/tenant-mesh/tenants',
    );
  });

  it('lists the tenants past the cache when fresh', async () => {
    fetch.mockResolvedValue(
      json({ items: [], checkedAt: '', cluster: { configured: false } }),
    );

    await client.listTenants({ fresh: true });

    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/tenant-mesh/tenants?fresh=true',
    );
  });

  it('turns an error answer into a ResponseError', async () => {
    fetch.mockResolvedValue(
      json(
        {
          error: { name: 'NotFoundError', message: 'No tenant globex' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );

    const error = await client.getTenantStatus('globex').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });
});
