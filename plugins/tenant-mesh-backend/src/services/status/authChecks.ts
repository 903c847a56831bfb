import { isError } from '@backstage/errors';
import {
  cognitoIssuerUrl,
  PlatformSettings,
  StatusCheck,
  StatusLink,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantCognitoStatus } from '@tenant-mesh/plugin-tenant-mesh-node';
import { problemText } from './deadline';
import { LiveObjects } from './liveObjects';
import { RERUN } from './remedies';

/** What the status shows when cognito-local stands in for Cognito (B26). */
export const LOCAL_HOSTED_UI_REASON =
  'Hosted UI: unavailable in local mode (cognito-local has no hosted UI)';

/** Field name of a drift line (`CallbackURLs: planned …`). */
const fieldOf = (line: string) => line.split(':')[0];

/** The Cognito checks: user pool, app client, hosted-UI domain. */
export function cognitoChecks(
  plan: TenantPlan,
  cognito: TenantCognitoStatus,
): { checks: StatusCheck[]; hostedUiUrl?: string } {
  const clientFields = new Set([
    ...Object.keys(plan.cognito.userPoolClient),
    'GenerateSecret',
    'App client',
  ]);
  const clientDrift = cognito.drift.filter(l => clientFields.has(fieldOf(l)));
  const domainDrift = cognito.drift.filter(l => fieldOf(l) === 'Domain');
  const poolDrift = cognito.drift.filter(
    l => !clientFields.has(fieldOf(l)) && fieldOf(l) !== 'Domain',
  );

  const pool: StatusCheck = cognito.pool
    ? {
        id: 'user-pool',
        title: `User pool ${cognito.pool.userPoolId}`,
        ...(poolDrift.length > 0
          ? {
              state: 'warning',
              reason: `The user pool differs from the plan in ${poolDrift
                .map(fieldOf)
                .join(', ')} (${poolDrift.join('; ')}); ${RERUN}.`,
            }
          : {
              state: 'ok',
              reason: `The user pool exists and is tagged for ${plan.spec.tenantId}.`,
            }),
      }
    : {
        id: 'user-pool',
        title: `User pool ${plan.cognito.userPool.PoolName}`,
        state: 'error',
        reason: `${poolDrift.join('; ')}; ${RERUN} to create it.`,
      };

  const client: StatusCheck = {
    id: 'app-client',
    title: `App client ${plan.cognito.userPoolClient.ClientName}`,
    ...clientVerdict(cognito, clientDrift),
  };

  return {
    checks: [pool, client, domainCheck(plan, cognito, domainDrift)],
    ...(cognito.domain.state === 'present'
      ? { hostedUiUrl: plan.cognito.hostedUiUrl }
      : {}),
  };
}

function clientVerdict(
  cognito: TenantCognitoStatus,
  drift: string[],
): Pick<StatusCheck, 'state' | 'reason'> {
  if (!cognito.pool) {
    return {
      state: 'unknown',
      reason: 'No user pool, so no app client to check.',
    };
  }
  if (drift.length > 0) {
    return {
      state: 'error',
      reason: `The app client differs from the plan in ${drift
        .map(fieldOf)
        .join(', ')} (${drift.join('; ')}); ${RERUN}.`,
    };
  }
  return { state: 'ok', reason: 'The app client matches the plan.' };
}

function domainCheck(
  plan: TenantPlan,
  cognito: TenantCognitoStatus,
  drift: string[],
): StatusCheck {
  const base = {
    id: 'hosted-ui-domain',
    title: `Hosted UI domain ${plan.cognito.domainPrefix}`,
  };
  const { domain } = cognito;
  if (!cognito.pool) {
    return {
      ...base,
      state: 'unknown',
      reason: 'No user pool, so no domain to check.',
    };
  }
  if (domain.state === 'unsupported') {
    return { ...base, state: 'unknown', reason: LOCAL_HOSTED_UI_REASON };
  }
  if (domain.state === 'missing') {
    return {
      ...base,
      state: 'error',
      reason: `${
        drift.join('; ') || 'The hosted UI domain is missing'
      }; ${RERUN} to attach it.`,
    };
  }
  const links: StatusLink[] = [
    { title: 'Hosted UI', url: plan.cognito.hostedUiUrl },
  ];
  if (domain.status === 'CREATING' || domain.status === 'UPDATING') {
    return {
      ...base,
      state: 'warning',
      reason: `The hosted UI domain is ${domain.status}; it takes up to an hour.`,
      links,
    };
  }
  if (domain.status && domain.status !== 'ACTIVE') {
    return {
      ...base,
      state: 'error',
      reason: `The hosted UI domain is ${domain.status}.`,
      links,
    };
  }
  return {
    ...base,
    state: 'ok',
    reason: `The hosted UI domain is ACTIVE: ${plan.cognito.hostedUiUrl}.`,
    links,
  };
}

