import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { validate } from 'jsonschema';
import { actionContext } from '../__testUtils__/actionContext';
import { exampleInput, InputOf } from '../__testUtils__/examples';
import { testPlatform } from '../__testUtils__/platform';
import { createTenantMeshPlanAction } from './plan';
import { examples } from './plan.examples';

describe('tenant-mesh:plan examples', () => {
  const action = createTenantMeshPlanAction({
    platform: testPlatform(),
    catalog: catalogServiceMock(),
  });

  it.each(examples.map(e => [e.description, e]))('%s', async (_, example) => {
    const input = exampleInput<InputOf<typeof action>>(example);
    expect(validate(input, action.schema!.input!).errors).toEqual([]);
    const { ctx, outputs } = actionContext({ input });

    await action.handler(ctx);

    expect(outputs.tenantId).toBe(input.tenantId);
    expect(outputs.summary).toContain(`Tenant ${input.tenantId}`);
  });
});
