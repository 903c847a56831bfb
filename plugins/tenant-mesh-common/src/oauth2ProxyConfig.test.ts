import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { renderOauth2ProxyConfig } from './oauth2ProxyConfig';
import { resolveTenantSpec } from './tenantSpec';
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
