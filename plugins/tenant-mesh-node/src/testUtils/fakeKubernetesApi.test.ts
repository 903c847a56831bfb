import { FakeKubernetesApi, startFakeKubernetesApi } from './fakeKubernetesApi';

describe('startFakeKubernetesApi', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    api.seed([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'tenant-acme' },
      },
    ]);
  });

  afterEach(() => api.close());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${api.token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { code: response.status, body: await response.json() };
  };

  const configMap = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'tenant-acme', labels: { tier: name } },
    data,
  });
  const cmPath = '/api/v1/namespaces/tenant-acme/configmaps';

  it('serves discovery with plurals and the namespaced flag', async () => {
    const { body } = await call('GET', '/apis/security.istio.io/v1');
    expect(body).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'security.istio.io/v1',
    });
    expect(body.resources).toContainEqual(
      expect.objectContaining({
        kind: 'AuthorizationPolicy',
        name: 'authorizationpolicies',
        namespaced: true,
      }),
    );
    const core = await call('GET', '/api/v1');
    expect(core.body.resources).toContainEqual(
      expect.objectContaining({ kind: 'Namespace', namespaced: false }),
    );
    expect((await call('GET', '/apis')).body.groups).toContainEqual(
      expect.objectContaining({ name: 'networking.istio.io' }),
    );
  });

  it('refuses requests without the bearer token', async () => {
    const response = await fetch(`${api.url}/api/v1`);
    expect(response.status).toBe(401);
  });

  it('creates once, then answers 409 AlreadyExists', async () => {
    const first = await call('POST', cmPath, configMap('a', { k: 'v' }));
    expect(first.code).toBe(201);
    expect(first.body.metadata.resourceVersion).toBeDefined();

    const second = await call('POST', cmPath, configMap('a', { k: 'v' }));
    expect(second).toMatchObject({
      code: 409,
      body: { kind: 'Status', status: 'Failure', reason: 'AlreadyExists' },
    });
  });

  it('refuses a namespaced object in a missing namespace', async () => {
    const { code, body } = await call(
      'POST',
      '/api/v1/namespaces/nowhere/configmaps',
      { ...configMap('a', {}), metadata: { name: 'a', namespace: 'nowhere' } },
    );
    expect(code).toBe(404);
    expect(body.message).toBe('namespaces "nowhere" not found');
  });

  it('answers 409 Conflict to a PUT with a stale resourceVersion', async () => {
    const created = await call('POST', cmPath, configMap('a', { k: 'v1' }));
    const stale = created.body.metadata.resourceVersion;
    const updated = await call('PUT', `${cmPath}/a`, {
      ...created.body,
      data: { k: 'v2' },
    });
    expect(updated.code).toBe(200);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(stale),
    );

    const conflict = await call('PUT', `${cmPath}/a`, {
      ...created.body,
      data: { k: 'v3' },
    });
    expect(conflict.code).toBe(409);
    expect(conflict.body.reason).toBe('Conflict');
    expect(
      api.getObject({
        ...configMap('a', {}),
        name: 'a',
        namespace: 'tenant-acme',
      })?.data,
    ).toEqual({ k: 'v2' });
  });

  it('answers 415 with a Status for an unknown patch type', async () => {
    await call('POST', cmPath, configMap('a', {}));
    const { code, body } = await call(
      'PATCH',
      `${cmPath}/a`,
      {},
      'application/json',
    );
    expect(code).toBe(415);
    expect(body).toMatchObject({ kind: 'Status', code: 415 });
  });

  it('applies with field managers, conflicts and force', async () => {
    const path = `${cmPath}/a?fieldManager=tenant-mesh`;
    const created = await call(
      'PATCH',
      path,
      configMap('a', { ours: '1' }),
      'application/apply-patch+yaml',
    );
    expect(created.code).toBe(201);
    expect(created.body.metadata.managedFields[0]).toMatchObject({
      manager: 'tenant-mesh',
      operation: 'Apply',
    });

    const again = await call(
      'PATCH',
      path,
      configMap('a', { ours: '1' }),
      'application/apply-patch+yaml',
    );
    expect(again.body.metadata.resourceVersion).toBe(
      created.body.metadata.resourceVersion,
    );

    await call(
      'PATCH',
      `${cmPath}/a?fieldManager=someone`,
      { data: { ours: '2' } },
      'application/merge-patch+json',
    );
    const conflict = await call(
      'PATCH',
      path,
      configMap('a', { ours: '1' }),
      'application/apply-patch+yaml',
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body.details.causes[0]).toMatchObject({
      field: '.data.ours',
    });

    const forced = await call(
      'PATCH',
      `${path}&force=true`,
      configMap('a', { ours: '1' }),
      'application/apply-patch+yaml',
    );
    expect(forced.code).toBe(200);
    expect(forced.body.data).toEqual({ ours: '1' });
  });

  it('requires a field manager for apply and keeps dry runs out', async () => {
    const missing = await call(
      'PATCH',
      `${cmPath}/a`,
      configMap('a', {}),
      'application/apply-patch+yaml',
    );
    expect(missing.code).toBe(422);

    const dry = await call(
      'PATCH',
      `${cmPath}/a?fieldManager=x&dryRun=All`,
      configMap('a', {}),
      'application/apply-patch+yaml',
    );
    expect(dry.code).toBe(201);
    expect((await call('GET', `${cmPath}/a`)).code).toBe(404);
  });

  it('lists by label selector in pages', async () => {
    for (const name of ['a', 'b', 'c']) {
      await call('POST', cmPath, configMap(name, {}));
    }
    const first = await call(
      'GET',
      `${cmPath}?labelSelector=tier!%3Db&limit=1`,
    );
    expect(
      first.body.items.map(
        (o: { metadata: { name: string } }) => o.metadata.name,
      ),
    ).toEqual(['a']);
    const second = await call(
      'GET',
      `${cmPath}?labelSelector=tier!%3Db&limit=1&continue=${first.body.metadata.continue}`,
    );
    expect(
      second.body.items.map(
        (o: { metadata: { name: string } }) => o.metadata.name,
      ),
    ).toEqual(['c']);
    expect(second.body.metadata.continue).toBeUndefined();
  });

  it('refuses a set-based selector even when nothing would match', async () => {
    const { code, body } = await call(
      'GET',
      `${cmPath}?labelSelector=${encodeURIComponent('tier in (a)')}`,
    );
    expect(code).toBe(400);
    expect(body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('lists what the last writes left, with their managers', async () => {
    await call('POST', cmPath, configMap('a', { k: 'v' }));
    await call('GET', cmPath);
    await call('POST', cmPath, configMap('b', {}));
    const applied = await call(
      'PATCH',
      `${cmPath}/a?fieldManager=tenant-mesh&force=true`,
      configMap('a', { k: 'w' }),
      'application/apply-patch+yaml',
    );
    expect(applied.code).toBe(200);
    await call('DELETE', `${cmPath}/b`);

    const { body } = await call('GET', cmPath);

    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      metadata: { name: 'a' },
      data: { k: 'w' },
    });
    expect(
      body.items[0].metadata.managedFields.map(
        (f: { manager: string }) => f.manager,
      ),
    ).toContain('tenant-mesh');
  });

  it('fails the nth matching request and records every request', async () => {
    api.inject({ method: 'GET', nth: 2, code: 500 });
    expect((await call('GET', '/api/v1')).code).toBe(200);
    expect((await call('GET', '/api/v1')).code).toBe(500);
    expect((await call('GET', '/api/v1')).code).toBe(200);

    await call('DELETE', '/api/v1/namespaces/tenant-acme');
    expect(api.requests.at(-1)).toEqual({
      method: 'DELETE',
      path: '/api/v1/namespaces/tenant-acme',
      query: {},
    });
    expect(api.objects()).toEqual([]);
  });
});
