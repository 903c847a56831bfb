import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { ApiOptions } from '../lib/apiOptions';
import { EXIT_FAILURE, EXIT_OK } from '../lib/exitCodes';
import { TaskEvent } from '../lib/scaffolderClient';
import { createCommand } from './create';

const acme = path.resolve(__dirname, '../../../../examples/tenants/acme.yaml');
const TOKEN = 'test-token';

const steps = [
  { id: 'plan', name: 'Plan the tenant' },
  { id: 'cognito', name: 'Provision Cognito' },
];

/** A scaffolder REST API on loopback that answers like the real one. */
async function startScaffolder(events: TaskEvent[]) {
  const requests: Array<{ method?: string; url?: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url === '/api/scaffolder/v2/tasks') {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'task-1' }));
      } else if (req.url === '/api/scaffolder/v2/tasks/task-1') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'task-1', spec: { steps } }));
      } else if (req.url === '/api/scaffolder/v2/tasks/task-1/eventstream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const event of events) {
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        }
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    },
  };
}

const api = (url: string, token = TOKEN): ApiOptions => ({
  url,
  token,
  appUrl: 'http://localhost:3000',
  template: 'template:default/create-tenant',
});

const log = (stepId: string, message: string, status?: string): TaskEvent =>
  ({
    type: 'log',
    body: { stepId, message, ...(status ? { status } : {}) },
  } as TaskEvent);

describe('tenant-mesh create', () => {
  it('starts Create Tenant, prints each step and ends with the entity link', async () => {
    const scaffolder = await startScaffolder([
      log('plan', 'Beginning step Plan the tenant', 'processing'),
      log('plan', 'Planned tenant acme: 18 objects'),
      log('plan', 'Finished step Plan the tenant', 'completed'),
      log('cognito', 'Beginning step Provision Cognito', 'processing'),
      log('cognito', 'Finished step Provision Cognito', 'completed'),
      {
        type: 'completion',
        body: {
          message: 'Run completed with status: completed',
          output: {
            links: [
              {
                title: 'Open acme in the catalog',
                entityRef: 'resource:default/acme',
              },
            ],
          },
        },
      },
    ]);
    const { out, err, output } = capture();

    const code = await createCommand(acme, api(scaffolder.url), output);
    await scaffolder.close();

    expect(err).toEqual([]);
    expect(code).toBe(EXIT_OK);
    expect(out).toEqual([
      `task task-1: ${scaffolder.url}/api/scaffolder/v2/tasks/task-1`,
      '> Plan the tenant',
      '  Planned tenant acme: 18 objects',
      '  done: Plan the tenant',
      '> Provision Cognito',
      '  done: Provision Cognito',
      'Tenant acme is onboarded: http://localhost:3000/catalog/default/resource/acme',
    ]);
    const created = scaffolder.requests.find(r => r.method === 'POST');
    expect(JSON.parse(created!.body)).toEqual({
      templateRef: 'template:default/create-tenant',
      values: expect.objectContaining({
        tenantId: 'acme',
        host: 'acme.example.com',
      }),
    });
  });

  it('exits non-zero naming the failing step and its message', async () => {
    const scaffolder = await startScaffolder([
      log('plan', 'Beginning step Plan the tenant', 'processing'),
      log(
        'plan',
        'host: acme.example.com already belongs to tenant acme',
        'failed',
      ),
      {
        type: 'completion',
        body: {
          message: 'Run completed with status: failed',
          error: {
            name: 'InputError',
            message: 'host: acme.example.com already belongs to tenant acme',
          },
        },
      },
    ]);
    const { err, output } = capture();

    const code = await createCommand(acme, api(scaffolder.url), output);
    await scaffolder.close();

    expect(code).toBe(EXIT_FAILURE);
    expect(err[err.length - 1]).toBe(
      'Create Tenant failed at "Plan the tenant": host: acme.example.com already belongs to tenant acme',
    );
  });

  it('sends nothing for a file with a key the tenant spec does not have', async () => {
    const scaffolder = await startScaffolder([]);
    const dir = await mkdtemp(path.join(tmpdir(), 'tenant-mesh-cli-'));
    const file = path.join(dir, 'acme.yaml');
    // A misspelt key, and a secret someone put in the file.
    await writeFile(
      file,
      'tenantId: acme\ndisplayName: Acme\nhost: acme.example.com\nowner: group:default/customer-success\nmfaa: on\ncookieSecret: "q7+/abc="\n',
    );
    const { output } = capture();

    const failure = createCommand(file, api(scaffolder.url), output);

    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(/mfaa: .*did you mean mfa/);
    await expect(failure).rejects.toThrow(/: cookieSecret: /);
    await expect(failure).rejects.not.toThrow(/q7\+\/abc=/);
    expect(scaffolder.requests).toEqual([]);
    await scaffolder.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the URL it could not reach', async () => {
    const scaffolder = await startScaffolder([]);
    await scaffolder.close();
    const { output } = capture();

    await expect(
      createCommand(acme, api(scaffolder.url), output),
    ).rejects.toThrow(
      `The backend at ${scaffolder.url} could not be reached (`,
    );
  });

  it('says how to fix a refused token', async () => {
    const scaffolder = await startScaffolder([]);
    const { output } = capture();
    await expect(
      createCommand(acme, api(scaffolder.url, 'wrong'), output),
    ).rejects.toThrow(/refused the token \(401\).*TENANT_MESH_API_TOKEN/);
    await scaffolder.close();
  });
});
