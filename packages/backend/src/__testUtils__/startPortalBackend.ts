import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import tenantMeshCatalogModule from '@tenant-mesh/plugin-catalog-backend-module-tenant-mesh';
import tenantMeshScaffolderModule from '@tenant-mesh/plugin-scaffolder-backend-module-tenant-mesh';
import { parse } from 'yaml';

/** The repository root, for app-config.yaml, examples/ and templates/. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** A running portal backend, reached only over HTTP. */
export interface PortalBackend {
  /** e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** The static token of `backend.auth.externalAccess`. */
  token: string;
  /** The `tenantMesh` block the backend runs with. */
  tenantMesh: Record<string, unknown>;
  stop(): Promise<void>;
}

type AppConfig = Record<string, any>;

/**
 * The portal's app-config.yaml, changed only where a test must differ: its
 * own listener, an in-memory database, a fresh static token, absolute catalog
 * locations, and the given Cognito emulator and GitOps repository.
 */
function testConfig(options: {
  token: string;
  cognitoEndpoint: string;
  gitopsRepository: string;
}): AppConfig {
  const appConfig: AppConfig = parse(
    readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  );
  const configDir = path.join(REPO_ROOT, 'packages/backend');

  return {
    backend: {
      ...appConfig.backend,
      // startTestBackend listens on a random port once the config is read,
      // and its discovery points at that port; no plugin here reads baseUrl.
      // Not the portal's :7007, so nothing can reach another running copy.
      baseUrl: 'http://localhost',
      listen: { port: 0 },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: options.token, subject: 'tenant-mesh-e2e' },
          },
        ],
      },
    },
    catalog: {
      ...appConfig.catalog,
      locations: appConfig.catalog.locations.map(
        (location: { target: string }) => ({
          ...location,
          target: path.resolve(configDir, location.target),
        }),
      ),
    },
    scaffolder: appConfig.scaffolder,
    permission: appConfig.permission,
    tenantMesh: {
      ...appConfig.tenantMesh,
      cognito: {
        ...appConfig.tenantMesh.cognito,
        endpoint: options.cognitoEndpoint,
      },
      delivery: {
        target: 'gitops',
        gitops: { repository: options.gitopsRepository },
      },
      // Each test-backend plugin gets its own events service, so the
      // register step's refresh event does not reach the catalog here; a
      // short schedule stands in for it.
      catalog: {
        schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
      },
    },
  };
}

/**
 * Starts the portal backend in-process with the plugins of
 * packages/backend/src/index.ts that onboard a tenant, and the production
 * HTTP, auth, permission and scheduler services, so the static token is
 * checked exactly as in production and the tenant entity provider runs on
 * its schedule.
 */
export async function startPortalBackend(options: {
  cognitoEndpoint: string;
  gitopsRepository: string;
}): Promise<PortalBackend> {
  const token = randomBytes(24).toString('base64url');
  const config = testConfig({ ...options, token });

  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      schedulerServiceFactory,

      catalogPlugin,
      catalogScaffolderEntityModel,
      tenantMeshCatalogModule,

      permissionPlugin,
      allowAllPolicy,

      scaffolderPlugin,
      tenantMeshScaffolderModule,
    ],
  });

  return {
    baseUrl: `http://localhost:${backend.server.port()}`,
    token,
    tenantMesh: config.tenantMesh,
    stop: () => backend.stop(),
  };
}
