import { deriveDomainPrefix, validateDomainPrefix } from './domainPrefix';

describe('validateDomainPrefix (B16)', () => {
  it.each([
    ['acme-auth', []],
    ['Acme-Auth', ['domain-prefix']],
    ['-acme', ['domain-prefix']],
    ['acme-', ['domain-prefix']],
    ['acme.auth', ['domain-prefix']],
    ['acme_auth', ['domain-prefix']],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['max-length']],
    ['', ['max-length']],
    ['aws-acme', ['reserved-word']],
    ['acme-amazon', ['reserved-word']],
    ['mycognitoapp', ['reserved-word']],
    ['laws-firm', ['reserved-word']],
  ])('%j → %j', (prefix, rules) => {
    const problems = validateDomainPrefix(prefix);
    expect(problems.map(p => p.rule)).toEqual(rules);
    problems.forEach(p => expect(p.field).toBe('domainPrefix'));
  });
});

describe('deriveDomainPrefix (B17)', () => {
  const acme = {
    tenantId: 'acme',
    host: 'acme.example.com',
    region: 'us-east-1',
  };

  it('is the id plus 8 hex digits, the same on every run', () => {
    const prefix = deriveDomainPrefix(acme);
    expect(prefix).toMatch(/^acme-[0-9a-f]{8}$/);
    expect(deriveDomainPrefix({ ...acme })).toBe(prefix);
    expect(validateDomainPrefix(prefix)).toEqual([]);
  });

  it('differs by region and by host', () => {
    const prefix = deriveDomainPrefix(acme);
    expect(deriveDomainPrefix({ ...acme, region: 'eu-west-1' })).not.toBe(
      prefix,
    );
    expect(deriveDomainPrefix({ ...acme, host: 'acme.example.org' })).not.toBe(
      prefix,
    );
  });
});
