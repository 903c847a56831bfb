import { z } from 'zod';
import { deriveDomainPrefix } from './domainPrefix';
import { durationSchema as duration } from './durations';
import { canonicalHost } from './hosts';
import {
  PlatformSettings,
  ResolvedTenantSpec,
  SessionOptions,
  TenantSpec,
} from './types';

/**
 * Pattern of a tenant id (a DNS-1123 label that starts with a letter). The
 * template's JSON schema and the action's zod schema both use this one
 * string, so the form and the backend cannot drift apart (case B22).
 *
 * @public
 */
export const TENANT_ID_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

const REGION = '[a-z]{2}(-[a-z]+)+-[0-9]';

/** Pattern of an AWS region, e.g. `us-east-1`. @public */
export const AWS_REGION_PATTERN = `^${REGION}$`;

/**
 * Pattern of a Cognito user pool id, e.g. `us-east-1_AbCdEf123`; group 1 is
 * the region, which must be the platform's (B01).
 *
 * @public
 */
export const USER_POOL_ID_PATTERN = `^(${REGION})_[0-9A-Za-z]+$`;

/**
 * Pattern of a user pool id made by the cognito-local emulator, e.g.
 * `local_AbC123`. It carries no region and is accepted only while
 * `tenantMesh.cognito.endpoint` points at an emulator.
 *
 * @public
 */
export const EMULATOR_USER_POOL_ID_PATTERN = '^local_[0-9A-Za-z]+$';

/**
 * The user pool ids the platform can have: AWS ids, plus the emulator's
 * when one is configured.
 *
 * @public
 */
export function userPoolIdPattern(platform: PlatformSettings): string {
  return platform.cognito.endpoint
    ? `(${USER_POOL_ID_PATTERN})|(${EMULATOR_USER_POOL_ID_PATTERN})`
    : USER_POOL_ID_PATTERN;
}

/** Pattern of a Cognito app client id. @public */
export const CLIENT_ID_PATTERN = '^[0-9A-Za-z_+]{1,128}$';

/**
 * Session defaults. The refresh interval is shorter than the cookie lifetime
 * and than the default refresh token validity (1d), as oauth2-proxy and
 * Cognito need (W16); tokens stay out of the upstream unless asked for.
 *
 * @public
 */
export const DEFAULT_SESSION: SessionOptions = {
  cookieExpire: '12h',
  cookieRefresh: '30m',
  cookieMinimal: false,
  passAccessToken: false,
  skipJwtBearerTokens: false,
  extraAudiences: [],
  allowUnverifiedEmail: false,
};

/**
 * Zod schema of a tenant file or of Create Tenant's input. It checks shape
 * and the tenant id pattern; every other rule lives in `validateTenant`,
 * which can see the platform and report all problems at once.
 *
 * @public
 */
export const tenantSpecSchema = z
  .object({
    tenantId: z.string().regex(new RegExp(TENANT_ID_PATTERN), {
      message:
        'must be a lowercase DNS label: letters, digits and inner hyphens, starting with a letter',
    }),
    displayName: z.string(),
    host: z.string(),
    owner: z.string(),
    mfa: z.enum(['off', 'optional', 'on']).optional(),
    tokenValidity: z
      .object({
        idToken: duration.optional(),
        accessToken: duration.optional(),
        refreshToken: duration.optional(),
      })
      .strict()
      .optional(),
    session: z
      .object({
        cookieExpire: duration.optional(),
        cookieRefresh: duration.optional(),
        cookieMinimal: z.boolean().optional(),
        passAccessToken: z.boolean().optional(),
        skipJwtBearerTokens: z.boolean().optional(),
        extraAudiences: z.array(z.string()).optional(),
        allowUnverifiedEmail: z.boolean().optional(),
      })
      .strict()
      .optional(),
    workload: z.enum(['bookinfo', 'none']).optional(),
    domainPrefix: z.string().optional(),
    identity: z
      .object({ userPoolId: z.string(), clientId: z.string() })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Applies the platform's defaults to a (validated) spec, and derives the
 * hosted-UI domain prefix unless the spec overrides it.
 *
 * @public
 */
export function resolveTenantSpec(
  spec: TenantSpec,
  platform: PlatformSettings,
): ResolvedTenantSpec {
  const defaults = platform.cognito.defaults;
  const host = canonicalHost(spec.host);
  return {
    tenantId: spec.tenantId,
    displayName: spec.displayName.trim(),
    host,
    owner: spec.owner,
    mfa: spec.mfa ?? defaults.mfa,
    tokenValidity: { ...defaults.tokenValidity, ...spec.tokenValidity },
    session: { ...DEFAULT_SESSION, ...spec.session },
    workload: spec.workload ?? 'bookinfo',
    domainPrefix:
      spec.domainPrefix ??
      deriveDomainPrefix({
        tenantId: spec.tenantId,
        host,
        region: platform.cognito.region,
      }),
    ...(spec.identity ? { identity: { ...spec.identity } } : {}),
  };
}
