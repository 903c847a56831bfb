import { tenantCallbackUrl, tenantLogoutUrl } from './callbackUrl';
import { cognitoHostedUiUrl, cognitoIssuerUrl } from './cognitoPlan';
import { parseDuration, toGoDuration } from './durations';
import { PlatformSettings, ResolvedTenantSpec } from './types';

/** Port oauth2-proxy listens on. @public */
export const OAUTH2_PROXY_PORT = 4180;

/** Environment variables that carry the secrets, from the tenant's Secret. */
export const OAUTH2_PROXY_SECRET_ENV = {
  clientSecret: 'OAUTH2_PROXY_CLIENT_SECRET',
  cookieSecret: 'OAUTH2_PROXY_COOKIE_SECRET',
} as const;

type ConfigValue = string | number | boolean | string[];

function formatValue(value: ConfigValue): string {
  if (Array.isArray(value)) {
    return `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
  }
  // JSON string escapes are valid TOML basic-string escapes.
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The oauth2-proxy config file (`--config`, TOML `key = value`) of a tenant,
 * or `undefined` while the Cognito ids are unknown. Keys come in a fixed
 * order. Secrets never appear: oauth2-proxy reads them from
 * `OAUTH2_PROXY_CLIENT_SECRET` and `OAUTH2_PROXY_COOKIE_SECRET`.
 *
 * @public
 */
export function renderOauth2ProxyConfig(
  spec: ResolvedTenantSpec,
  platform: PlatformSettings,
): string | undefined {
  if (!spec.identity) {
    return undefined;
  }
  const { session } = spec;
  const { region } = platform.cognito;
  const logout = new URL(
    '/logout',
    cognitoHostedUiUrl(spec.domainPrefix, region),
  );
  logout.searchParams.set('client_id', spec.identity.clientId);
  logout.searchParams.set('logout_uri', tenantLogoutUrl(spec.host));

  const entries: Array<[string, ConfigValue | undefined]> = [
    ['http_address', `0.0.0.0:${OAUTH2_PROXY_PORT}`],
    ['provider', 'oidc'],
    // B01: the pool's issuer, byte for byte; never the hosted-UI domain.
    ['oidc_issuer_url', cognitoIssuerUrl(spec.identity.userPoolId, platform)],
    ['client_id', spec.identity.clientId],
    // B18: identical to the app client's CallbackURLs entry.
    ['redirect_url', tenantCallbackUrl(spec.host)],
    // B03: without `email` the ID token has no email and login fails.
    ['scope', 'openid email'],
    ['email_domains', ['*']],
    [
      'insecure_oidc_allow_unverified_email',
      session.allowUnverifiedEmail ? true : undefined,
    ],
    // In proxy mode behind ext-authz: 200 from this dummy upstream = allow.
    ['upstreams', ['static://200']],
    ['reverse_proxy', true],
    ['set_xauthrequest', true],
    // B06: oauth2-proxy refuses to start with a minimal cookie and this on,
    // since the ID token it would send is not kept; the upstream then gets
    // only the X-Auth-Request-* identity headers.
    ['set_authorization_header', !session.cookieMinimal],
    ['pass_access_token', session.passAccessToken],
    ['skip_provider_button', true],
    ['cookie_secure', true],
    ['cookie_httponly', true],
    ['cookie_samesite', 'lax'],
    ['cookie_expire', toGoDuration(parseDuration(session.cookieExpire) ?? 0)],
    ['cookie_refresh', toGoDuration(parseDuration(session.cookieRefresh) ?? 0)],
    ['session_cookie_minimal', session.cookieMinimal],
    ['skip_jwt_bearer_tokens', session.skipJwtBearerTokens],
    // B04: Cognito access tokens carry `client_id`, not `aud`.
    ['oidc_audience_claims', ['aud', 'client_id']],
    [
      'oidc_extra_audiences',
      session.extraAudiences.length > 0
        ? [...session.extraAudiences]
        : undefined,
    ],
    // W23: also call Cognito's logout. TODO: this back-channel call does not
    // carry the browser's hosted-UI cookie; sign-out links should also
    // redirect the browser to the same URL.
    ['backend_logout_url', logout.toString()],
  ];

  const lines = entries
    .filter((entry): entry is [string, ConfigValue] => entry[1] !== undefined)
    .map(([key, value]) => `${key} = ${formatValue(value)}`);
  return `${lines.join('\n')}\n`;
}
