import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';

/** Options shared by the commands that call the portal's REST API. */
export interface ApiOptions {
  url: string;
  token: string;
  appUrl: string;
  template: string;
}

/** The template `create` and `plan` run unless told otherwise. */
export const CREATE_TENANT_TEMPLATE = 'template:default/create-tenant';

/**
 * Resolves the backend URL and token: flags first, then TENANT_MESH_URL and
 * TENANT_MESH_API_TOKEN, then the token that scripts/start.sh keeps in .data/api-token.
 */
export function resolveApiOptions(flags: {
  url?: string;
  token?: string;
  appUrl?: string;
  template?: string;
}): ApiOptions {
  const token =
    flags.token ?? process.env.TENANT_MESH_API_TOKEN ?? readLocalToken();
  if (!token) {
    throw new InputError(
      'No API token: pass --token or set TENANT_MESH_API_TOKEN (scripts/start.sh keeps one in .data/api-token)',
    );
  }
  return {
    url: flags.url ?? process.env.TENANT_MESH_URL ?? 'http://localhost:7007',
    appUrl:
      flags.appUrl ??
      process.env.TENANT_MESH_APP_URL ??
      'http://localhost:3000',
    template: flags.template ?? CREATE_TENANT_TEMPLATE,
    token,
  };
}

function readLocalToken(): string | undefined {
  const dataDir = process.env.TENANT_MESH_DATA_DIR ?? path.resolve('.data');
  try {
    return fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
  } catch {
    return undefined;
  }
}
