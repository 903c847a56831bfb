import { InputError } from '@backstage/errors';
import { tenantCallbackUrl, validateCallbackUrl } from './callbackUrl';
import { deriveDomainPrefix, validateDomainPrefix } from './domainPrefix';
import { maxTenantIdLength } from './names';
import { validateTenantNamespaces } from './namespaceRules';
import { canonicalHost } from './hosts';
import {
  CLIENT_ID_PATTERN,
  EMULATOR_USER_POOL_ID_PATTERN,
  resolveTenantSpec,
  tenantSpecSchema,
  USER_POOL_ID_PATTERN,
} from './tenantSpec';
import { validateHost } from './hostRules';
import { validateSession, validateTokenValidity } from './durationRules';
import { PlatformSettings, TenantSpec, ValidationProblem } from './types';
import { zodProblems } from './zodProblems';

/** A tenant that already exists, for the host-ownership rule. @public */
export interface ExistingTenant {
  tenantId: string;
  host: string;
  /**
   * The tenant's hosted-UI domain prefix, when known (its record's, or the
   * one derived from it): two tenants cannot share one domain (B17).
   */
  domainPrefix?: string;
}

/** Options of `validateTenant`. @public */
export interface ValidateTenantOptions {
  existingTenants?: ExistingTenant[];
  /** Local development: allow `http://localhost` callbacks. */
  allowLocalhostCallbacks?: boolean;
}

const ENTITY_NAME = '[a-zA-Z0-9](?:[-_.]?[a-zA-Z0-9])*';
const OWNER_REF = new RegExp(
  `^(?:group|user):(?:${ENTITY_NAME}/)?${ENTITY_NAME}$`,
);
const USER_POOL_ID = new RegExp(USER_POOL_ID_PATTERN);
const EMULATOR_USER_POOL_ID = new RegExp(EMULATOR_USER_POOL_ID_PATTERN);
const CLIENT_ID = new RegExp(CLIENT_ID_PATTERN);

function validateTenantId(
  tenantId: string,
  platform: PlatformSettings,
): ValidationProblem[] {
  const max = maxTenantIdLength(platform);
  if (tenantId.length <= max) {
    return validateTenantNamespaces(tenantId, platform);
  }
  return [
    {
      field: 'tenantId',
      rule: 'max-length',
      message: `must be at most ${max} characters so every derived name fits 63, got ${tenantId.length}`,
    },
  ];
}

function validateDisplayName(name: string): ValidationProblem[] {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    return [
      {
        field: 'displayName',
        rule: 'length',
        message: 'must be 1 to 100 characters',
      },
    ];
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    return [
      {
        field: 'displayName',
        rule: 'printable',
        message: 'must not contain control characters',
      },
    ];
  }
  return [];
}

function validateOwner(owner: string): ValidationProblem[] {
  if (OWNER_REF.test(owner)) {
    return [];
  }
  return [
    {
      field: 'owner',
      rule: 'entity-ref',
      message: `must be a group or user entity ref such as group:default/platform-team, got "${owner}"`,
    },
  ];
}

function validateIdentity(
  identity: NonNullable<TenantSpec['identity']>,
  platform: PlatformSettings,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const region = platform.cognito.region;
  // cognito-local's ids (`local_…`) carry no region, and its issuer is built
  // on the emulator's endpoint; without an emulator they are never valid.
  const emulated =
    !!platform.cognito.endpoint &&
    EMULATOR_USER_POOL_ID.test(identity.userPoolId);
  const pool = USER_POOL_ID.exec(identity.userPoolId);
  if (!emulated && !pool) {
    problems.push({
      field: 'identity.userPoolId',
      rule: 'user-pool-id',
      message: `must look like ${region}_AbCdEf123${
        platform.cognito.endpoint ? ' or, from the emulator, local_AbC123' : ''
      }`,
    });
  } else if (!emulated && pool && pool[1] !== region) {
    // B01: the issuer URL names the region, so the pool must live there.
    problems.push({
      field: 'identity.userPoolId',
      rule: 'region',
      message: `belongs to region ${pool[1]}, but the platform's Cognito region is ${region}`,
    });
  }
  if (!CLIENT_ID.test(identity.clientId)) {
    problems.push({
      field: 'identity.clientId',
      rule: 'client-id',
      message: 'must be a Cognito app client id (letters and digits)',
    });
  }
  return problems;
}

/**
 * A chosen prefix that another tenant's domain has. Cognito would refuse it
 * too, but only after this tenant's pool exists, and an emulator never does.
 * A derived prefix carries the id and a hash of the host, so only a chosen
 * one can collide.
 */
