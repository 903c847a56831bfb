import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  TenantList,
  TenantStatus,
  ValidationProblem,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * Whether a tenant id can be onboarded, as the backend's
 * `GET /tenants/:id/availability` answers it.
 *
 * @public
 */
export interface TenantAvailability {
  tenantId: string;
  /** True when there is no problem at all. */
  available: boolean;
  /** Every rule the id (and the host, when given) breaks, including `taken`. */
  problems: ValidationProblem[];
  /** `<id>.<first base domain>`. */
  suggestedHost: string;
}

/**
 * The Tenant Mesh backend, as the frontend calls it.
 *
 * @public
 */
export interface TenantMeshApi {
  /**
   * Checks a tenant id (and a host, when given) against every rule and
   * against the tenants that already exist.
   */
  checkAvailability(
    tenantId: string,
    host?: string,
  ): Promise<TenantAvailability>;

  /**
   * The routing, auth and pods of one tenant. `fresh` skips the backend's
   * short cache, for a person who asked to check again.
   */
  getTenantStatus(
    tenantId: string,
    options?: { fresh?: boolean },
  ): Promise<TenantStatus>;

  /**
   * Every recorded tenant with its overall state. `fresh` skips the
   * backend's short cache, for a person who asked to check again.
   */
  listTenants(options?: { fresh?: boolean }): Promise<TenantList>;
}

/**
 * The Tenant Mesh API.
 *
 * @public
 */
export const tenantMeshApiRef = createApiRef<TenantMeshApi>().with({
  id: 'plugin.tenant-mesh.client',
  pluginId: 'tenant-mesh',
});
