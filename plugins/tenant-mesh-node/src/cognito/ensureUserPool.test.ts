import { InputError } from '@backstage/errors';
import { COGNITO_TENANT_TAG } from '@tenant-mesh/plugin-tenant-mesh-common';
import { tenantPlan } from './__fixtures__/plan';
import { ok, recordedCognito } from './__fixtures__/recordedCognito';
import {
  ACME_POOL_ID,
  describedPool,
  poolDescription,
} from './__fixtures__/responses';
import { TenantCognito } from './TenantCognito';

function accountWithAcmePool() {
  const tags = { [COGNITO_TENANT_TAG]: 'acme', 'cost-center': 'saas' };
  const { client, calls } = recordedCognito({
    ListUserPools: () =>
      ok({ UserPools: [poolDescription(ACME_POOL_ID, 'acme_example_com')] }),
    DescribeUserPool: () =>
      ok(describedPool(ACME_POOL_ID, 'acme_example_com', tags)),
    UpdateUserPool: () => ok({}),
  });
  const sent = (operation: string) =>
    calls.filter(c => c.operation === operation).map(c => c.input);
  return { cognito: new TenantCognito({ client }), sent };
}

describe('ensureUserPool against a recorded account', () => {
  it('adopts the tagged pool without changes when it matches', async () => {
    const { cognito, sent } = accountWithAcmePool();

    await expect(
      cognito.ensureUserPool(tenantPlan('acme'), 'acme'),
    ).resolves.toEqual({
      userPoolId: ACME_POOL_ID,
      arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${ACME_POOL_ID}`,
      created: false,
      updated: [],
    });
    expect(sent('CreateUserPool')).toEqual([]);
    expect(sent('UpdateUserPool')).toEqual([]);
  });

  it('sends every mutable setting, keeping foreign tags', async () => {
    const { cognito, sent } = accountWithAcmePool();
    const plan = tenantPlan('acme');
    plan.userPool.MfaConfiguration = 'OPTIONAL';

    const result = await cognito.ensureUserPool(plan, 'acme');

    expect(result.updated).toEqual(['MfaConfiguration']);
    expect(sent('UpdateUserPool')).toEqual([
      {
        UserPoolId: ACME_POOL_ID,
        PoolName: 'acme_example_com',
        MfaConfiguration: 'OPTIONAL',
        Policies: plan.userPool.Policies,
        // Cognito refuses UnusedAccountValidityDays next to
        // TemporaryPasswordValidityDays, though it describes both.
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTags: { [COGNITO_TENANT_TAG]: 'acme', 'cost-center': 'saas' },
      },
    ]);
  });

  it('refuses a plan tagged for another tenant', async () => {
    const { cognito, sent } = accountWithAcmePool();
    await expect(
      cognito.ensureUserPool(tenantPlan('beta'), 'acme'),
    ).rejects.toBeInstanceOf(InputError);
    expect(sent('ListUserPools')).toEqual([]);
  });
});
