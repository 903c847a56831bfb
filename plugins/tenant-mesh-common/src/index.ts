/**
 * Isomorphic vocabulary, validation, plan and lint of Tenant Mesh.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './keys';
export * from './durations';
export * from './hash';
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
export * from './gateway';
export {
  ENVOY_CONFIG_ROOT,
  ENVOY_ROUTE_SHARDS,
  planEnvoyBootstrap,
} from './envoyBootstrap';
export * from './envoyConfig';
export * from './extensionProvider';
export * from './sharedObjects';
export * from './plan';
export * from './lint';
export * from './renderYaml';
export * from './permissions';