/** The checks Cognito could not answer, e.g. unreachable. */
export function cognitoUnknownChecks(
  plan: TenantPlan,
  reason: string,
): StatusCheck[] {
  return [
    ['user-pool', `User pool ${plan.cognito.userPool.PoolName}`],
    ['app-client', `App client ${plan.cognito.userPoolClient.ClientName}`],
    ['hosted-ui-domain', `Hosted UI domain ${plan.cognito.domainPrefix}`],
    ['issuer-discovery', 'OIDC issuer discovery'],
  ].map(([id, title]) => ({ id, title, state: 'unknown', reason }));
}

/** The oauth2-proxy Secret: present, with both keys; values never read. */
export function secretCheck(plan: TenantPlan, live: LiveObjects): StatusCheck {
  const { namespace, name, keys } = plan.secretRef;
  const ref = `Secret ${namespace}/${name}`;
  const base = { id: 'oauth2-proxy-secret', title: ref, object: ref };
  const secret = live.find({ kind: 'Secret', metadata: { namespace, name } });
  if (!secret) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} is missing, so oauth2-proxy cannot start; re-run the onboarding (tenant-mesh create <tenant file>), which writes it to the cluster.`,
    };
  }
  const present = new Set((secret.dataKeys as string[] | undefined) ?? []);
  const missing = [keys.clientSecret, keys.cookieSecret].filter(
    k => !present.has(k),
  );
  if (missing.length > 0) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} lacks the key(s) ${missing.join(
        ', ',
      )}; re-run the onboarding (tenant-mesh create <tenant file>).`,
    };
  }
  return {
    ...base,
    state: 'ok',
    reason: `${ref} holds ${keys.clientSecret} and ${keys.cookieSecret}.`,
  };
}

const DISCOVERY_TIMEOUT_MS = 2000;

/**
 * The issuer's discovery document answers with the same `issuer`, as
 * go-oidc in oauth2-proxy demands byte for byte (B01).
 */
export async function issuerCheck(options: {
  plan: TenantPlan;
  platform: PlatformSettings;
  userPoolId?: string;
  /** False when Cognito says the pool is gone: an emulator answers discovery for any id. */
  poolExists?: boolean;
  fetchFn?: typeof fetch;
}): Promise<StatusCheck> {
  const { plan, platform, userPoolId, poolExists = true } = options;
  const fetchFn = options.fetchFn ?? fetch;
  const issuer =
    plan.cognito.issuerUrl ??
    (userPoolId ? cognitoIssuerUrl(userPoolId, platform) : undefined);
  const base = { id: 'issuer-discovery', title: 'OIDC issuer discovery' };
  if (!poolExists) {
    return {
      ...base,
      state: 'unknown',
      reason: 'No user pool, so no issuer to check.',
    };
  }
  if (!issuer) {
    return {
      ...base,
      state: 'unknown',
      reason: 'The user pool id is not known, so neither is the issuer.',
    };
  }
  const url = `${issuer}/.well-known/openid-configuration`;
  let found: unknown;
  try {
    const response = await fetchFn(url, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      redirect: 'manual',
    });
    if (response.status !== 200) {
      return {
        ...base,
        state: 'error',
        reason: `${url} answered ${response.status}; oauth2-proxy cannot start with issuer ${issuer}.`,
      };
    }
    found = ((await response.json()) as { issuer?: unknown }).issuer;
  } catch (error) {
    const timedOut = isError(error) && error.name === 'TimeoutError';
    return {
      ...base,
      state: 'error',
      reason: timedOut
        ? `${url} did not answer within ${DISCOVERY_TIMEOUT_MS} ms.`
        : `${url} could not be read: ${problemText(error)}.`,
    };
  }
  if (found === issuer) {
    return { ...base, state: 'ok', reason: `${url} names issuer ${issuer}.` };
  }
  // cognito-local names a fixed http://localhost:9229/<pool> whatever its
  // address; the pool id is what can be compared there.
  if (
    platform.cognito.endpoint &&
    typeof found === 'string' &&
    found.split('/').pop() === issuer.split('/').pop()
  ) {
    // Not ok: oauth2-proxy compares the two byte for byte (B01), so this
    // pair would fail in a pod; only AWS Cognito itself can confirm it.
    return {
      ...base,
      state: 'unknown',
      reason: `${url} answers for the same pool, but cognito-local names its issuer ${found}, not ${issuer}, and answers for any pool id: oauth2-proxy, which compares issuers exactly, could not use this emulator's discovery; against AWS Cognito the issuer is checked for real.`,
    };
  }
  return {
    ...base,
    state: 'error',
    reason: `${url} names issuer ${JSON.stringify(
      found,
    )}, not ${issuer}; oauth2-proxy (go-oidc) refuses the mismatch.`,
  };
}
