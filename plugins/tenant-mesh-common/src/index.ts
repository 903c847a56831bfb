/**
 * Isomorphic vocabulary, validation, plan and lint of Tenant Mesh.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './keys';
export * from './durations';
export * from './hash';
export * from './hosts';
export * from './tenantSpec';
export * from './platformSettings';
export * from './names';
export * from './callbackUrl';
export * from './cookieSecret';
export * from './domainPrefix';
export * from './validation';
export * from './cognitoPlan';
export * from './oauth2ProxyConfig';
export * from './labels';
export * from './meshObjects';
export * from './oauth2ProxyObjects';
export * from './bookinfoObjects';
export * from './routingObjects';
export * from './tenantObjects';
export * from './tenantRecord';
export * from './gateway';
export {
  ENVOY_ADMIN_PORT,
  ENVOY_BOOTSTRAP_FILE,
  ENVOY_CONFIG_ROOT,
  ENVOY_HEALTH_PORT,
  ENVOY_READY_PATH,
  ENVOY_ROUTE_SHARDS,
  planEnvoyBootstrap,
} from './envoyBootstrap';
export * from './envoyConfig';
export * from './extensionProvider';
export * from './sharedObjects';
export * from './plan';
export * from './lint';
export * from './centralEnvoyDeployment';
export * from './centralEnvoyObjects';
export * from './gatewayAuthzPolicy';
export * from './istioInstallValues';
export * from './platformPlan';
export * from './platformFiles';
export * from './meshConfigLint';
export * from './platformLint';
export * from './renderYaml';
export * from './permissions';
export * from './identityHeaderFilter';
export * from './status';
