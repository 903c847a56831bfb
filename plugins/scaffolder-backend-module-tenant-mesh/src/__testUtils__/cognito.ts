import {
  createCognitoClient,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { callCognitoLocal } from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';

export { callCognitoLocal };

/**
 * A TenantCognito whose app client secret is a known value and which sends
 * nothing; for deliver tests, which only read the client secret.
 */
export class KnownSecretCognito extends TenantCognito {
  constructor(private readonly secret: string) {
    super({
      client: createCognitoClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
      }),
    });
  }

  override withClientSecret<T>(
    _userPoolId: string,
    _clientId: string,
    fn: (secret: string) => Promise<T>,
  ): Promise<T> {
    return fn(this.secret);
  }
}

/** The ids of the user pools tagged for a tenant, and of each pool's clients. */
export async function tenantPoolsAndClients(
  endpoint: string,
  tenantId: string,
  tagKey: string,
): Promise<Array<{ userPoolId: string; clientIds: string[] }>> {
  const { UserPools = [] } = await callCognitoLocal<{
    UserPools?: Array<{ Id: string }>;
  }>(endpoint, 'ListUserPools', { MaxResults: 60 });
  const result: Array<{ userPoolId: string; clientIds: string[] }> = [];
  for (const { Id } of UserPools) {
    const { UserPool } = await callCognitoLocal<{
      UserPool: { UserPoolTags?: Record<string, string> };
    }>(endpoint, 'DescribeUserPool', { UserPoolId: Id });
    if (UserPool.UserPoolTags?.[tagKey] !== tenantId) {
      continue;
    }
    const { UserPoolClients = [] } = await callCognitoLocal<{
      UserPoolClients?: Array<{ ClientId: string }>;
    }>(endpoint, 'ListUserPoolClients', { UserPoolId: Id, MaxResults: 60 });
    result.push({
      userPoolId: Id,
      clientIds: UserPoolClients.map(c => c.ClientId),
    });
  }
  return result;
}
