import { ValidationProblem } from './types';

const SECRET_LENGTHS = [16, 24, 32];
const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]+={0,2}$/;

/*
 * oauth2-proxy strips `=` padding, decodes the rest as URL-safe base64 and
 * uses the bytes when there are 16, 24 or 32 of them; otherwise it uses the
 * string itself, which must then be 16, 24 or 32 characters (B02). We accept
 * only the first form, so a secret is never accidentally a short string.
 */
function decodedLength(value: string): number | undefined {
  if (!URL_SAFE_BASE64.test(value)) {
    return undefined;
  }
  const chars = value.replace(/=+$/, '').length;
  if (chars % 4 === 1) {
    return undefined;
  }
  return Math.floor((chars * 3) / 4);
}

/**
 * Checks an operator-supplied cookie secret (case B02). The value itself
 * never appears in a problem.
 *
 * @public
 */
export function validateCookieSecret(value: string): ValidationProblem[] {
  const field = 'cookieSecret';
  if (/[\s"']/.test(value)) {
    return [
      {
        field,
        rule: 'no-quotes-or-space',
        message:
          'must not contain quotes, spaces or newlines; give the bare value',
      },
    ];
  }
  const length = decodedLength(value);
  if (length === undefined || !SECRET_LENGTHS.includes(length)) {
    return [
      {
        field,
        rule: 'url-safe-base64',
        message:
          'must be URL-safe base64 (A-Z a-z 0-9 - _, no + or /) of 16, 24 or 32 random bytes',
      },
    ];
  }
  return [];
}
