import { fnv1a64 } from './hash';
import { ValidationProblem } from './types';

/** Cognito's pattern for a prefix domain (CreateUserPoolDomain). @public */
export const DOMAIN_PREFIX_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

/**
 * Words Cognito refuses in a prefix. AWS shows them as separate segments; we
 * reject them anywhere in the prefix, which is stricter than confirmed (B16).
 */
export const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];

/**
 * Cognito's pattern without the reserved words, for a form's JSON Schema,
 * which has no other way to say "none of these words" (B16).
 *
 * @public
 */
export const DOMAIN_PREFIX_FORM_PATTERN = `^(?!.*(?:${RESERVED_DOMAIN_WORDS.join(
  '|',
)}))${DOMAIN_PREFIX_PATTERN.slice(1)}`;

/**
 * The derived hosted-UI prefix: `<id>-<8 hex>`, the hex taken from a hash of
 * region and host. Prefixes share one namespace per region across all AWS
 * accounts (B17), so a bare tenant id could be taken; the hash makes a chance
 * collision unlikely, stays the same on every re-run, and hex digits cannot
 * spell a reserved word.
 *
 * @public
 */
export function deriveDomainPrefix(opts: {
  tenantId: string;
  host: string;
  region: string;
}): string {
  const hash = fnv1a64(`${opts.region}/${opts.host}`).slice(0, 8);
  return `${opts.tenantId}-${hash}`;
}

/**
 * Checks a hosted-UI domain prefix against Cognito's rules (B16).
 *
 * @public
 */
export function validateDomainPrefix(prefix: string): ValidationProblem[] {
  const field = 'domainPrefix';
  const problems: ValidationProblem[] = [];
  if (prefix.length < 1 || prefix.length > 63) {
    problems.push({
      field,
      rule: 'max-length',
      message: `must be 1 to 63 characters, got ${prefix.length}`,
    });
  } else if (!new RegExp(DOMAIN_PREFIX_PATTERN).test(prefix)) {
    problems.push({
      field,
      rule: 'domain-prefix',
      message:
        'may hold only lowercase letters, digits and hyphens, and must not start or end with a hyphen',
    });
  }
  const reserved = RESERVED_DOMAIN_WORDS.filter(word =>
    prefix.toLowerCase().includes(word),
  );
  if (reserved.length > 0) {
    problems.push({
      field,
      rule: 'reserved-word',
      message: `must not contain the reserved word "${reserved[0]}" (Cognito refuses aws, amazon and cognito); set domainPrefix to another value`,
    });
  }
  return problems;
}
