/**
 * A catalog module that registers every tenant onboarded by Tenant Mesh as a
 * Resource of type `tenant`.
 *
 * @packageDocumentation
 */
export { catalogModuleTenantMesh as default } from './module';
export {
  TenantEntityProvider,
  type TenantEntityProviderOptions,
} from './provider/TenantEntityProvider';
export {
  tenantToEntity,
  tenantLocationRef,
  tenantClusterLocationRef,
  TENANT_ENTITY_TYPE,
  TENANT_LOCATION_TYPE,
  TENANT_SYSTEM,
} from './entity/tenantToEntity';
export { validateTenantEntity } from './entity/validateTenantEntity';
export {
  readTenantCatalogConfig,
  type TenantCatalogConfig,
  type TenantRecordSource,
} from './readTenantCatalogConfig';
