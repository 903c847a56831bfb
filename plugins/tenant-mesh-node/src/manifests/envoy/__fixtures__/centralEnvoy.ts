/*
 * The central Envoy's configuration as Tenant Mesh writes it: a bootstrap that reads listeners
 * and clusters from files, an ext-authz listener whose routes come from a file too, and one
 * tenant's route to its oauth2-proxy through the dynamic forward proxy.
 */

const TYPE = 'type.googleapis.com';

export const bootstrap = {
  node: { id: 'central-envoy', cluster: 'tenant-mesh' },
  admin: {
    address: { socket_address: { address: '127.0.0.1', port_value: 9901 } },
  },
  dynamic_resources: {
    lds_config: {
      path_config_source: { path: '/etc/envoy/lds.yaml' },
      resource_api_version: 'V3',
    },
    cds_config: {
      path_config_source: { path: '/etc/envoy/cds.yaml' },
      resource_api_version: 'V3',
    },
  },
};

export const listener = {
  name: 'ext-authz',
  address: { socket_address: { address: '0.0.0.0', port_value: 8080 } },
  filter_chains: [
    {
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: {
            '@type': `${TYPE}/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
            stat_prefix: 'ext_authz',
            codec_type: 'AUTO',
            rds: {
              route_config_name: 'tenants',
              config_source: {
                path_config_source: { path: '/etc/envoy/rds.yaml' },
                resource_api_version: 'V3',
              },
            },
            http_filters: [
              {
                name: 'envoy.filters.http.dynamic_forward_proxy',
                typed_config: {
                  '@type': `${TYPE}/envoy.extensions.filters.http.dynamic_forward_proxy.v3.FilterConfig`,
                  dns_cache_config: {
                    name: 'tenants',
                    dns_lookup_family: 'V4_ONLY',
                  },
                },
              },
              {
                name: 'envoy.filters.http.router',
                typed_config: {
                  '@type': `${TYPE}/envoy.extensions.filters.http.router.v3.Router`,
                },
              },
            ],
            access_log: [
              {
                name: 'envoy.access_loggers.stdout',
                typed_config: {
                  '@type': `${TYPE}/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog`,
                },
              },
            ],
          },
        },
      ],
    },
  ],
};

export const routeConfiguration = {
  name: 'tenants',
  virtual_hosts: [
    {
      name: 'acme',
      domains: ['acme.example.com'],
      routes: [
        {
          match: { prefix: '/' },
          route: { cluster: 'dynamic-forward-proxy', timeout: '5s' },
          typed_per_filter_config: {
            'envoy.filters.http.dynamic_forward_proxy': {
              '@type': `${TYPE}/envoy.extensions.filters.http.dynamic_forward_proxy.v3.PerRouteConfig`,
              host_rewrite_literal: 'oauth2-proxy.tenant-acme.svc:4180',
            },
          },
        },
      ],
    },
  ],
};

export const cluster = {
  name: 'dynamic-forward-proxy',
  connect_timeout: '2s',
  lb_policy: 'CLUSTER_PROVIDED',
  cluster_type: {
    name: 'envoy.clusters.dynamic_forward_proxy',
    typed_config: {
      '@type': `${TYPE}/envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig`,
      dns_cache_config: { name: 'tenants', dns_lookup_family: 'V4_ONLY' },
    },
  },
};

export const routeDiscoveryFile = {
  version_info: '1',
  resources: [
    {
      '@type': `${TYPE}/envoy.config.route.v3.RouteConfiguration`,
      ...routeConfiguration,
    },
  ],
};
