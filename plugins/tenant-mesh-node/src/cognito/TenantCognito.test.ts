import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  COGNITO_TENANT_TAG,
  CognitoPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { CognitoLocal, startCognitoLocal } from '../testUtils/cognitoLocal';
import { tenantPlan } from './__fixtures__/plan';
import { createCognitoClient } from './createCognitoClient';
import { TenantCognito } from './TenantCognito';

let local: CognitoLocal;
let client: CognitoIdentityProviderClient;
let cognito: TenantCognito;

beforeAll(async () => {
  local = await startCognitoLocal();
  client = createCognitoClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
  });
  cognito = new TenantCognito({ client });
});

afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

/** Pool ids carrying the tenant tag, read straight from the emulator. */
async function poolsTaggedFor(tenantId: string): Promise<string[]> {
  const { UserPools = [] } = await client.send(
    new ListUserPoolsCommand({ MaxResults: 60 }),
  );
  const tagged: string[] = [];
  for (const { Id } of UserPools) {
    const { UserPool } = await client.send(
      new DescribeUserPoolCommand({ UserPoolId: Id }),
    );
    if (UserPool?.UserPoolTags?.[COGNITO_TENANT_TAG] === tenantId) {
      tagged.push(UserPool.Id!);
    }
  }
  return tagged;
}

async function clientIds(userPoolId: string): Promise<string[]> {
  const { UserPoolClients = [] } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  return UserPoolClients.map(c => c.ClientId!);
}

/** The whole Cognito part of onboarding, in the order the action runs it. */
async function onboard(tenantId: string, plan = tenantPlan(tenantId)) {
  await cognito.checkDomainAvailable(plan.domainPrefix);
  const pool = await cognito.ensureUserPool(plan, tenantId);
  const appClient = await cognito.ensureUserPoolClient(pool.userPoolId, plan);
  const domain = await cognito.ensureUserPoolDomain(
    pool.userPoolId,
    plan.domainPrefix,
  );
  return { pool, appClient, domain };
}

