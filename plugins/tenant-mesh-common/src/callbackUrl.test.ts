import { tenantCallbackUrl, validateCallbackUrl } from './callbackUrl';

describe('validateCallbackUrl (B18)', () => {
  const long = `https://acme.example.com/${'a'.repeat(1000)}`;

  it.each([
    ['https://acme.example.com/oauth2/callback', false, undefined],
    ['http://acme.example.com/oauth2/callback', false, 'https'],
    ['http://acme.example.com/oauth2/callback', true, 'https'],
    ['https://acme.example.com/oauth2/callback#x', false, 'no-fragment'],
    ['https://', false, 'absolute-url'],
    ['/oauth2/callback', false, 'absolute-url'],
    [long, false, 'max-length'],
    ['http://localhost:4180/oauth2/callback', true, undefined],
    ['http://localhost:4180/oauth2/callback', false, 'https'],
  ])('%s (dev mode %s) → %s', (url, allowLocalhost, rule) => {
    const problems = validateCallbackUrl(url, { allowLocalhost });
    expect(problems.map(p => p.rule)).toEqual(rule ? [rule] : []);
    problems.forEach(p => expect(p.field).toBe('callbackUrl'));
  });

  it('derives the callback from the host', () => {
    expect(tenantCallbackUrl('acme.example.com')).toBe(
      'https://acme.example.com/oauth2/callback',
    );
  });
});
