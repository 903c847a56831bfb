import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { validate } from 'jsonschema';
import { actionContext } from '../__testUtils__/actionContext';
import { KnownSecretCognito } from '../__testUtils__/cognito';
import { exampleInput, InputOf } from '../__testUtils__/examples';
import { testPlatform } from '../__testUtils__/platform';
import { gitopsDelivery } from '../__testUtils__/targets';
import { createTenantMeshDeliverAction } from './deliver';
import { examples } from './deliver.examples';

describe('tenant-mesh:deliver examples', () => {
  it.each(examples.map(e => [e.description, e]))('%s', async (_, example) => {
    const { logger } = actionContext({ input: {} }).ctx;
    const action = createTenantMeshDeliverAction({
      platform: testPlatform(),
      catalog: catalogServiceMock(),
      cognito: new KnownSecretCognito('example-client-secret'),
      delivery: gitopsDelivery(),
      logger,
    });
    const input = exampleInput<InputOf<typeof action>>(example, {
      userPoolId: 'us-east-1_AbCdEf123',
      clientId: '1example23456789',
    });
    expect(validate(input, action.schema!.input!).errors).toEqual([]);
    const { ctx, outputs } = actionContext({ input });

    await action.handler(ctx);

    expect(outputs).toMatchObject({
      target: 'gitops',
      changed: true,
      secretDelivered: false,
    });
  });
});
