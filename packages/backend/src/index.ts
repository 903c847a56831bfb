/*
 * The Tenant Mesh portal backend: the plugins a platform team needs to onboard tenants
 * (catalog, scaffolder with the Tenant Mesh actions, kubernetes for pod status) and nothing more.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@tenant-mesh/plugin-catalog-backend-module-tenant-mesh'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@tenant-mesh/plugin-scaffolder-backend-module-tenant-mesh'),
);

backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@tenant-mesh/plugin-tenant-mesh-backend'));

backend.start();
