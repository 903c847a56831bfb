import { ConflictError } from '@backstage/errors';
import { redactSecrets } from '../secrets';
import { describeUserPoolClient } from './ensureUserPoolClient';
import { CognitoContext } from './types';

/**
 * Reads the app client's secret and hands it to `fn`, the one place it may
 * go (for example a Kubernetes Secret). The secret is neither returned nor
 * logged, and is removed from any error `fn` throws.
 */
export async function withClientSecret<T>(
  ctx: CognitoContext,
  options: { userPoolId: string; clientId: string },
  fn: (secret: string) => Promise<T>,
): Promise<T> {
  const client = await describeUserPoolClient(ctx, options);
  const secret = client.ClientSecret;
  if (!secret) {
    throw new ConflictError(
      `App client ${options.clientId} of user pool ${options.userPoolId} has no client secret`,
    );
  }
  try {
    return await fn(secret);
  } catch (error) {
    // An error from `fn` may quote the secret (a failed write echoing its
    // payload, say); it must not leave this function with it.
    throw redactSecrets(error, [secret]);
  }
}
