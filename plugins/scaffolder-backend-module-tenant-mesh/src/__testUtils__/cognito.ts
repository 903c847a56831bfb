import {
  createCognitoClient,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';

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

/** Calls cognito-local directly (it checks no signature), for assertions. */
export async function callCognitoLocal<T>(
  endpoint: string,
  operation: string,
  body: object,
): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `${operation}: ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
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
