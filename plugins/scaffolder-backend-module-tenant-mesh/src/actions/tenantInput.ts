import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import {
  DURATION_PATTERN,
  MfaMode,
  maxTenantIdLength,
  PlatformSettings,
  SessionOptions,
  TENANT_ID_PATTERN,
  TenantSpec,
  TenantWorkload,
  TokenValidity,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** The zod the scaffolder hands to schema callbacks. */
export type ZodImpl = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

// Names the scaffolder's zod types through its own export, so the declared
// types below do not point into another package's node_modules.
declare const zod: ZodImpl;
/** A zod schema whose value has type T. */
export type Schema<T> = InstanceType<typeof zod.ZodType<T>>;

/** Action input properties for the fields of a TenantSpec. */
export type TenantInputProperties = {
  tenantId: (z: ZodImpl) => Schema<string>;
  displayName: (z: ZodImpl) => Schema<string>;
  host: (z: ZodImpl) => Schema<string>;
  owner: (z: ZodImpl) => Schema<string>;
  mfa: (z: ZodImpl) => Schema<MfaMode | undefined>;
  tokenValidity: (z: ZodImpl) => Schema<Partial<TokenValidity> | undefined>;
  session: (z: ZodImpl) => Schema<Partial<SessionOptions> | undefined>;
  workload: (z: ZodImpl) => Schema<TenantWorkload | undefined>;
  domainPrefix: (z: ZodImpl) => Schema<string | undefined>;
};

/**
 * The fields of a TenantSpec as flat action inputs. The scaffolder turns
 * them into JSON Schema and checks only what JSON Schema can say (pattern,
 * lengths, enums); defaults and cross-field rules run in the handler through
 * validateTenant (B22).
 */
export function tenantInputProperties(
  platform: PlatformSettings,
): TenantInputProperties {
  const duration = (z: ZodImpl) =>
    z.string().regex(new RegExp(DURATION_PATTERN));
  return {
    tenantId: (z: ZodImpl) =>
      z
        .string()
        .regex(new RegExp(TENANT_ID_PATTERN))
        .max(maxTenantIdLength(platform))
        .describe(
          'Tenant id: a lowercase DNS label starting with a letter; every derived name is built from it',
        ),
    displayName: (z: ZodImpl) =>
      z.string().describe('Human name of the tenant'),
    host: (z: ZodImpl) =>
      z
        .string()
        .describe(
          `Public hostname of the tenant, one label under ${platform.baseDomains.join(
            ' or ',
          )}`,
        ),
    owner: (z: ZodImpl) =>
      z
        .string()
        .describe('Entity ref of the owning group, e.g. group:default/team-a'),
    mfa: (z: ZodImpl) =>
      z
        .enum(['off', 'optional', 'on'])
        .optional()
        .describe(
          `Multi-factor authentication of the user pool; default ${platform.cognito.defaults.mfa}`,
        ),
    tokenValidity: (z: ZodImpl) =>
      z
        .object({
          idToken: duration(z).optional(),
          accessToken: duration(z).optional(),
          refreshToken: duration(z).optional(),
        })
        .strict()
        .optional()
        .describe(
          'Token lifetimes such as 1h or 30d; the platform defaults fill gaps',
        ),
    session: (z: ZodImpl) =>
      z
        .object({
          cookieExpire: duration(z).optional(),
          cookieRefresh: duration(z).optional(),
          cookieMinimal: z.boolean().optional(),
          passAccessToken: z.boolean().optional(),
          skipJwtBearerTokens: z.boolean().optional(),
          extraAudiences: z.array(z.string()).optional(),
          allowUnverifiedEmail: z.boolean().optional(),
        })
        .strict()
        .optional()
        .describe('oauth2-proxy session options'),
    workload: (z: ZodImpl) =>
      z
        .enum(['bookinfo', 'none'])
        .optional()
        .describe('What runs behind the host; default bookinfo'),
    domainPrefix: (z: ZodImpl) =>
      z
        .string()
        .optional()
        .describe(
          'Hosted UI domain prefix; derived from the tenant id and host when unset',
        ),
  };
}

/** The tenant fields of an action input. */
export type TenantInput = Omit<TenantSpec, 'identity'>;

/** The TenantSpec an action input describes, without undefined fields. */
export function toTenantSpec(input: TenantInput): TenantSpec {
  const spec: Record<string, unknown> = {
    tenantId: input.tenantId,
    displayName: input.displayName,
    host: input.host,
    owner: input.owner,
    mfa: input.mfa,
    tokenValidity: input.tokenValidity,
    session: input.session,
    workload: input.workload,
    domainPrefix: input.domainPrefix,
  };
  for (const key of Object.keys(spec)) {
    if (spec[key] === undefined) {
      delete spec[key];
    }
  }
  return spec as unknown as TenantSpec;
}
