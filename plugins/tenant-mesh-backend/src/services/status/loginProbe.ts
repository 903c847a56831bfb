import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  StatusCheck,
  tenantCallbackUrl,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';

const PROBE_TIMEOUT_MS = 3000;
const LOGIN_PATHS = ['/oauth2/authorize', '/login'];

/** Status code and Location of one GET, following no redirect. */
function getOnce(options: {
  url: string;
  host: string;
}): Promise<{ status: number; location?: string }> {
  const url = new URL(options.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        // The gateway routes by Host; SNI must name the tenant's host too.
        headers: { host: options.host },
        servername: options.host,
        timeout: PROBE_TIMEOUT_MS,
      },
      res => {
        res.resume();
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * An unauthenticated GET of the tenant's host through the ingress gateway
 * must be redirected to this tenant's hosted UI login, with this tenant's
 * client id and callback. Anything else means a request would not reach
 * the login the tenant owns.
 */
export async function loginProbeCheck(options: {
  plan: TenantPlan;
  gatewayUrl: string;
  clientId?: string;
  /** Whether Cognito has the tenant's domain, so its hosted UI can be linked. */
  hostedUi?: boolean;
}): Promise<StatusCheck> {
  const { plan, gatewayUrl, clientId, hostedUi } = options;
  const { host } = plan.spec;
  const base = {
    id: 'login-probe',
    title: `Login redirect of https://${host}/`,
    ...(hostedUi
      ? { links: [{ title: 'Hosted UI', url: plan.cognito.hostedUiUrl }] }
      : {}),
  };

  let answer: { status: number; location?: string };
  try {
    answer = await getOnce({ url: `${gatewayUrl}/`, host });
  } catch (error) {
    return {
      ...base,
      state: 'error',
      reason: `GET / with Host ${host} through ${gatewayUrl} failed: ${
        (error as Error).message
      }.`,
    };
  }

  const problems: string[] = [];
  if (answer.status !== 302) {
    problems.push(`answered ${answer.status}, not 302`);
  }
  let location: URL | undefined;
  try {
    location = answer.location ? new URL(answer.location) : undefined;
  } catch {
    problems.push(`Location ${answer.location} is not a URL`);
  }
  if (answer.status === 302 && !location) {
    problems.push('has no Location');
  }
  if (location) {
    const expected = new URL(plan.cognito.hostedUiUrl);
    if (location.origin !== expected.origin) {
      problems.push(`redirects to ${location.origin}, not ${expected.origin}`);
    }
    if (!LOGIN_PATHS.includes(location.pathname)) {
      problems.push(
        `redirects to path ${location.pathname}, not ${LOGIN_PATHS.join(
          ' or ',
        )}`,
      );
    }
    const foundClient = location.searchParams.get('client_id');
    if (clientId && foundClient !== clientId) {
      problems.push(`client_id is ${foundClient}, not ${clientId}`);
    }
    const callback = tenantCallbackUrl(host);
    const redirectUri = location.searchParams.get('redirect_uri');
    if (redirectUri !== callback) {
      problems.push(`redirect_uri is ${redirectUri}, not ${callback}`);
    }
  }
  if (problems.length > 0) {
    return {
      ...base,
      state: 'error',
      reason: `GET https://${host}/ ${problems.join('; ')}.`,
    };
  }
  if (!clientId) {
    // Another tenant's client would have passed: say what was not compared.
    return {
      ...base,
      state: 'warning',
      reason: `GET https://${host}/ redirects to the tenant's hosted UI, but the tenant's app client id is not known, so the redirect's client_id was not compared.`,
    };
  }
  return {
    ...base,
    state: 'ok',
    reason: `GET https://${host}/ redirects to the tenant's hosted UI login.`,
  };
}