function prefixTakenProblems(
  input: Partial<TenantSpec>,
  existing: ExistingTenant[],
): ValidationProblem[] {
  const owner = existing.find(
    t => t.tenantId !== input.tenantId && t.domainPrefix === input.domainPrefix,
  );
  return owner
    ? [
        {
          field: 'domainPrefix',
          rule: 'taken',
          message: `${input.domainPrefix} is the hosted-UI domain of tenant ${owner.tenantId}; choose another prefix, or leave it out to derive one`,
        },
      ]
    : [];
}

/** Rule id of a zod issue; the one pattern on tenantId is the DNS rule. */
function shapeRule(field: string, code: string): string {
  if (code === 'invalid_string') {
    return field === 'tenantId' ? 'dns-label' : 'format';
  }
  return code;
}

/**
 * The problems of a tenant's shape alone (unknown or misspelt keys, types,
 * the id's format), which need no platform settings: what a client can
 * check before it sends a tenant to a portal whose settings it does not
 * have.
 *
 * @public
 */
export function tenantShapeProblems(spec: unknown): ValidationProblem[] {
  return shapeProblemsOf(tenantSpecSchema.safeParse(spec));
}

function shapeProblemsOf(
  parsed: ReturnType<typeof tenantSpecSchema.safeParse>,
): ValidationProblem[] {
  return parsed.success
    ? []
    : zodProblems(tenantSpecSchema, parsed.error).map(problem => ({
        ...problem,
        field: problem.field || 'spec',
        rule: shapeRule(problem.field, problem.rule),
      }));
}

/**
 * Checks a tenant against every rule and returns all problems at once, each
 * naming its field and rule; an empty list means valid. Shape problems come
 * from the zod schema; fields with a shape problem are not checked further.
 *
 * @public
 */
export function validateTenant(
  spec: unknown,
  platform: PlatformSettings,
  opts: ValidateTenantOptions = {},
): ValidationProblem[] {
  const parsed = tenantSpecSchema.safeParse(spec);
  const problems = shapeProblemsOf(parsed);
  const broken = (field: string) =>
    problems.some(p => p.field === field || p.field.startsWith(`${field}.`));

  // Fields that parsed can be checked one by one, even if others did not.
  const raw = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<
    string,
    unknown
  >;
  const check = (field: string, rule: () => ValidationProblem[]) => {
    if (raw[field] !== undefined && !broken(field)) {
      problems.push(...rule());
    }
  };
  const input = raw as Partial<TenantSpec>;

  check('tenantId', () => validateTenantId(input.tenantId!, platform));
  check('displayName', () => validateDisplayName(input.displayName!));
  check('owner', () => validateOwner(input.owner!));
  check('host', () =>
    validateHost({
      host: input.host!,
      // A broken id cannot tell whose host this is.
      tenantId:
        typeof input.tenantId === 'string' && !broken('tenantId')
          ? input.tenantId
          : '',
      platform,
      existingTenants: opts.existingTenants ?? [],
    }),
  );
  if (!broken('host') && typeof input.host === 'string' && input.host) {
    problems.push(
      ...validateCallbackUrl(tenantCallbackUrl(canonicalHost(input.host)), {
        allowLocalhost: opts.allowLocalhostCallbacks,
      }),
    );
  }
  check('identity', () => validateIdentity(input.identity!, platform));

  if (input.domainPrefix !== undefined) {
    check('domainPrefix', () => [
      ...validateDomainPrefix(input.domainPrefix!),
      ...prefixTakenProblems(input, opts.existingTenants ?? []),
    ]);
  } else if (
    !broken('tenantId') &&
    typeof input.tenantId === 'string' &&
    typeof input.host === 'string'
  ) {
    // The derived prefix carries the id, so a reserved word in the id
    // (e.g. `laws`) needs an explicit prefix.
    const derived = deriveDomainPrefix({
      tenantId: input.tenantId,
      host: canonicalHost(input.host),
      region: platform.cognito.region,
    });
    problems.push(
      ...validateDomainPrefix(derived).map(p => ({
        ...p,
        message: `derived prefix "${derived}" ${p.message}`,
      })),
    );
  }

  if (parsed.success) {
    const resolved = resolveTenantSpec(parsed.data, platform);
    problems.push(...validateTokenValidity(resolved.tokenValidity));
    problems.push(...validateSession(resolved));
  }
  return problems;
}

/**
 * Like `validateTenant`, but throws.
 *
 * @throws InputError whose message lists every problem as `field: message`.
 * @public
 */
export function assertValidTenant(
  spec: unknown,
  platform: PlatformSettings,
  opts: ValidateTenantOptions = {},
): asserts spec is TenantSpec {
  const problems = validateTenant(spec, platform, opts);
  if (problems.length > 0) {
    const lines = problems.map(p => `${p.field}: ${p.message}`);
    throw new InputError(`Invalid tenant:\n${lines.join('\n')}`);
  }
}
