import { parseDuration } from './durations';
import { CLIENT_ID_PATTERN } from './tenantSpec';
import { ResolvedTenantSpec, TokenValidity, ValidationProblem } from './types';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

const CLIENT_ID = new RegExp(CLIENT_ID_PATTERN);

/** Cognito's bounds on token validity, in seconds. */
const TOKEN_BOUNDS: Record<keyof TokenValidity, [number, number, string]> = {
  idToken: [5 * MINUTE, DAY, '5m to 1d'],
  accessToken: [5 * MINUTE, DAY, '5m to 1d'],
  refreshToken: [HOUR, 3650 * DAY, '1h to 3650d'],
};

/** Token validities must lie in Cognito's bounds, in whole minutes. */
export function validateTokenValidity(
  validity: TokenValidity,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const key of Object.keys(TOKEN_BOUNDS) as Array<keyof TokenValidity>) {
    const [min, max, range] = TOKEN_BOUNDS[key];
    const seconds = parseDuration(validity[key]) ?? -1;
    if (seconds < min || seconds > max || seconds % MINUTE !== 0) {
      problems.push({
        field: `tokenValidity.${key}`,
        rule: 'cognito-bounds',
        message: `must be whole minutes from ${range}, got "${validity[key]}"`,
      });
    }
  }
  return problems;
}

/**
 * oauth2-proxy refuses some option combinations at startup (B06, W16); catch
 * them here, naming both fields, instead of as a crash-looping pod.
 */
export function validateSession(spec: ResolvedTenantSpec): ValidationProblem[] {
  const { session } = spec;
  const problems: ValidationProblem[] = [];
  const expire = parseDuration(session.cookieExpire) ?? 0;
  const refresh = parseDuration(session.cookieRefresh) ?? 0;
  const refreshToken = parseDuration(spec.tokenValidity.refreshToken) ?? 0;

  if (session.cookieMinimal && session.passAccessToken) {
    problems.push({
      field: 'session.cookieMinimal',
      rule: 'conflict',
      message:
        'session.cookieMinimal and session.passAccessToken cannot both be on: a minimal cookie holds no access token to pass',
    });
  }
  if (session.cookieMinimal && refresh > 0) {
    problems.push({
      field: 'session.cookieMinimal',
      rule: 'conflict',
      message:
        'session.cookieMinimal needs session.cookieRefresh "0": refreshing needs the tokens a minimal cookie drops',
    });
  }
  // cookieExpire "0" is a browser-session cookie with no lifetime to
  // compare; oauth2-proxy then checks only the refresh token (below).
  if (refresh > 0 && expire > 0 && refresh >= expire) {
    problems.push({
      field: 'session.cookieRefresh',
      rule: 'shorter-than-expire',
      message: `must be shorter than session.cookieExpire (${session.cookieExpire})`,
    });
  }
  if (refresh > 0 && refresh >= refreshToken) {
    problems.push({
      field: 'session.cookieRefresh',
      rule: 'shorter-than-refresh-token',
      message: `must be shorter than tokenValidity.refreshToken (${spec.tokenValidity.refreshToken}), or the refresh fails`,
    });
  }
  session.extraAudiences.forEach((audience, index) => {
    if (!CLIENT_ID.test(audience)) {
      problems.push({
        field: `session.extraAudiences.${index}`,
        rule: 'client-id',
        message: 'must be a Cognito app client id',
      });
    }
  });
  return problems;
}
