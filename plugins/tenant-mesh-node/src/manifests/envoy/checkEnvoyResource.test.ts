import {
  bootstrap,
  cluster,
  listener,
  routeConfiguration,
  routeDiscoveryFile,
} from './__fixtures__/centralEnvoy';
import {
  checkEnvoyDiscoveryFile,
  checkEnvoyResource,
} from './checkEnvoyResource';

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';
const LISTENER = 'envoy.config.listener.v3.Listener';
const ROUTE_CONFIGURATION = 'envoy.config.route.v3.RouteConfiguration';
const CLUSTER = 'envoy.config.cluster.v3.Cluster';

/** A deep copy of a fixture with one change. */
function changed<T>(fixture: T, change: (copy: T) => void): T {
  const copy = structuredClone(fixture);
  change(copy);
  return copy;
}

const hcm = (l: typeof listener) => l.filter_chains[0].filters[0].typed_config;
const firstRoute = (r: typeof routeConfiguration) =>
  r.virtual_hosts[0].routes[0];

describe('checkEnvoyResource', () => {
  it.each([
    [BOOTSTRAP, bootstrap],
    [LISTENER, listener],
    [ROUTE_CONFIGURATION, routeConfiguration],
    [CLUSTER, cluster],
    [`type.googleapis.com/${CLUSTER}`, cluster],
  ])('accepts a valid %s', (typeName, json) => {
    expect(checkEnvoyResource(typeName, json)).toEqual([]);
  });

  it('accepts camelCase field names as the JSON mapping allows', () => {
    const json = {
      name: 'tenants',
      virtualHosts: [{ name: 'a', domains: ['*'] }],
    };
    expect(checkEnvoyResource(ROUTE_CONFIGURATION, json)).toEqual([]);
  });

  it.each([
    {
      problem: 'a misspelled field',
      typeName: LISTENER,
      json: changed(listener, l => Object.assign(hcm(l), { stat_prefx: 'x' })),
      path: 'filter_chains[0].filters[0].typed_config.stat_prefx',
      message: /unknown field "stat_prefx" in .*HttpConnectionManager/,
    },
    {
      problem: 'a bad enum name',
      typeName: LISTENER,
      json: changed(listener, l => {
        hcm(l).codec_type = 'HTTP9';
      }),
      path: 'filter_chains[0].filters[0].typed_config.codec_type',
      message: /HTTP9/,
    },
    {
      problem: 'a bad duration',
      typeName: ROUTE_CONFIGURATION,
      json: changed(routeConfiguration, r => {
        firstRoute(r).route.timeout = '5 seconds';
      }),
      path: 'virtual_hosts[0].routes[0].route.timeout',
      message: /Duration/,
    },
    {
      problem: 'an Any of an unknown type',
      typeName: ROUTE_CONFIGURATION,
      json: changed(routeConfiguration, r => {
        firstRoute(r).typed_per_filter_config[
          'envoy.filters.http.dynamic_forward_proxy'
        ]['@type'] = 'type.googleapis.com/envoy.extensions.Nope';
      }),
      path: 'virtual_hosts[0].routes[0].typed_per_filter_config["envoy.filters.http.dynamic_forward_proxy"].@type',
      message: /unknown type "type.googleapis.com\/envoy.extensions.Nope"/,
    },
    {
      problem: 'a misspelled field in a bootstrap',
      typeName: BOOTSTRAP,
      json: changed(bootstrap, b => Object.assign(b, { admn: {} })),
      path: 'admn',
      message: /unknown field "admn"/,
    },
    {
      problem: 'a string where a port number belongs',
      typeName: BOOTSTRAP,
      json: changed(bootstrap, b =>
        Object.assign(b.admin.address.socket_address, { port_value: 'admin' }),
      ),
      path: 'admin.address.socket_address.port_value',
      message: /port_value/,
    },
    {
      problem: 'a oneof set twice',
      typeName: ROUTE_CONFIGURATION,
      json: changed(routeConfiguration, r =>
        Object.assign(firstRoute(r).route, { cluster_header: 'x-cluster' }),
      ),
      path: 'virtual_hosts[0].routes[0].route',
      message: /oneof set multiple times/,
    },
  ])('reports $problem with its path', ({ typeName, json, path, message }) => {
    const problems = checkEnvoyResource(typeName, json);

    expect(problems).toEqual([
      { object: expect.any(String), path, message: expect.any(String) },
    ]);
    expect(problems[0].message).toMatch(message);
  });

  it('names the object by type and name', () => {
    const json = changed(listener, l => Object.assign(l, { nme: 'x' }));
    expect(checkEnvoyResource(LISTENER, json)).toEqual([
      expect.objectContaining({ object: 'Listener ext-authz', path: 'nme' }),
    ]);
  });

  it('reports every problem, not only the first', () => {
    const json = changed(bootstrap, b =>
      Object.assign(b, { admn: {}, node: { idd: 'x' } }),
    );
    expect(checkEnvoyResource(BOOTSTRAP, json).map(p => p.path)).toEqual([
      'node.idd',
      'admn',
    ]);
  });

  it('accepts the @type of a resource copied from an xDS file', () => {
    const json = {
      '@type': `type.googleapis.com/${ROUTE_CONFIGURATION}`,
      ...routeConfiguration,
    };
    expect(checkEnvoyResource(ROUTE_CONFIGURATION, json)).toEqual([]);
    expect(checkEnvoyResource(CLUSTER, json)).toEqual([
      {
        object: 'Cluster tenants',
        path: '@type',
        message: expect.stringContaining(
          `expected "type.googleapis.com/${CLUSTER}"`,
        ),
      },
    ]);
  });

  it('reports an unknown type name', () => {
    expect(checkEnvoyResource('envoy.config.Nope', {})).toEqual([
      {
        object: 'Nope',
        path: '',
        message: expect.stringContaining(
          'unknown Envoy type envoy.config.Nope',
        ),
      },
    ]);
  });
});

describe('checkEnvoyDiscoveryFile', () => {
  it('accepts a valid route discovery file', () => {
    expect(checkEnvoyDiscoveryFile(routeDiscoveryFile)).toEqual([]);
  });

  it('checks each resource by its @type', () => {
    const json = changed(routeDiscoveryFile, file => {
      file.resources[0].virtual_hosts[0].routes[0].route.timeout = 'soon';
      file.resources.push({ ...file.resources[0], '@type': 'nope' });
    });
    expect(checkEnvoyDiscoveryFile(json)).toEqual([
      {
        object: 'RouteConfiguration tenants',
        path: 'resources[0].virtual_hosts[0].routes[0].route.timeout',
        message: expect.stringContaining('Duration'),
      },
      {
        object: 'nope tenants',
        path: 'resources[1].@type',
        message: expect.stringContaining('unknown type "nope"'),
      },
    ]);
  });

  it.each([
    [{ version_info: '1' }, 'resources'],
    [{ resources: [], versionInfo: 1 }, 'versionInfo'],
    [{ resources: [{ name: 'tenants' }] }, 'resources[0]'],
  ])('reports a malformed envelope %j at %s', (json, path) => {
    expect(checkEnvoyDiscoveryFile(json)).toEqual([
      expect.objectContaining({ path }),
    ]);
  });
});
