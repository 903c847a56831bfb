import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  planTenant,
  readPlatformSettings,
  tenantCallbackUrl,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { platformConfig } from '../../__fixtures__/tenants';
import { loginProbeCheck } from './loginProbe';

const CLIENT_ID = '1example23456789';

/**
 * Stands in for the ingress gateway in front of acme's oauth2-proxy: answers
 * every request with what `answer` returns, and remembers the headers.
 */
async function startGateway(
  answer: () => { status: number; location?: string },
): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const { status, location } = answer();
    res.writeHead(status, location ? { location } : {});
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

function authorizeUrl(
  plan: TenantPlan,
  params: { clientId?: string; redirectUri?: string; origin?: string } = {},
): string {
  const url = new URL(
    '/oauth2/authorize',
    params.origin ?? plan.cognito.hostedUiUrl,
  );
  url.searchParams.set('client_id', params.clientId ?? CLIENT_ID);
  url.searchParams.set(
    'redirect_uri',
    params.redirectUri ?? tenantCallbackUrl(plan.spec.host),
  );
  url.searchParams.set('response_type', 'code');
  return url.toString();
}

describe('loginProbeCheck', () => {
  const plan = planTenant({
    spec: {
      tenantId: 'acme',
      displayName: 'Acme',
      owner: 'group:default/customer-success',
      host: 'acme.example.com',
    },
    platform: readPlatformSettings(platformConfig),
  });
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.close();
      await once(server, 'close');
    }
  });

  async function probe(answer: () => { status: number; location?: string }) {
    const gateway = await startGateway(answer);
    servers.push(gateway.server);
    const check = await loginProbeCheck({
      plan,
      gatewayUrl: gateway.url,
      clientId: CLIENT_ID,
    });
    return { check, seen: gateway.seen };
  }

  it("is ok when the host redirects to this tenant's hosted UI with its client and callback", async () => {
    const { check, seen } = await probe(() => ({
      status: 302,
      location: authorizeUrl(plan),
    }));

    expect(check).toMatchObject({ id: 'login-probe', state: 'ok' });
    // The gateway routes by Host: the probe must send the tenant's.
    expect(seen[0].host).toBe('acme.example.com');
  });

  it("names another tenant's client id", async () => {
    const { check } = await probe(() => ({
      status: 302,
      location: authorizeUrl(plan, { clientId: '2other987654321' }),
    }));

    expect(check.state).toBe('error');
    expect(check.reason).toContain(
      'client_id is 2other987654321, not 1example23456789',
    );
  });

  it('names a callback that is not the tenant host', async () => {
    const { check } = await probe(() => ({
      status: 302,
      location: authorizeUrl(plan, {
        redirectUri: 'https://globex.example.com/oauth2/callback',
      }),
    }));

    expect(check.state).toBe('error');
    expect(check.reason).toContain(
      'redirect_uri is https://globex.example.com/oauth2/callback',
    );
  });

  it("names a redirect to another tenant's hosted UI", async () => {
    const { check } = await probe(() => ({
      status: 302,
      location: authorizeUrl(plan, {
        origin: 'https://globex-auth.auth.us-east-1.amazoncognito.com',
      }),
    }));

    expect(check.state).toBe('error');
    expect(check.reason).toContain(
      'redirects to https://globex-auth.auth.us-east-1.amazoncognito.com',
    );
  });

  it('is an error when the host is served without a login (no authorizer)', async () => {
    const { check } = await probe(() => ({ status: 200 }));

    expect(check.state).toBe('error');
    expect(check.reason).toContain('answered 200, not 302');
  });

  it('is an error, naming the gateway, when nothing answers', async () => {
    const gateway = await startGateway(() => ({ status: 302 }));
    gateway.server.close();
    await once(gateway.server, 'close');

    const check = await loginProbeCheck({
      plan,
      gatewayUrl: gateway.url,
      clientId: CLIENT_ID,
    });

    expect(check.state).toBe('error');
    expect(check.reason).toContain(`through ${gateway.url} failed`);
  });
});
