import { PlatformSettings } from './types';

/*
 * The central Envoy's bootstrap: a check listener whose routes come from the
 * index file, and one internal listener per route shard whose routes come
 * from that shard's file. It does not depend on the tenants.
 */

/** Number of route shards; fixed, so the bootstrap never changes. @public */
export const ENVOY_ROUTE_SHARDS = 8;

/** Where the Envoy Deployment mounts each ConfigMap. @public */
export const ENVOY_CONFIG_ROOT = '/etc/envoy';

/** The bootstrap's file name in its ConfigMap. @public */
export const ENVOY_BOOTSTRAP_FILE = 'envoy.json';

/** Port of the admin API, bound to 127.0.0.1 only (W9). @public */
export const ENVOY_ADMIN_PORT = 9901;

/** Port and path of the readiness endpoint (see `healthListener`). @public */
export const ENVOY_HEALTH_PORT = 9902;
export const ENVOY_READY_PATH = '/ready';

export const ROUTES_FILE = 'routes.json';
export const DFP_FILTER = 'dfp';
export const DFP_CLUSTER = 'oauth2_proxy';
export const TYPE = 'type.googleapis.com/envoy';
/**
 * Hosts the DNS cache holds. The cache keeps one entry per tenant's
 * oauth2-proxy Service, and Envoy's default (1024) would fail checks past
 * ~1,024 tenants; the route shards carry about 11,000 tenants before a
 * ConfigMap reaches 1 MiB (see envoyConfig.ts), so this leaves headroom
 * above that capacity.
 *
 * @public
 */
export const ENVOY_DNS_CACHE_MAX_HOSTS = 16384;

/*
 * The filter and the cluster name one cache, so they must carry the same
 * config. Pending resolutions are capped like the hosts: after a restart
 * every tenant's first check resolves at once, and Envoy's default (1024)
 * would fail the rest with 503s.
 */
const DNS_CACHE = {
  name: DFP_CLUSTER,
  dns_lookup_family: 'V4_ONLY',
  max_hosts: ENVOY_DNS_CACHE_MAX_HOSTS,
  dns_cache_circuit_breaker: {
    max_pending_requests: ENVOY_DNS_CACHE_MAX_HOSTS,
  },
};

export const shardName = (shard: number) => `shard-${shard}`;
export const shardDir = (shard: number) =>
  `${ENVOY_CONFIG_ROOT}/routes-${shard}`;
export const indexDir = `${ENVOY_CONFIG_ROOT}/routes`;

function rds(routeConfigName: string, dir: string) {
  return {
    route_config_name: routeConfigName,
    config_source: {
      resource_api_version: 'V3',
      path_config_source: {
        path: `${dir}/${ROUTES_FILE}`,
        watched_directory: { path: dir },
      },
    },
  };
}

function connectionManager(opts: {
  statPrefix: string;
  routeConfigName: string;
  dir: string;
  forwardProxy: boolean;
}) {
  const filters = [
    {
      name: 'envoy.filters.http.router',
      typed_config: {
        '@type': `${TYPE}.extensions.filters.http.router.v3.Router`,
      },
    },
  ];
  if (opts.forwardProxy) {
    filters.unshift({
      name: DFP_FILTER,
      typed_config: {
        '@type': `${TYPE}.extensions.filters.http.dynamic_forward_proxy.v3.FilterConfig`,
        dns_cache_config: DNS_CACHE,
      } as { '@type': string },
    });
  }
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': `${TYPE}.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
      stat_prefix: opts.statPrefix,
      strip_any_host_port: true,
      access_log: [
        {
          name: 'envoy.access_loggers.stdout',
          typed_config: {
            '@type': `${TYPE}.extensions.access_loggers.stream.v3.StdoutAccessLog`,
          },
        },
      ],
      rds: rds(opts.routeConfigName, opts.dir),
      http_filters: filters,
    },
  };
}

/*
 * Readiness. The admin API's `/ready` is the natural signal, but the admin
 * API listens on loopback only (W9), where neither the kubelet nor Istio's
 * probe rewriting (which probes the pod IP) can reach it. A listener of its
 * own serves the same signal: Envoy starts serving listeners only once its
 * initialisation is done, which includes reading every route file, and the
 * health_check filter (not in pass-through mode) answers 200 only while the
 * server is not failing or draining. It answers nothing else: no routes, no
 * configuration, so exposing it on the pod IP leaks nothing.
 */
function healthListener() {
  return {
    name: 'health',
    address: {
      socket_address: { address: '0.0.0.0', port_value: ENVOY_HEALTH_PORT },
    },
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: {
              '@type': `${TYPE}.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
              stat_prefix: 'health',
              route_config: { name: 'health' },
              http_filters: [
                {
                  name: 'envoy.filters.http.health_check',
                  typed_config: {
                    '@type': `${TYPE}.extensions.filters.http.health_check.v3.HealthCheck`,
                    pass_through_mode: false,
                    headers: [
                      {
                        name: ':path',
                        string_match: { exact: ENVOY_READY_PATH },
                      },
                    ],
                  },
                },
                {
                  name: 'envoy.filters.http.router',
                  typed_config: {
                    '@type': `${TYPE}.extensions.filters.http.router.v3.Router`,
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/**
 * The bootstrap of the central Envoy (`envoy.json`).
 *
 * @public
 */
export function planEnvoyBootstrap(platform: PlatformSettings): object {
  const shards = Array.from({ length: ENVOY_ROUTE_SHARDS }, (_, n) => n);
  return {
    node: { id: platform.envoy.name, cluster: platform.envoy.name },
    // W9: the admin API can dump every route or stop Envoy; loopback only.
    admin: {
      address: {
        socket_address: { address: '127.0.0.1', port_value: ENVOY_ADMIN_PORT },
      },
    },
    bootstrap_extensions: [
      {
        name: 'envoy.bootstrap.internal_listener',
        typed_config: {
          '@type': `${TYPE}.extensions.bootstrap.internal_listener.v3.InternalListener`,
        },
      },
    ],
    static_resources: {
      listeners: [
        {
          name: 'checks',
          address: {
            socket_address: {
              address: '0.0.0.0',
              port_value: platform.envoy.port,
            },
          },
          filter_chains: [
            {
              filters: [
                connectionManager({
                  statPrefix: 'checks',
                  routeConfigName: 'tenants',
                  dir: indexDir,
                  forwardProxy: false,
                }),
              ],
            },
          ],
        },
        healthListener(),
        ...shards.map(n => ({
          name: shardName(n),
          internal_listener: {},
          filter_chains: [
            {
              filters: [
                connectionManager({
                  statPrefix: shardName(n),
                  routeConfigName: `tenants-${n}`,
                  dir: shardDir(n),
                  forwardProxy: true,
                }),
              ],
            },
          ],
        })),
      ],
      clusters: [
        {
          name: DFP_CLUSTER,
          connect_timeout: '2s',
          lb_policy: 'CLUSTER_PROVIDED',
          cluster_type: {
            name: 'envoy.clusters.dynamic_forward_proxy',
            typed_config: {
              '@type': `${TYPE}.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig`,
              dns_cache_config: DNS_CACHE,
            },
          },
        },
        ...shards.map(n => ({
          name: shardName(n),
          load_assignment: {
            cluster_name: shardName(n),
            endpoints: [
              {
                lb_endpoints: [
                  {
                    endpoint: {
                      address: {
                        envoy_internal_address: {
                          server_listener_name: shardName(n),
                        },
                      },
                    },
                  },
                ],
              },
            ],
          },
        })),
      ],
    },
  };
}
