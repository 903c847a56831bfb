import { canonicalHost, stripPort } from './hosts';

describe('canonicalHost', () => {
  it.each([
    ['acme.example.com', 'acme.example.com'],
    ['ACME.Example.COM.', 'acme.example.com'],
    [' acme.example.com ', 'acme.example.com'],
    // Records from before `host` refused ports still name the same host.
    ['acme.example.com:443', 'acme.example.com'],
    ['acme.example.com.:', 'acme.example.com'],
  ])('turns %j into %j', (host, canonical) => {
    expect(canonicalHost(host)).toBe(canonical);
  });
});

describe('stripPort', () => {
  // One helper for Istio's `host:*`, a numeric port and a bare colon; lint
  // and validation used to disagree on the last one.
  it.each([
    ['acme.example.com:8443', 'acme.example.com'],
    ['acme.example.com:*', 'acme.example.com'],
    ['acme.example.com:', 'acme.example.com'],
    ['acme.example.com', 'acme.example.com'],
  ])('turns %j into %j', (host, bare) => {
    expect(stripPort(host)).toBe(bare);
  });
});
