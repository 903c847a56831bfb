import { validate } from 'jsonschema';
import { actionContext } from '../__testUtils__/actionContext';
import { exampleInput, InputOf } from '../__testUtils__/examples';
import { testPlatform } from '../__testUtils__/platform';
import { gitopsDelivery } from '../__testUtils__/targets';
import { createTenantMeshDeliverPlatformAction } from './deliverPlatform';
import { examples } from './deliverPlatform.examples';

describe('tenant-mesh:deliver-platform examples', () => {
  it.each(examples.map(e => [e.description, e]))('%s', async (_, example) => {
    const { logger } = actionContext({ input: {} }).ctx;
    const action = createTenantMeshDeliverPlatformAction({
      platform: testPlatform(),
      delivery: gitopsDelivery(),
      logger,
    });
    const input = exampleInput<InputOf<typeof action>>(example);
    expect(validate(input, action.schema!.input!).errors).toEqual([]);
    const { ctx, outputs } = actionContext({ input });

    await action.handler(ctx);

    expect(outputs).toMatchObject({
      target: 'gitops',
      changed: true,
      tlsCredential: 'istio-ingress/wildcard-example-com',
    });
  });
});
