import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Config } from '@backstage/config';
import {
  AwsCredentialProvider,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';

/** The AWS SDK v3 credential provider type. */
export type AwsCredentialIdentityProvider =
  AwsCredentialProvider['sdkCredentialProvider'];

/** Where and as whom to reach Cognito. */
export interface CognitoClientOptions {
  region: string;
  /** An emulator such as cognito-local; unset for AWS itself. */
  endpoint?: string;
  credentialProvider?: AwsCredentialIdentityProvider;
}

// cognito-local accepts any signature, but the SDK refuses to sign without
// credentials, and the default chain would go looking for real ones.
const EMULATOR_CREDENTIALS: AwsCredentialIdentityProvider = async () => ({
  accessKeyId: 'cognito-local',
  secretAccessKey: 'cognito-local',
});

/**
 * Creates a Cognito client. With an `endpoint` and no credential provider
 * the endpoint is taken to be an emulator and gets dummy credentials;
 * otherwise the SDK's default credential chain applies.
 */
export function createCognitoClient(
  options: CognitoClientOptions,
): CognitoIdentityProviderClient {
  const credentials =
    options.credentialProvider ??
    (options.endpoint ? EMULATOR_CREDENTIALS : undefined);
  return new CognitoIdentityProviderClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials,
    // cognito-local answers the operations it lacks (hosted-UI domains) with
    // a 500, which the SDK would retry twice with backoff; a local emulator
    // has no throttling or transient faults worth retrying.
    ...(options.endpoint && !options.credentialProvider
      ? { maxAttempts: 1 }
      : {}),
  });
}

/**
 * Creates a Cognito client with the credentials of the backend's `aws`
 * config (see `@backstage/integration-aws-node`), or dummy credentials when
 * an emulator endpoint is given.
 */
export async function cognitoClientFromConfig(
  config: Config,
  settings: { region: string; endpoint?: string },
): Promise<CognitoIdentityProviderClient> {
  if (settings.endpoint) {
    return createCognitoClient(settings);
  }
  const manager = DefaultAwsCredentialsManager.fromConfig(config);
  const { sdkCredentialProvider } = await manager.getCredentialProvider();
  return createCognitoClient({
    ...settings,
    credentialProvider: sdkCredentialProvider,
  });
}
