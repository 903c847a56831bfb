import {
  CreateUserPoolClientCommand,
  CreateUserPoolClientRequest,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolClientRequest,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '@backstage/errors';
import { CognitoPlan } from '@tenant-mesh/plugin-tenant-mesh-common';
import { callCognito } from './cognitoErrors';
import { OAUTH_CLIENT_SETTINGS, clientDifferences } from './compareWithPlan';
import { CognitoContext, EnsureUserPoolClientResult } from './types';

// ListUserPoolClients refuses more than 60 per page.
const PAGE_SIZE = 60;

/** The id of the pool's app client with this name, reading every page. */
export async function findUserPoolClientId(
  ctx: CognitoContext,
  options: { userPoolId: string; clientName: string },
): Promise<string | undefined> {
  const { userPoolId, clientName } = options;
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const command = new ListUserPoolClientsCommand({
      UserPoolId: userPoolId,
      MaxResults: PAGE_SIZE,
      NextToken: nextToken,
    });
    const page = await callCognito(
      { operation: 'ListUserPoolClients', resource: `user pool ${userPoolId}` },
      () => ctx.client.send(command),
    );
    for (const client of page.UserPoolClients ?? []) {
      if (client.ClientName === clientName && client.ClientId) {
        ids.push(client.ClientId);
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);

  if (ids.length > 1) {
    throw new ConflictError(
      `User pool ${userPoolId} has ${
        ids.length
      } app clients named ${clientName}: ${ids.join(
        ', ',
      )}. Keep the one oauth2-proxy uses and delete the others, then retry.`,
    );
  }
  return ids[0];
}

/** Describes an app client; the result holds the secret, keep it local. */
export async function describeUserPoolClient(
  ctx: CognitoContext,
  options: { userPoolId: string; clientId: string },
): Promise<UserPoolClientType> {
  const { userPoolId, clientId } = options;
  const { UserPoolClient } = await callCognito(
    {
      operation: 'DescribeUserPoolClient',
      resource: `app client ${clientId} of user pool ${userPoolId}`,
    },
    () =>
      ctx.client.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
        }),
      ),
  );
  return UserPoolClient ?? {};
}

function clientUpdate(
  plan: CognitoPlan,
  ids: { userPoolId: string; clientId: string },
): UpdateUserPoolClientRequest {
  // UpdateUserPoolClient resets every setting it is not given, so it always
  // gets the whole plan; GenerateSecret exists only at creation.
  const { GenerateSecret: _generateSecret, ...settings } = plan.userPoolClient;
  return {
    ...settings,
    UserPoolId: ids.userPoolId,
    ClientId: ids.clientId,
  } as UpdateUserPoolClientRequest;
}

async function createClient(
  ctx: CognitoContext,
  options: { userPoolId: string; plan: CognitoPlan },
): Promise<string> {
  const { userPoolId, plan } = options;
  // Every setting in one call (seed weakness W3): a client without its OAuth
  // settings must never exist, even after a crash.
  const input = {
    ...plan.userPoolClient,
    UserPoolId: userPoolId,
  } as CreateUserPoolClientRequest;
  const { UserPoolClient } = await callCognito(
    { operation: 'CreateUserPoolClient', resource: `user pool ${userPoolId}` },
    () => ctx.client.send(new CreateUserPoolClientCommand(input)),
  );
  const clientId = UserPoolClient?.ClientId;
  if (!clientId) {
    throw new Error('Cognito CreateUserPoolClient returned no client id');
  }
  return clientId;
}

async function confirmOAuthSettings(
  ctx: CognitoContext,
  options: { userPoolId: string; clientId: string; plan: CognitoPlan },
) {
  const client = await describeUserPoolClient(ctx, options);
  const wrong = clientDifferences(client, options.plan).filter(d =>
    (OAUTH_CLIENT_SETTINGS as readonly string[]).includes(d.setting),
  );
  if (wrong.length > 0) {
    throw new ConflictError(
      `App client ${options.clientId} of user pool ${
        options.userPoolId
      } does not hold the planned OAuth settings after the update: ${wrong
        .map(d => d.message)
        .join('; ')}`,
    );
  }
}

/**
 * Creates the tenant's app client with every setting in one call, or brings
 * the existing client of the same name to the plan; then reads the client
 * back to confirm its OAuth settings. Never returns the client secret.
 */
export async function ensureUserPoolClient(
  ctx: CognitoContext,
  options: { userPoolId: string; plan: CognitoPlan },
): Promise<EnsureUserPoolClientResult> {
  const { userPoolId, plan } = options;
  const clientName = plan.userPoolClient.ClientName;

  const existingId = await findUserPoolClientId(ctx, {
    userPoolId,
    clientName,
  });
  if (!existingId) {
    const clientId = await createClient(ctx, { userPoolId, plan });
    ctx.logger?.info('Created Cognito app client', { userPoolId, clientId });
    await confirmOAuthSettings(ctx, { userPoolId, clientId, plan });
    return { clientId, created: true, updated: [] };
  }

  const clientId = existingId;
  const live = await describeUserPoolClient(ctx, { userPoolId, clientId });
  const differences = clientDifferences(live, plan);
  if (differences.some(d => d.setting === 'GenerateSecret')) {
    throw new ConflictError(
      `App client ${clientName} (${clientId}) of user pool ${userPoolId} has no client secret, and Cognito cannot add one; delete the client and retry`,
    );
  }
  if (differences.length > 0) {
    const update = clientUpdate(plan, { userPoolId, clientId });
    await callCognito(
      {
        operation: 'UpdateUserPoolClient',
        resource: `app client ${clientId} of user pool ${userPoolId}`,
      },
      () => ctx.client.send(new UpdateUserPoolClientCommand(update)),
    );
    ctx.logger?.info('Updated Cognito app client settings', {
      userPoolId,
      clientId,
      settings: differences.map(d => d.setting).join(','),
    });
  }
  await confirmOAuthSettings(ctx, { userPoolId, clientId, plan });
  return {
    clientId,
    created: false,
    updated: differences.map(d => d.setting),
  };
}
