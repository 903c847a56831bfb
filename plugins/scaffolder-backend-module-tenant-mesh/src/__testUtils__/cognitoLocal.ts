import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * Starts the real cognito-local emulator for these tests.
 * TODO: use startCognitoLocal from @tenant-mesh/plugin-tenant-mesh-node/testUtils
 * once that entry point exports it (today it exports only the Kubernetes fake).
 */

const DEADLINE_MS = 20_000;
const POLL_MS = 50;

/** A running cognito-local. */
export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/** Starts cognito-local on a free port with its data in a fresh folder. */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const start = join(
    dirname(require.resolve('cognito-local/package.json')),
    'lib/bin/start.js',
  );
  const child = spawn(process.execPath, [start], {
    cwd: dataDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/health`)).ok) {
        return { endpoint, stop };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`cognito-local did not answer within ${DEADLINE_MS} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}
