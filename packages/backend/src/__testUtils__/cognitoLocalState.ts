/**
 * What cognito-local holds, read straight from its AWS JSON API (the
 * protocol the SDK speaks), independently of Tenant Mesh's own Cognito code.
 * cognito-local checks no signature, so no credentials are needed.
 */
export class CognitoLocalState {
  constructor(private readonly endpoint: string) {}

  private async call(operation: string, input: object): Promise<any> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(
        `cognito-local ${operation} answered ${
          response.status
        }: ${JSON.stringify(body)}`,
      );
    }
    return body;
  }

  /** Every user pool, described (with its tags and MFA setting). */
  async userPools(): Promise<any[]> {
    const { UserPools = [] } = await this.call('ListUserPools', {
      MaxResults: 60,
    });
    return Promise.all(
      UserPools.map(
        async (pool: { Id: string }) =>
          (await this.call('DescribeUserPool', { UserPoolId: pool.Id }))
            .UserPool,
      ),
    );
  }

  /** The MFA configuration of a pool. */
  mfaConfig(userPoolId: string): Promise<any> {
    return this.call('GetUserPoolMfaConfig', { UserPoolId: userPoolId });
  }

  /** Every app client of a pool, described, secrets included. */
  async clients(userPoolId: string): Promise<any[]> {
    const { UserPoolClients = [] } = await this.call('ListUserPoolClients', {
      UserPoolId: userPoolId,
      MaxResults: 60,
    });
    return Promise.all(
      UserPoolClients.map(
        async (client: { ClientId: string }) =>
          (
            await this.call('DescribeUserPoolClient', {
              UserPoolId: userPoolId,
              ClientId: client.ClientId,
            })
          ).UserPoolClient,
      ),
    );
  }
}
