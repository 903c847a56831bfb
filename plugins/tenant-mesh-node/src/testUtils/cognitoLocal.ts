import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A running cognito-local emulator, started by {@link startCognitoLocal}. */
export interface CognitoLocal {
  /** Base URL to pass as the SDK's `endpoint`, e.g. `http://127.0.0.1:40123`. */
  endpoint: string;
  /** Stops the emulator and removes its data folder. */
  stop(): Promise<void>;
}

const STARTUP_DEADLINE_MS = 20_000;
const POLL_INTERVAL_MS = 50;
const STOP_DEADLINE_MS = 5_000;

/**
 * Starts the real cognito-local from node_modules on 127.0.0.1 and a free
 * port, with its `.cognito/db` in a fresh temporary folder.
 *
 * Resolves once the emulator answers its health check.
 */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const startScript = join(
    dirname(require.resolve('cognito-local/package.json')),
    'lib/bin/start.js',
  );

  const child = spawn(process.execPath, [startScript], {
    // cognito-local keeps its data in `./.cognito`, relative to its cwd.
    cwd: dataDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', chunk => output.push(String(chunk)));
  child.stderr?.on('data', chunk => output.push(String(chunk)));

  const stop = async () => {
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(endpoint, child);
  } catch (error) {
    await stop();
    const log = output.join('').slice(-2000);
    throw new Error(`cognito-local did not start: ${error}\n${log}`);
  }
  return { endpoint, stop };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(endpoint: string, child: ChildProcess) {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`exited with code ${child.exitCode}`);
    }
    try {
      const response = await fetch(`${endpoint}/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet; poll again until the deadline.
    }
    if (Date.now() > deadline) {
      throw new Error(`no answer within ${STARTUP_DEADLINE_MS} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
}

/** Calls cognito-local directly (it checks no signature), for assertions. */
export async function callCognitoLocal<T>(
  endpoint: string,
  operation: string,
  body: object,
): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `${operation}: ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}
