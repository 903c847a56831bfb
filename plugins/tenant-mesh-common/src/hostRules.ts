import { canonicalHost } from './hosts';
import { PlatformSettings, ValidationProblem } from './types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/*
 * A scheme, port, path, query or fragment. The gateway serves every tenant on
 * 443 and routes by host alone, so any of these would be silently dropped.
 */
const NOT_A_HOST = /[:/?#@]/;

/**
 * Checks the tenant's host: an FQDN, exactly one label under an allowed base
 * domain (the shared certificate is a wildcard, which covers one label),
 * starting with the tenant id, and not owned by another tenant. Hosts are compared in canonical form; the
 * same tenant re-onboarding its own host is fine.
 */
export function validateHost(opts: {
  host: string;
  tenantId: string;
  platform: PlatformSettings;
  existingTenants: Array<{ tenantId: string; host: string }>;
}): ValidationProblem[] {
  const field = 'host';
  if (NOT_A_HOST.test(opts.host)) {
    return [
      {
        field,
        rule: 'bare-host',
        message: `must be a host name only, without scheme, port or path (the gateway serves it on 443), got "${opts.host}"`,
      },
    ];
  }
  const host = canonicalHost(opts.host);
  const labels = host.split('.');
  if (
    host.length === 0 ||
    host.length > 253 ||
    labels.length < 2 ||
    !labels.every(l => l.length <= 63 && DNS_LABEL.test(l))
  ) {
    return [
      {
        field,
        rule: 'fqdn',
        message: `must be a fully qualified domain name such as acme.${opts.platform.baseDomains[0]}, got "${opts.host}"`,
      },
    ];
  }

  const problems: ValidationProblem[] = [];
  const base = opts.platform.baseDomains.find(b => host.endsWith(`.${b}`));
  const label = base ? host.slice(0, -base.length - 1) : '';
  if (!base) {
    problems.push({
      field,
      rule: 'base-domain',
      message: `must be a subdomain of ${opts.platform.baseDomains.join(
        ' or ',
      )}`,
    });
  } else if (label.includes('.')) {
    problems.push({
      field,
      rule: 'one-label',
      message: `must be exactly one label under ${base}, which the gateway's wildcard certificate covers`,
    });
  } else if (
    // A host names its tenant (case B22): `acme` may have `acme.<base>` or
    // `acme-shop.<base>`, never `globex.<base>`.
    opts.tenantId &&
    label !== opts.tenantId &&
    !label.startsWith(`${opts.tenantId}-`)
  ) {
    problems.push({
      field,
      rule: 'host-of-tenant',
      message: `must start with the tenant id, as in ${opts.tenantId}.${base}`,
    });
  }

  const owner = opts.existingTenants.find(
    t => canonicalHost(t.host) === host && t.tenantId !== opts.tenantId,
  );
  if (owner) {
    problems.push({
      field,
      rule: 'host-taken',
      message: `${host} already belongs to tenant ${owner.tenantId}`,
    });
  }
  return problems;
}
