import { ENVOY_PROTO_FILES, envoyRegistry } from './envoyRegistry';

describe('envoyRegistry', () => {
  it('holds every listed Envoy API file', () => {
    const registry = envoyRegistry();

    for (const file of ENVOY_PROTO_FILES) {
      expect(registry.getFile(file)).toBeDefined();
    }
  });

  it('resolves types that typed_config refers to', () => {
    const registry = envoyRegistry();

    expect(
      registry.getMessage(
        'envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
      ),
    ).toBeDefined();
    expect(
      registry
        .getMessage('envoy.config.core.v3.SocketAddress')
        ?.fields.map(f => f.jsonName),
    ).toContain('portValue');
  });

  it('is built once per process', () => {
    expect(envoyRegistry()).toBe(envoyRegistry());
  });
});
