import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

type Checkpoint = ActionContext<Record<string, never>>['checkpoint'];

/** A stored checkpoint, as the scaffolder's task store keeps it. */
export type CheckpointEntry =
  | { status: 'success'; value: unknown }
  | { status: 'failed'; reason: string };

/**
 * Checkpoints kept in memory like the scaffolder keeps them in its database:
 * a stored success returns its value without running `fn`; a failure is
 * stored and rethrown, and runs again next time. One store is one task.
 */
export function memoryCheckpoints() {
  const store = new Map<string, CheckpointEntry>();
  const checkpoint = (async ({
    key,
    fn,
  }: {
    key: string;
    fn: () => Promise<unknown> | unknown;
  }) => {
    const hit = store.get(key);
    if (hit?.status === 'success') {
      return hit.value;
    }
    try {
      const value = await fn();
      store.set(key, {
        status: 'success',
        value: value === undefined ? {} : JSON.parse(JSON.stringify(value)),
      });
      return value;
    } catch (error) {
      store.set(key, {
        status: 'failed',
        reason: isError(error) ? error.message : String(error),
      });
      throw error;
    }
  }) as Checkpoint;
  return { store, checkpoint };
}

/** A logger that keeps every line, message and metadata, for assertions and the secret scan. */
export function captureLogger() {
  const lines: string[] = [];
  const record =
    (level: string) => (message: string, meta?: Error | object) => {
      lines.push(`${level}: ${message} ${meta ? JSON.stringify(meta) : ''}`);
    };
  const logger: LoggerService = {
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
    child: () => logger,
  };
  return { logger, lines };
}

/** A fresh temporary folder as a workspace. */
export const temporaryWorkspace = () =>
  mkdtempSync(join(tmpdir(), 'tenant-mesh-workspace-'));

/**
 * A mock action context with the parts createMockActionContext drops
 * (checkpoint, isDryRun, step) put back, and outputs collected.
 */
export function actionContext<TInput extends Record<string, unknown>>(options: {
  input: TInput;
  checkpoints?: ReturnType<typeof memoryCheckpoints>;
  isDryRun?: boolean;
  workspacePath?: string;
}) {
  const { logger, lines } = captureLogger();
  const checkpoints = options.checkpoints ?? memoryCheckpoints();
  const outputs: Record<string, unknown> = {};
  const ctx = {
    ...createMockActionContext({
      input: options.input as never,
      logger,
      workspacePath: options.workspacePath ?? temporaryWorkspace(),
    }),
    input: options.input,
    checkpoint: checkpoints.checkpoint,
    isDryRun: options.isDryRun ?? false,
    step: { id: 'test-step', name: 'test step' },
    output: (name: string | number | symbol, value: unknown) => {
      outputs[String(name)] = value;
    },
  };
  return { ctx, lines, outputs, checkpoints };
}
