import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { tenantMeshApiRef, TenantMeshClient } from './api';

/** The client of the Tenant Mesh backend, for every plugin of the app. */
const tenantMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: tenantMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TenantMeshClient(deps),
    }),
});

/**
 * The Tenant Mesh frontend plugin (new frontend system).
 *
 * @public
 */
export const tenantMeshPlugin = createFrontendPlugin({
  pluginId: 'tenant-mesh',
  title: 'Tenant Mesh',
  info: { packageJson: () => import('../package.json') },
  extensions: [tenantMeshApi],
});
