import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { validate } from 'jsonschema';
import { actionContext } from '../__testUtils__/actionContext';
import { exampleInput, InputOf } from '../__testUtils__/examples';
import { createTenantMeshRegisterAction } from './register';
import { examples } from './register.examples';

const acme: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'acme', namespace: 'default' },
  spec: { type: 'tenant', owner: 'group:default/platform-team' },
};

const fast = { timeoutMs: 200, intervalMs: 10, refreshEveryMs: 1_000 };

describe('tenant-mesh:register', () => {
  it('outputs the ref once the catalog holds the tenant entity', async () => {
    const requestRefresh = jest.fn(async () => {});
    const action = createTenantMeshRegisterAction({
      catalog: catalogServiceMock({ entities: [acme] }),
      requestRefresh,
      timing: fast,
    });
    const { ctx, outputs } = actionContext({ input: { tenantId: 'acme' } });

    await action.handler(ctx);

    expect(requestRefresh).toHaveBeenCalledTimes(1);
    expect(outputs.entityRef).toBe('resource:default/acme');
  });

  it('waits for an entity that appears later', async () => {
    const catalog = catalogServiceMock();
    let calls = 0;
    jest.spyOn(catalog, 'getEntityByRef').mockImplementation(async () => {
      calls += 1;
      return calls < 3 ? undefined : acme;
    });
    const action = createTenantMeshRegisterAction({ catalog, timing: fast });
    const { ctx, outputs } = actionContext({ input: { tenantId: 'acme' } });

    await action.handler(ctx);

    expect(calls).toBe(3);
    expect(outputs.entityRef).toBe('resource:default/acme');
  });

  it('asks for a refresh again while it waits', async () => {
    const catalog = catalogServiceMock();
    const requestRefresh = jest.fn(async () => {});
    let calls = 0;
    jest.spyOn(catalog, 'getEntityByRef').mockImplementation(async () => {
      calls += 1;
      // Appears only after the second ask, as when the first one was
      // refused because a refresh was running.
      return requestRefresh.mock.calls.length >= 2 ? acme : undefined;
    });
    const action = createTenantMeshRegisterAction({
      catalog,
      requestRefresh,
      timing: { timeoutMs: 2_000, intervalMs: 5, refreshEveryMs: 20 },
    });
    const { ctx, outputs } = actionContext({ input: { tenantId: 'acme' } });

    await action.handler(ctx);

    expect(requestRefresh).toHaveBeenCalledTimes(2);
    expect(calls).toBeGreaterThan(1);
    expect(outputs.entityRef).toBe('resource:default/acme');
  });

  it('fails with a NotFoundError naming the entity when it never appears', async () => {
    const action = createTenantMeshRegisterAction({
      catalog: catalogServiceMock(),
      timing: fast,
    });
    const { ctx } = actionContext({ input: { tenantId: 'acme' } });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('resource:default/acme did not appear'),
    });
  });

  it('does not accept another kind of entity with that name', async () => {
    const action = createTenantMeshRegisterAction({
      catalog: catalogServiceMock({
        entities: [{ ...acme, spec: { type: 'database', owner: 'x' } }],
      }),
      timing: fast,
    });
    const { ctx } = actionContext({ input: { tenantId: 'acme' } });

    await expect(action.handler(ctx)).rejects.toThrow(/did not appear/);
  });

  it.each(examples.map(e => [e.description, e]))(
    'runs the example: %s',
    async (_, example) => {
      const action = createTenantMeshRegisterAction({
        catalog: catalogServiceMock({ entities: [acme] }),
        timing: fast,
      });
      const input = exampleInput<InputOf<typeof action>>(example);
      expect(validate(input, action.schema!.input!).errors).toEqual([]);
      const { ctx, outputs } = actionContext({ input });

      await action.handler(ctx);

      expect(outputs.entityRef).toBe(`resource:default/${input.tenantId}`);
    },
  );
});
