import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createCognitoClient,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { validate } from 'jsonschema';
import { actionContext } from '../__testUtils__/actionContext';
import {
  CognitoLocal,
  startCognitoLocal,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { exampleInput, InputOf } from '../__testUtils__/examples';
import { testPlatform } from '../__testUtils__/platform';
import { createTenantMeshCognitoAction } from './cognito';
import { examples } from './cognito.examples';

describe('tenant-mesh:cognito examples', () => {
  let local: CognitoLocal;

  beforeAll(async () => {
    local = await startCognitoLocal();
  });

  afterAll(() => local?.stop());

  it.each(examples.map(e => [e.description, e]))('%s', async (_, example) => {
    const { logger } = actionContext({ input: {} }).ctx;
    const action = createTenantMeshCognitoAction({
      platform: testPlatform(local.endpoint),
      catalog: catalogServiceMock(),
      cognito: new TenantCognito({
        client: createCognitoClient({
          region: 'us-east-1',
          endpoint: local.endpoint,
        }),
      }),
      logger,
    });
    const input = exampleInput<InputOf<typeof action>>(example);
    expect(validate(input, action.schema!.input!).errors).toEqual([]);
    const { ctx, outputs } = actionContext({ input });

    await action.handler(ctx);

    expect(outputs).toMatchObject({
      userPoolId: expect.stringMatching(/^local_/),
      clientId: expect.any(String),
      domainStatus: 'unsupported',
    });
  });
});
