import { ValidationProblem } from './types';

/** Cognito refuses longer callback URLs (B18). */
export const MAX_CALLBACK_URL_LENGTH = 1024;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The tenant's OAuth callback. Cognito's `CallbackURLs` and oauth2-proxy's
 * `redirect_url` both come from here, so they match byte for byte (B18).
 *
 * @public
 */
export function tenantCallbackUrl(host: string): string {
  return `https://${host}/oauth2/callback`;
}

/** Where Cognito sends the browser after logout. @public */
export function tenantLogoutUrl(host: string): string {
  return `https://${host}/`;
}

/**
 * Checks a callback URL against Cognito's rules (B18): absolute, HTTPS (plain
 * HTTP only for a loopback host, and only when `allowLocalhost`), a host, no
 * fragment, at most 1024 characters.
 *
 * @public
 */
export function validateCallbackUrl(
  url: string,
  opts: { allowLocalhost?: boolean; field?: string } = {},
): ValidationProblem[] {
  const field = opts.field ?? 'callbackUrl';
  const problem = (rule: string, message: string) => [{ field, rule, message }];

  if (url.length > MAX_CALLBACK_URL_LENGTH) {
    return problem(
      'max-length',
      `must be at most ${MAX_CALLBACK_URL_LENGTH} characters, got ${url.length}`,
    );
  }
  if (url.includes('#')) {
    return problem('no-fragment', 'must not contain a fragment (#)');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem('absolute-url', `must be an absolute URL, got "${url}"`);
  }
  if (!parsed.hostname) {
    return problem('absolute-url', 'must name a host');
  }
  if (parsed.protocol === 'https:') {
    return [];
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol === 'http:' && loopback && opts.allowLocalhost) {
    return [];
  }
  return problem(
    'https',
    loopback
      ? 'may use http only in local development mode'
      : 'must use https (Cognito allows http only for localhost)',
  );
}
