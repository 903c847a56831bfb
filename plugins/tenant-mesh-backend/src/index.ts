/**
 * The Tenant Mesh backend plugin: tenant availability (and later status)
 * under `/api/tenant-mesh`.
 *
 * @packageDocumentation
 */
export { tenantMeshPlugin as default } from './plugin';
export type {
  TenantAvailability,
  CheckAvailabilityOptions,
} from './services/TenantAvailabilityService';