describe('TenantCognito on cognito-local', () => {
  it('creates once, then adopts and converges', async () => {
    const first = await onboard('conv');
    expect(first.pool).toMatchObject({ created: true, updated: [] });
    expect(first.appClient).toMatchObject({ created: true, updated: [] });

    const second = await onboard('conv');
    expect(second.pool).toEqual({ ...first.pool, created: false });
    expect(second.appClient).toEqual({ ...first.appClient, created: false });

    const plan = tenantPlan('conv');
    plan.userPoolClient.AccessTokenValidity = 2;
    const third = await onboard('conv', plan);
    expect(third.appClient).toEqual({
      clientId: first.appClient.clientId,
      created: false,
      updated: ['AccessTokenValidity'],
    });
    expect(await clientIds(first.pool.userPoolId)).toEqual([
      first.appClient.clientId,
    ]);

    const status = await cognito.describeTenant('conv', plan);
    expect(status.client?.accessTokenValidity).toBe(2);
  });

  it('converges changed pool settings on the adopted pool', async () => {
    const { pool } = await onboard('pool');
    const plan = tenantPlan('pool');
    plan.userPool.Policies = {
      PasswordPolicy: {
        MinimumLength: 12,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 3,
      },
    };

    const adopted = await cognito.ensureUserPool(plan, 'pool');

    expect(adopted).toEqual({ ...pool, created: false, updated: ['Policies'] });
    const status = await cognito.describeTenant('pool', plan);
    expect(status.drift).toEqual([]);
    expect(status.pool?.tags).toEqual({ [COGNITO_TENANT_TAG]: 'pool' });
  });

  it('resumes after a crash following pool creation (B21)', async () => {
    const plan = tenantPlan('crash');
    // Someone else's pool with the same name must not be adopted.
    await client.send(
      new CreateUserPoolCommand({ PoolName: 'crash_example_com' }),
    );

    await cognito.ensureUserPool(plan, 'crash');
    // The task dies here, before the app client; recovery starts over.
    const rerun = await onboard('crash');

    expect(rerun.pool.created).toBe(false);
    expect(await poolsTaggedFor('crash')).toEqual([rerun.pool.userPoolId]);
    expect(await clientIds(rerun.pool.userPoolId)).toEqual([
      rerun.appClient.clientId,
    ]);
  });

  it('reports the domain as unsupported, neither created nor failed (B26)', async () => {
    const plan = tenantPlan('dom');
    await expect(
      cognito.checkDomainAvailable(plan.domainPrefix),
    ).resolves.toEqual({
      state: 'unsupported',
      reason: 'not supported by the Cognito emulator',
    });
    const { domain } = await onboard('dom');
    expect(domain).toEqual({
      state: 'unsupported',
      reason: 'not supported by the Cognito emulator',
    });
  });

  it('describes the tenant and its drift from the plan', async () => {
    const { pool, appClient } = await onboard('desc');
    const plan = tenantPlan('desc');

    const status = await cognito.describeTenant('desc', plan);
    expect(status).toEqual({
      pool: {
        userPoolId: pool.userPoolId,
        name: 'desc_example_com',
        arn: pool.arn,
        mfaConfiguration: 'OFF',
        tags: { [COGNITO_TENANT_TAG]: 'desc' },
      },
      client: expect.objectContaining({
        clientId: appClient.clientId,
        hasSecret: true,
        callbackUrls: ['https://desc.example.com/oauth2/callback'],
        logoutUrls: ['https://desc.example.com'],
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid'],
        refreshTokenValidity: 30,
      }),
      domain: {
        state: 'unsupported',
        reason: 'not supported by the Cognito emulator',
      },
      drift: [],
    });

    plan.userPoolClient.CallbackURLs = ['https://desc.example.org/cb'];
    plan.userPool.MfaConfiguration = 'OPTIONAL';
    const drifted = await cognito.describeTenant('desc', plan);
    expect(drifted.drift).toEqual([
      'MfaConfiguration: planned "OPTIONAL", found "OFF"',
      'CallbackURLs: planned ["https://desc.example.org/cb"], found ["https://desc.example.com/oauth2/callback"]',
    ]);
  });

  it('turns on the planned MFA, which CreateUserPool cannot set, and converges it', async () => {
    const plan: CognitoPlan = {
      ...tenantPlan('mfa'),
      mfa: {
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      },
    };
    const first = await cognito.ensureUserPool(plan, 'mfa');
    const mfa = () =>
      client.send(
        new GetUserPoolMfaConfigCommand({ UserPoolId: first.userPoolId }),
      );

    expect(first.updated).toEqual(['MfaConfiguration']);
    expect((await mfa()).MfaConfiguration).toBe('OPTIONAL');
    expect((await cognito.ensureUserPool(plan, 'mfa')).updated).toEqual([]);

    const required: CognitoPlan = {
      ...plan,
      mfa: {
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      },
    };
    expect((await cognito.ensureUserPool(required, 'mfa')).updated).toEqual([
      'MfaConfiguration',
    ]);
    expect((await mfa()).MfaConfiguration).toBe('ON');
  });

  it('describes the pool by its known id without scanning every pool, and refuses a pool of another tenant', async () => {
    const { pool } = await onboard('known');
    const { pool: other } = await onboard('other');
    const plan = tenantPlan('known');
    const send = jest.spyOn(client, 'send');

    const byId = await cognito.describeTenant('known', plan, {
      userPoolId: pool.userPoolId,
    });
    const scans = send.mock.calls.filter(
      ([command]) => command instanceof ListUserPoolsCommand,
    );
    const foreign = await cognito.describeTenant('known', plan, {
      userPoolId: other.userPoolId,
    });
    send.mockRestore();

    expect(byId.pool?.userPoolId).toBe(pool.userPoolId);
    expect(byId.drift).toEqual([]);
    expect(scans).toEqual([]);
    expect(foreign).toEqual({
      domain: { state: 'missing' },
      drift: [
        `User pool: ${other.userPoolId} is tagged ${COGNITO_TENANT_TAG}=other, not known`,
      ],
    });
  });

  it('describes a tenant without a pool', async () => {
    await expect(
      cognito.describeTenant('nobody', tenantPlan('nobody')),
    ).resolves.toEqual({
      domain: { state: 'missing' },
      drift: ['User pool: no pool is tagged for tenant nobody'],
    });
  });
});
