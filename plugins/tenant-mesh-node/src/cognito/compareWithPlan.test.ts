import { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { tenantPlan } from './__fixtures__/plan';
import { compareClientWithPlan, matchesPlan } from './compareWithPlan';

describe('matchesPlan', () => {
  it.each([
    [undefined, 'anything', true],
    [1, 1, true],
    [1, '1', false],
    [['b', 'a'], ['a', 'b'], true],
    [['a'], ['a', 'b'], false],
    [{ A: 1 }, { A: 1, Default: 2 }, true],
    [{ A: 1, B: 2 }, { A: 1 }, false],
    [{ A: { B: [1] } }, { A: { B: [1], C: 0 } }, true],
    [{ A: 1 }, null, false],
  ])('matchesPlan(%j, %j) is %p', (planned, live, expected) => {
    expect(matchesPlan(planned, live)).toBe(expected);
  });
});

describe('compareClientWithPlan', () => {
  const plan = tenantPlan('acme');
  const { GenerateSecret: _generate, ...settings } = plan.userPoolClient;
  const described: UserPoolClientType = {
    ...(settings as UserPoolClientType),
    ClientId: 'abc123',
    ClientSecret: 'S3cr3t-XYZ',
    UserPoolId: 'us-east-1_AbCdEf123',
    EnableTokenRevocation: true,
  };

  it('finds no drift when the client holds the plan', () => {
    expect(compareClientWithPlan(described, plan)).toEqual([]);
  });

  it('names each differing setting, never the secret', () => {
    const drift = compareClientWithPlan(
      {
        ...described,
        AllowedOAuthScopes: ['openid', 'email'],
        RefreshTokenValidity: 1,
      },
      plan,
    );
    expect(drift).toEqual([
      'RefreshTokenValidity: planned 30, found 1',
      'AllowedOAuthScopes: planned ["openid"], found ["openid","email"]',
    ]);
    expect(drift.join()).not.toContain('S3cr3t-XYZ');
  });

  it('reports a missing secret', () => {
    const { ClientSecret: _secret, ...withoutSecret } = described;
    expect(compareClientWithPlan(withoutSecret, plan)).toEqual([
      'GenerateSecret: planned a client secret, the client has none',
    ]);
  });
});
