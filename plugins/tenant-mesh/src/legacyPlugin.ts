import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  tenantMeshApiRef,
  TenantMeshClient,
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from './api';
import { legacyRootRouteRef } from './routes';

/**
 * The Tenant Mesh plugin for apps on the legacy frontend system. The same
 * client and components as the default export.
 *
 * @public
 */
export const tenantMeshPlugin = createPlugin({
  id: 'tenant-mesh',
  apis: [
    createApiFactory({
      api: tenantMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TenantMeshClient(deps),
    }),
    createApiFactory({
      api: tenantStatusStoreApiRef,
      deps: { tenantMeshApi: tenantMeshApiRef },
      factory: deps => new TenantStatusStore(deps),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/** Mesh routing of the entity's tenant (legacy system). @public */
export const EntityTenantRoutingCard = tenantMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantRoutingCard',
    component: {
      lazy: () =>
        import('./components/TenantStatus').then(m => m.TenantRoutingCard),
    },
  }),
);

/** Auth status of the entity's tenant (legacy system). @public */
export const EntityTenantAuthCard = tenantMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantAuthCard',
    component: {
      lazy: () =>
        import('./components/TenantStatus').then(m => m.TenantAuthCard),
    },
  }),
);

/** Pod health of the entity's tenant (legacy system). @public */
export const EntityTenantPodsCard = tenantMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantPodsCard',
    component: {
      lazy: () =>
        import('./components/TenantStatus').then(m => m.TenantPodsCard),
    },
  }),
);

/** The tenants overview page (legacy system). @public */
export const TenantsPage = tenantMeshPlugin.provide(
  createRoutableExtension({
    name: 'TenantsPage',
    component: () =>
      import('./components/TenantsPage').then(m => m.TenantsPage),
    mountPoint: legacyRootRouteRef,
  }),
);
