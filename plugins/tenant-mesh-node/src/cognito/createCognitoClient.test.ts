import { createCognitoClient } from './createCognitoClient';

describe('createCognitoClient', () => {
  it('does not retry an emulator, whose 500s mean "not implemented"', async () => {
    const client = createCognitoClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9229',
    });
    await expect(client.config.maxAttempts()).resolves.toBe(1);
    await expect(client.config.credentials()).resolves.toMatchObject({
      accessKeyId: 'cognito-local',
    });
  });

  it("keeps the SDK's retries for AWS itself", async () => {
    const client = createCognitoClient({ region: 'us-east-1' });
    await expect(client.config.maxAttempts()).resolves.toBe(3);
  });

  it('keeps the retries of an endpoint given real credentials (e.g. a VPC endpoint)', async () => {
    const client = createCognitoClient({
      region: 'us-east-1',
      endpoint: 'https://cognito-idp.us-east-1.amazonaws.com',
      credentialProvider: async () => ({
        accessKeyId: 'id',
        secretAccessKey: 'key',
      }),
    });
    await expect(client.config.maxAttempts()).resolves.toBe(3);
  });
});
