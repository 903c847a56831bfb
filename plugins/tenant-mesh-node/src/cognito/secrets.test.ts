import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoLocal, startCognitoLocal } from '../testUtils/cognitoLocal';
import { captureLogger } from './__fixtures__/captureLogger';
import { tenantPlan } from './__fixtures__/plan';
import { createCognitoClient } from './createCognitoClient';
import { TenantCognito } from './TenantCognito';

let local: CognitoLocal;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  local = await startCognitoLocal();
  client = createCognitoClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
  });
});

afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.message}\n${error.stack}`
    : String(error);
}

describe('the client secret (B20)', () => {
  it('leaves only through withClientSecret', async () => {
    const { logger, lines } = captureLogger();
    const cognito = new TenantCognito({ client, logger });
    const plan = tenantPlan('secret');
    const seen: unknown[] = [];
    const errors: string[] = [];

    seen.push(await cognito.checkDomainAvailable(plan.domainPrefix));
    const pool = await cognito.ensureUserPool(plan, 'secret');
    const appClient = await cognito.ensureUserPoolClient(pool.userPoolId, plan);
    seen.push(pool, appClient);
    seen.push(
      await cognito.ensureUserPoolDomain(pool.userPoolId, plan.domainPrefix),
    );
    plan.userPoolClient.IdTokenValidity = 2;
    seen.push(await cognito.ensureUserPoolClient(pool.userPoolId, plan));
    seen.push(await cognito.describeTenant('secret', plan));

    const written: string[] = [];
    seen.push(
      await cognito.withClientSecret(
        pool.userPoolId,
        appClient.clientId,
        async secret => {
          written.push(secret);
          return { secretRef: 'tenant-secret/oauth2-proxy' };
        },
      ),
    );
    await cognito
      .withClientSecret(pool.userPoolId, appClient.clientId, async secret => {
        throw new Error(`could not write client-secret=${secret}`);
      })
      .catch(error => errors.push(describeError(error)));
    plan.userPoolClient.GenerateSecret = false;
    plan.userPoolClient.AllowedOAuthFlows = ['implicit', 'bogus'];
    await cognito
      .ensureUserPoolClient('local_missing', plan)
      .catch(error => errors.push(describeError(error)));

    const [secret] = written;
    expect(secret).toMatch(/^\S{20,}$/);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('could not write client-secret=[redacted');
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [JSON.stringify(seen), ...lines, ...errors]) {
      expect(text).not.toContain(secret);
    }
  });
});
