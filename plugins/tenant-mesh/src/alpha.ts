/**
 * The Create Tenant form fields, as a module of the scaffolder plugin. The
 * app discovers it as this entry point's default export.
 *
 * @packageDocumentation
 */
export { tenantMeshScaffolderModule as default } from './scaffolderModule';
