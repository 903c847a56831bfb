import { createRouteRef } from '@backstage/frontend-plugin-api';
import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';

/** The tenants overview page (new frontend system). */
export const rootRouteRef = createRouteRef();

/** The tenants overview page (legacy frontend system). */
export const legacyRootRouteRef = createLegacyRouteRef({ id: 'tenant-mesh' });
