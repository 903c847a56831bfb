import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { row } from './measure';

// The benches run from their sources (bin/bench), never from a build.
// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = resolve(__dirname, '../../..');
const TEMPLATE_REF = 'template:default/create-tenant';
const TENANTS = ['bench-1', 'bench-2', 'bench-3', 'bench-4', 'bench-5'];
const TASK_TIMEOUT_MS = 120_000;
const POLL_INTERVAL_MS = 50;
const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/** One Create Tenant: its wall time and final status. */
interface Run {
  tenantId: string;
  kind: 'new' | 're-run';
  ms: number;
  status: string;
}

function portal(): { url: string; token?: string } {
  const url = (process.env.TENANT_MESH_URL ?? 'http://localhost:7007').replace(
    /\/+$/,
    '',
  );
  const tokenFile = join(REPO_ROOT, '.data/api-token');
  const token =
    process.env.TENANT_MESH_API_TOKEN ??
    (existsSync(tokenFile)
      ? readFileSync(tokenFile, 'utf8').trim()
      : undefined);
  return { url, token };
}

/** Why the portal cannot be benchmarked, or undefined when it can. */
async function unreachable(url: string, token?: string) {
  if (!token) {
    return 'no token: set TENANT_MESH_API_TOKEN or start the portal once (bash scripts/start.sh) so .data/api-token exists';
  }
  const headers = { authorization: `Bearer ${token}` };
  try {
    const actions = await fetch(`${url}/api/scaffolder/v2/actions`, {
      headers,
    });
    if (actions.status !== 200) {
      return `GET /api/scaffolder/v2/actions answered ${actions.status}`;
    }
    const template = await fetch(
      `${url}/api/catalog/entities/by-name/template/default/create-tenant`,
      { headers },
    );
    if (template.status !== 200) {
      return `the catalog does not hold ${TEMPLATE_REF} (${template.status})`;
    }
  } catch (error) {
    return `nothing answers (${(error as Error).message})`;
  }
  return undefined;
}

/**
 * Polls the task every 50 ms until it has finished. The event stream would
 * do, but the scaffolder reads new events once a second, which would round
 * every figure up to the next second.
 */
async function waitForTask(url: string, token: string, taskId: string) {
  const deadline = Date.now() + TASK_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${url}/api/scaffolder/v2/tasks/${taskId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { status } = (await response.json()) as { status: string };
    if (FINISHED.has(status) || Date.now() > deadline) {
      return status;
    }
    await new Promise(done => setTimeout(done, POLL_INTERVAL_MS));
  }
}

async function createTenant(
  url: string,
  token: string,
  values: Record<string, unknown>,
): Promise<Pick<Run, 'ms' | 'status'>> {
  const start = process.hrtime.bigint();
  const response = await fetch(`${url}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ templateRef: TEMPLATE_REF, values }),
  });
  if (response.status !== 201) {
    throw new Error(
      `POST /api/scaffolder/v2/tasks answered ${
        response.status
      }: ${await response.text()}`,
    );
  }
  const { id } = (await response.json()) as { id: string };
  const status = await waitForTask(url, token, id);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One full Create Tenant through the REST API of a running portal on its
 * embedded default: tenants bench-1 to bench-5, each onboarded (new the
 * first time the bench runs against a portal) and then run again (converge).
 * Prints the wall time from POST to the completion event.
 */
export async function createTenantBench(): Promise<void> {
  const { url, token } = portal();
  console.log(
    `\ncreate-tenant: one Create Tenant through the REST API of the portal at ${url}, POST until GET /v2/tasks/:id reports it finished`,
  );
  const problem = await unreachable(url, token);
  if (problem || !token) {
    console.log(
      `create-tenant: skipped, the portal is not reachable: ${problem}`,
    );
    return;
  }

  const acme = parse(
    readFileSync(join(REPO_ROOT, 'examples/tenants/acme.yaml'), 'utf8'),
  );
  const runs: Run[] = [];
  for (const pass of ['first', 'again']) {
    for (const [i, tenantId] of TENANTS.entries()) {
      const entity = await fetch(
        `${url}/api/catalog/entities/by-name/resource/default/${tenantId}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const kind = entity.status === 200 || pass === 'again' ? 're-run' : 'new';
      const values = {
        ...acme,
        tenantId,
        displayName: `Bench tenant ${i + 1}`,
        host: `${tenantId}.example.com`,
      };
      runs.push({
        tenantId,
        kind,
        ...(await createTenant(url, token, values)),
      });
    }
  }

  const widths = [9, 7, 10, 10];
  console.log(row(['tenant', 'kind', 'time (ms)', 'status'], widths));
  for (const run of runs) {
    console.log(
      row([run.tenantId, run.kind, Math.round(run.ms), run.status], widths),
    );
  }
  for (const kind of ['new', 're-run'] as const) {
    const times = runs.filter(r => r.kind === kind).map(r => r.ms);
    if (times.length > 0) {
      console.log(
        `median of ${times.length} ${kind}: ${Math.round(median(times))} ms`,
      );
    }
  }
  console.log('goal: one Create Tenant in 3,000 ms or less');
}
