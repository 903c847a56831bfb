import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createCognitoClient,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import {
  actionContext,
  captureLogger,
  memoryCheckpoints,
} from './__testUtils__/actionContext';
import { callCognitoLocal } from './__testUtils__/cognito';
import {
  CognitoLocal,
  startCognitoLocal,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { acmeInput, testPlatform } from './__testUtils__/platform';
import {
  errorTexts,
  findSecrets,
  gitRepositoryTexts,
} from './__testUtils__/secretScan';
import {
  clusterDelivery,
  gitopsDelivery,
  seedPlatformNamespaces,
} from './__testUtils__/targets';
import { createTenantMeshCognitoAction } from './actions/cognito';
import { createTenantMeshDeliverAction } from './actions/deliver';
import { createTenantMeshPlanAction } from './actions/plan';
import { DeliveryTarget } from './delivery/deliveryTarget';

/*
 * The whole onboarding (plan, Cognito, deliver) with the real cognito-local,
 * then a scan for the two secrets everywhere the scaffolder keeps or shows
 * something (B20).
 */

const COOKIE_SECRET = Buffer.from('known cookie secret, 32 bytes!!!').toString(
  'base64url',
);

let local: CognitoLocal;
let api: FakeKubernetesApi;

beforeAll(async () => {
  local = await startCognitoLocal();
});

afterAll(() => local?.stop());

beforeEach(async () => {
  api = await startFakeKubernetesApi();
  seedPlatformNamespaces(api);
});

afterEach(() => api.close());

async function onboard(tenantId: string, delivery: DeliveryTarget) {
  const platform = testPlatform(local.endpoint);
  const plugin = captureLogger();
  const deps = {
    platform,
    catalog: catalogServiceMock(),
    cognito: new TenantCognito({
      client: createCognitoClient({
        region: 'us-east-1',
        endpoint: local.endpoint,
      }),
      logger: plugin.logger,
    }),
    delivery,
    logger: plugin.logger,
  };
  const input = { ...acmeInput, tenantId, host: `${tenantId}.example.com` };
  const checkpoints = memoryCheckpoints();
  const steps = [
    actionContext({ input, checkpoints }),
    actionContext({ input, checkpoints }),
  ];

  await createTenantMeshPlanAction(deps).handler(steps[0].ctx);
  await createTenantMeshCognitoAction(deps).handler(steps[1].ctx);
  const { userPoolId, clientId } = steps[1].outputs as Record<string, string>;
  const deliver = createTenantMeshDeliverAction({
    ...deps,
    generateCookieSecret: () => COOKIE_SECRET,
  });
  const deliverInput = { ...input, userPoolId, clientId };
  const errors: unknown[] = [];
  // The first Secret write fails; the retry of the same task completes.
  api.inject({ method: 'POST', path: /\/secrets$/, code: 500 });
  for (let attempt = 0; attempt < 2; attempt++) {
    const step = actionContext({ input: deliverInput, checkpoints });
    steps.push(step);
    try {
      await deliver.handler(step.ctx);
    } catch (error) {
      errors.push(error);
    }
  }

  const { UserPoolClient } = await callCognitoLocal<{
    UserPoolClient: { ClientSecret: string };
  }>(local.endpoint, 'DescribeUserPoolClient', {
    UserPoolId: userPoolId,
    ClientId: clientId,
  });
  const texts = [
    ...plugin.lines,
    ...steps.flatMap(s => s.lines),
    ...steps.map(s => JSON.stringify(s.outputs)),
    ...[...checkpoints.store.keys()],
    JSON.stringify([...checkpoints.store.values()]),
    ...errors.flatMap(errorTexts),
  ];
  return {
    texts,
    errors,
    secrets: [UserPoolClient.ClientSecret, COOKIE_SECRET],
    last: steps[steps.length - 1],
  };
}

describe('onboarding a tenant end to end', () => {
  it('keeps both secrets out of logs, outputs, checkpoints and errors on the cluster target (B20)', async () => {
    const { texts, errors, secrets, last } = await onboard(
      'acme',
      clusterDelivery(api),
    );

    expect(secrets[0]).toMatch(/.{10,}/);
    expect(errors).toHaveLength(1);
    expect(last.outputs.secretDelivered).toBe(true);
    expect(findSecrets(texts, secrets)).toEqual([]);
    const secret = api.getObject({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'tenant-acme-auth',
      name: 'oauth2-proxy-acme',
    });
    expect(findSecrets([JSON.stringify(secret)], secrets)).toHaveLength(1);
  });

  it('keeps both secrets out of Git on the GitOps target (B20)', async () => {
    const delivery = gitopsDelivery(api);

    const { texts, secrets, last } = await onboard('globex', delivery);

    // The retry resumes from the commit's checkpoint: same commit, no second one.
    expect(last.outputs).toMatchObject({
      changed: true,
      secretDelivered: true,
    });
    expect(findSecrets(texts, secrets)).toEqual([]);
    expect(
      findSecrets(gitRepositoryTexts(delivery.repositoryPath), secrets),
    ).toEqual([]);
    expect((await delivery.repository.log(10)).length).toBe(1);
  });
});
