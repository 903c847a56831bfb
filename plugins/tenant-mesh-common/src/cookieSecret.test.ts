import { validateCookieSecret } from './cookieSecret';

/** URL-safe, unpadded base64, as the node package generates it. */
function urlSafe(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function pseudoRandomBytes(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('validateCookieSecret (B02)', () => {
  it.each([16, 24, 32])('accepts URL-safe base64 of %i bytes', length => {
    expect(validateCookieSecret(urlSafe(pseudoRandomBytes(1, length)))).toEqual(
      [],
    );
  });

  it('accepts 1,000 generated 32-byte secrets', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const secret = urlSafe(pseudoRandomBytes(seed, 32));
      expect(secret).not.toMatch(/[+/"'\s=]/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
      expect(validateCookieSecret(secret)).toEqual([]);
    }
  });

  const standard = Buffer.from(pseudoRandomBytes(7, 32))
    .toString('base64')
    .replace(/^./, '+');

  it.each([
    [
      'standard base64 with + and /',
      `q7+/${standard.slice(4)}`,
      'url-safe-base64',
    ],
    ['too short', 'abc', 'url-safe-base64'],
    ['20 bytes', urlSafe(pseudoRandomBytes(3, 20)), 'url-safe-base64'],
    ['quoted', `"${urlSafe(pseudoRandomBytes(4, 32))}"`, 'no-quotes-or-space'],
    [
      'trailing newline',
      `${urlSafe(pseudoRandomBytes(5, 32))}\n`,
      'no-quotes-or-space',
    ],
  ])('rejects %s, naming cookieSecret', (_name, value, rule) => {
    const problems = validateCookieSecret(value);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'cookieSecret', rule }),
    ]);
    expect(problems[0].message).toMatch(/16, 24 or 32|quotes/);
    expect(problems[0].message).not.toContain(value.trim());
  });
});
