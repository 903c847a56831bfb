import { pathInside } from './renderedFiles';

describe('pathInside', () => {
  it.each(['../outside.yaml', '/etc/passwd', 'a/../../b.yaml', ''])(
    'refuses %j',
    relative => {
      expect(() => pathInside('/tmp/out', relative)).toThrow(
        /is not a path inside/,
      );
    },
  );

  it('accepts a path below the folder', () => {
    expect(pathInside('/tmp/out', 'tenants/acme/a.yaml')).toBe(
      '/tmp/out/tenants/acme/a.yaml',
    );
  });
});
