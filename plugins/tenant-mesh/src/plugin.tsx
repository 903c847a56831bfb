import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import DomainIcon from '@material-ui/icons/Domain';
import {
  tenantMeshApiRef,
  TenantMeshClient,
  TenantStatusStore,
  tenantStatusStoreApiRef,
} from './api';
import { tenantEntityPredicate } from './components/TenantStatus/tenantEntity';
import { rootRouteRef } from './routes';

/** The client of the Tenant Mesh backend, for every plugin of the app. */
export const tenantMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: tenantMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TenantMeshClient(deps),
    }),
});

/** The status the cards of a tenant share, one request for all of them. */
export const tenantStatusStoreApi = ApiBlueprint.make({
  name: 'status-store',
  params: defineParams =>
    defineParams({
      api: tenantStatusStoreApiRef,
      deps: { tenantMeshApi: tenantMeshApiRef },
      factory: deps => new TenantStatusStore(deps),
    }),
});

export const tenantRoutingCard = EntityCardBlueprint.make({
  name: 'routing',
  params: {
    filter: tenantEntityPredicate,
    loader: () =>
      import('./components/TenantStatus').then(m => <m.TenantRoutingCard />),
  },
});

export const tenantAuthCard = EntityCardBlueprint.make({
  name: 'auth',
  params: {
    filter: tenantEntityPredicate,
    loader: () =>
      import('./components/TenantStatus').then(m => <m.TenantAuthCard />),
  },
});

export const tenantPodsCard = EntityCardBlueprint.make({
  name: 'pods',
  params: {
    filter: tenantEntityPredicate,
    loader: () =>
      import('./components/TenantStatus').then(m => <m.TenantPodsCard />),
  },
});

/** `/tenants`: every tenant and its state; its title and icon make the nav item. */
export const tenantsPage = PageBlueprint.make({
  params: {
    path: '/tenants',
    title: 'Tenants',
    icon: <DomainIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TenantsPage/TenantsOverview').then(m => (
        <m.TenantsOverview />
      )),
  },
});

/**
 * The Tenant Mesh frontend plugin (new frontend system): the client, the
 * status cards on tenant entities and the tenants page.
 *
 * @public
 */
export const tenantMeshFrontendPlugin = createFrontendPlugin({
  pluginId: 'tenant-mesh',
  title: 'Tenant Mesh',
  icon: <DomainIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    tenantMeshApi,
    tenantStatusStoreApi,
    tenantRoutingCard,
    tenantAuthCard,
    tenantPodsCard,
    tenantsPage,
  ],
});
