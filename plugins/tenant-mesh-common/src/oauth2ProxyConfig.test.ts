import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { renderOauth2ProxyConfig } from './oauth2ProxyConfig';
import { resolveTenantSpec } from './tenantSpec';
import { validateTenant } from './validation';
import { SessionOptions } from './types';

function render(session: Partial<SessionOptions> = {}) {
  const spec = resolveTenantSpec({ ...acmeSpec, session }, testPlatform);
  return renderOauth2ProxyConfig(spec, testPlatform)!;
}

function lines(config: string): string[] {
  return config.trimEnd().split('\n');
}

describe('renderOauth2ProxyConfig', () => {
  const config = render();

  it.each([
    // B01: byte for byte, no trailing slash, not the hosted-UI domain
    'oidc_issuer_url = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"',
    'client_id = "1example23456789"',
    'redirect_url = "https://acme.example.com/oauth2/callback"',
    'provider = "oidc"',
    'scope = "openid email"',
    'email_domains = ["*"]',
    'upstreams = ["static://200"]',
    'reverse_proxy = true',
    'set_xauthrequest = true',
    'set_authorization_header = true',
    'skip_provider_button = true',
    'cookie_secure = true',
    'cookie_httponly = true',
    'cookie_samesite = "lax"',
    'cookie_expire = "12h"',
    'cookie_refresh = "30m"',
    'session_cookie_minimal = false',
    'pass_access_token = false',
    'skip_jwt_bearer_tokens = false',
    'oidc_audience_claims = ["aud", "client_id"]',
    'http_address = "0.0.0.0:4180"',
  ])('has the line %s', line => {
    expect(lines(config)).toContain(line);
  });

  it.each([
    'insecure_oidc_allow_unverified_email',
    'ssl_insecure_skip_verify',
    'oidc_extra_audiences',
    'client_secret',
    'cookie_secret',
    'amazoncognito.com/us-east-1',
  ])('has no %s', key => {
    expect(config).not.toContain(key);
  });

  it('logs out of Cognito too (W23)', () => {
    expect(config).toMatch(
      /^backend_logout_url = "https:\/\/acme-[0-9a-f]{8}\.auth\.us-east-1\.amazoncognito\.com\/logout\?client_id=1example23456789&logout_uri=https%3A%2F%2Facme\.example\.com%2F"$/m,
    );
  });

  it('allows unverified email only when asked (B03)', () => {
    expect(lines(render({ allowUnverifiedEmail: true }))).toContain(
      'insecure_oidc_allow_unverified_email = true',
    );
  });

  it('accepts bearer tokens of this client and listed ones only (B04)', () => {
    const withBearer = lines(
      render({
        skipJwtBearerTokens: true,
        extraAudiences: ['2other987654321'],
      }),
    );
    expect(withBearer).toContain('skip_jwt_bearer_tokens = true');
    expect(withBearer).toContain('oidc_audience_claims = ["aud", "client_id"]');
    expect(withBearer).toContain('oidc_extra_audiences = ["2other987654321"]');
  });

  it('writes day durations in Go form', () => {
    expect(lines(render({ cookieExpire: '7d', cookieRefresh: '0' }))).toEqual(
      expect.arrayContaining([
        'cookie_expire = "168h"',
        'cookie_refresh = "0s"',
      ]),
    );
  });

  it('is pending until the Cognito ids are known', () => {
    const globex = resolveTenantSpec(globexSpec, testPlatform);
    expect(renderOauth2ProxyConfig(globex, testPlatform)).toBeUndefined();
  });

  it('keeps a fixed key order', () => {
    const keys = lines(config).map(line => line.split(' = ')[0]);
    expect(keys.slice(0, 5)).toEqual([
      'http_address',
      'provider',
      'oidc_issuer_url',
      'client_id',
      'redirect_url',
    ]);
  });
});

type ParsedConfig = Record<string, string | number | boolean | string[]>;

/** Our config file back as values; every value is written as JSON. */
function parseConfig(config: string): ParsedConfig {
  return Object.fromEntries(
    lines(config).map(line => {
      const [key, ...value] = line.split(' = ');
      return [key, JSON.parse(value.join(' = '))];
    }),
  );
}

/** Seconds of a Go duration as we write them (`0s`, `30m`, `12h`). */
function goSeconds(value: unknown): number {
  const match = /^(\d+)([smh])$/.exec(String(value));
  if (!match) throw new Error(`not a Go duration: ${value}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's'];
}

/**
 * The startup checks of oauth2-proxy v7 over the options we write, as its
 * `validateSessionCookieMinimal` and `validateCookie` do them: a minimal
 * cookie keeps no tokens, so nothing may send a token upstream (the legacy
 * `set_authorization_header`, `pass_authorization_header` and
 * `pass_access_token` all inject a token claim) and nothing may refresh;
 * and a refresh must come before a non-zero expiry.
 */
function oauth2ProxyConflicts(cfg: ParsedConfig): string[] {
  const conflicts: string[] = [];
  const refresh = goSeconds(cfg.cookie_refresh ?? '0s');
  const expire = goSeconds(cfg.cookie_expire ?? '168h');
  if (cfg.session_cookie_minimal === true) {
    for (const key of [
      'set_authorization_header',
      'pass_authorization_header',
      'pass_access_token',
    ]) {
      if (cfg[key] === true) {
        conflicts.push(`session_cookie_minimal with ${key}`);
      }
    }
    if (refresh !== 0) {
      conflicts.push('session_cookie_minimal with cookie_refresh > 0');
    }
  }
  if (expire !== 0 && refresh >= expire) {
    conflicts.push('cookie_refresh must be less than cookie_expire');
  }
  return conflicts;
}

describe('oauth2-proxy starts with every session validateTenant accepts (B06)', () => {
  const flags = [false, true];
  const sessions: Array<Partial<SessionOptions>> = [];
  for (const cookieMinimal of flags)
    for (const passAccessToken of flags)
      for (const skipJwtBearerTokens of flags)
        for (const allowUnverifiedEmail of flags)
          for (const cookieExpire of ['0', '30m', '12h'])
            for (const cookieRefresh of ['0', '30m', '1h'])
              for (const extraAudiences of [[], ['2other987654321']])
                sessions.push({
                  cookieMinimal,
                  passAccessToken,
                  skipJwtBearerTokens,
                  allowUnverifiedEmail,
                  cookieExpire,
                  cookieRefresh,
                  extraAudiences,
                });
  const accepted = sessions.filter(
    session =>
      validateTenant({ ...acmeSpec, session }, testPlatform).length === 0,
  );

  it('covers minimal cookies and browser-session cookies', () => {
    expect(accepted.some(s => s.cookieMinimal)).toBe(true);
    expect(accepted.some(s => s.cookieExpire === '0')).toBe(true);
  });

  it('finds the conflicts oauth2-proxy refuses', () => {
    expect(
      oauth2ProxyConflicts({
        session_cookie_minimal: true,
        set_authorization_header: true,
        cookie_refresh: '0s',
        cookie_expire: '12h',
      }),
    ).toEqual(['session_cookie_minimal with set_authorization_header']);
  });

  it.each(accepted.map(session => [JSON.stringify(session), session]))(
    '%s',
    (_name, session) => {
      expect(oauth2ProxyConflicts(parseConfig(render(session)))).toEqual([]);
    },
  );

  it('sends no Authorization header with a minimal cookie', () => {
    const config = render({ cookieMinimal: true, cookieRefresh: '0' });
    expect(lines(config)).toContain('set_authorization_header = false');
    expect(lines(config)).toContain('set_xauthrequest = true');
  });
});
