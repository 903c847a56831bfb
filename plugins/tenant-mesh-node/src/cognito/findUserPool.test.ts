import { ConflictError } from '@backstage/errors';
import {
  cognitoError,
  ok,
  recordedCognito,
} from './__fixtures__/recordedCognito';
import {
  describedPool,
  poolDescription,
  tenantTags,
} from './__fixtures__/responses';
import { TenantCognito } from './TenantCognito';

interface Pool {
  id: string;
  name: string;
  tags: Record<string, string>;
}

/** A recorded account with these pools, listed 60 per page as Cognito does. */
function account(pools: Pool[], options: { deleted?: string[] } = {}) {
  const recorded = recordedCognito({
    ListUserPools: input => {
      const start = Number(input.NextToken ?? 0);
      const end = start + Number(input.MaxResults);
      return ok({
        UserPools: pools
          .slice(start, end)
          .map(p => poolDescription(p.id, p.name)),
        ...(end < pools.length ? { NextToken: String(end) } : {}),
      });
    },
    DescribeUserPool: input => {
      const pool = pools.find(p => p.id === input.UserPoolId);
      if (!pool || options.deleted?.includes(pool.id)) {
        return cognitoError(
          'ResourceNotFoundException',
          `User pool ${input.UserPoolId} does not exist.`,
        );
      }
      return ok(describedPool(pool.id, pool.name, pool.tags));
    },
  });
  return {
    ...recorded,
    cognito: new TenantCognito({ client: recorded.client }),
  };
}

function manyPools(count: number): Pool[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `us-east-1_pool${i}`,
    name: `other${i}_example_com`,
    tags: { team: 'other' },
  }));
}

describe('findUserPool', () => {
  it('reads every page to find the tagged pool', async () => {
    const pools = [
      ...manyPools(130),
      {
        id: 'us-east-1_acme',
        name: 'acme_example_com',
        tags: tenantTags('acme'),
      },
    ];
    const { cognito, calls } = account(pools);

    await expect(cognito.findUserPool('acme')).resolves.toEqual({
      userPoolId: 'us-east-1_acme',
      name: 'acme_example_com',
      arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_acme',
    });
    const listings = calls.filter(c => c.operation === 'ListUserPools');
    expect(listings.map(c => c.input)).toEqual([
      { MaxResults: 60 },
      { MaxResults: 60, NextToken: '60' },
      { MaxResults: 60, NextToken: '120' },
    ]);
  });

  it('never takes a pool by its name alone (B21)', async () => {
    const { cognito } = account([
      { id: 'us-east-1_x', name: 'acme_example_com', tags: {} },
      { id: 'us-east-1_y', name: 'acme_example_com', tags: tenantTags('beta') },
    ]);
    await expect(cognito.findUserPool('acme')).resolves.toBeUndefined();
  });

  it('refuses two pools tagged with the tenant, naming both', async () => {
    const { cognito } = account([
      {
        id: 'us-east-1_one',
        name: 'acme_example_com',
        tags: tenantTags('acme'),
      },
      ...manyPools(70),
      {
        id: 'us-east-1_two',
        name: 'acme_example_com',
        tags: tenantTags('acme'),
      },
    ]);
    const find = cognito.findUserPool('acme');
    await expect(find).rejects.toBeInstanceOf(ConflictError);
    await expect(find).rejects.toThrow(/us-east-1_one, us-east-1_two/);
  });

  it('skips a pool deleted between listing and describing', async () => {
    const { cognito } = account(
      [
        { id: 'us-east-1_gone', name: 'a', tags: tenantTags('acme') },
        { id: 'us-east-1_acme', name: 'b', tags: tenantTags('acme') },
      ],
      { deleted: ['us-east-1_gone'] },
    );
    await expect(cognito.findUserPool('acme')).resolves.toMatchObject({
      userPoolId: 'us-east-1_acme',
    });
  });
});
