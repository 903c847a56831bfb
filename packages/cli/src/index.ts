/**
 * The tenant-mesh command line: validate and render tenants offline, and create them through
 * the portal's scaffolder REST API.
 *
 * @packageDocumentation
 */
import { InputError, isError } from '@backstage/errors';
import { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { createCommand } from './commands/create';
import { planCommand } from './commands/plan';
import { renderCommand } from './commands/render';
import { Output, validateCommand } from './commands/validate';
import { resolveApiOptions } from './lib/apiOptions';
import { EXIT_FAILURE, EXIT_INVALID_INPUT } from './lib/exitCodes';
import { loadPlatform } from './lib/loadPlatform';

const consoleOutput: Output = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

/** Builds the program; `output` is swapped in tests. */
export function createProgram(
  output: Output = consoleOutput,
  setExitCode: (code: number) => void = code => {
    process.exitCode = code;
  },
): Command {
  const program = new Command('tenant-mesh')
    .description('Onboard SaaS tenants onto EKS with Istio, from the shell')
    .exitOverride();

  const configOption = [
    '--config <path>',
    'app-config file with the tenantMesh settings (repeatable)',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  ] as const;

  program
    .command('validate')
    .description('Check tenant files; exit 2 with one line per problem')
    .argument('<tenant.yaml...>')
    .option(...configOption)
    .action(async (files: string[], opts: { config: string[] }) => {
      const platform = await loadPlatform(configPaths(opts.config));
      setExitCode(await validateCommand(files, platform, output));
    });

  program
    .command('render')
    .description(
      'Write the plan of tenant files, and with --platform the platform, as YAML manifests',
    )
    .argument('[tenant.yaml...]')
    .option(...configOption)
    .option('--out <dir>', 'output folder', 'out')
    .option(
      '--platform',
      'also write the objects that exist once per cluster into <out>/platform',
      false,
    )
    .action(
      async (
        files: string[],
        opts: { config: string[]; out: string; platform: boolean },
      ) => {
        const settings = await loadPlatform(configPaths(opts.config));
        setExitCode(
          await renderCommand(
            files,
            settings,
            { out: opts.out, platform: opts.platform },
            output,
          ),
        );
      },
    );

  const apiFlags = (command: Command) =>
    command
      .option(
        '--url <url>',
        'backend base URL (default $TENANT_MESH_URL or http://localhost:7007)',
      )
      .option(
        '--token <token>',
        'static API token (default $TENANT_MESH_API_TOKEN or .data/api-token)',
      )
      .option(
        '--app-url <url>',
        'portal URL for links (default $TENANT_MESH_APP_URL or http://localhost:3000)',
      )
      .option(
        '--template <ref>',
        'template to run',
        'template:default/create-tenant',
      );

  type ApiFlags = {
    url?: string;
    token?: string;
    appUrl?: string;
    template?: string;
  };

  apiFlags(
    program
      .command('create')
      .description(
        'Run Create Tenant through the scaffolder REST API and follow it step by step',
      )
      .argument('<tenant.yaml>'),
  ).action(async (file: string, opts: ApiFlags) => {
    setExitCode(await createCommand(file, resolveApiOptions(opts), output));
  });

  apiFlags(
    program
      .command('plan')
      .description(
        "Dry-run Create Tenant through the scaffolder REST API and print the tenant's plan",
      )
      .argument('<tenant.yaml>')
      .option('--out <dir>', 'also write the planned files into this folder'),
  ).action(async (file: string, opts: ApiFlags & { out?: string }) => {
    setExitCode(
      await planCommand(
        file,
        resolveApiOptions(opts),
        { out: opts.out },
        output,
      ),
    );
  });

  return program;
}

/**
 * The given config files; else the nearest app-config.yaml from here up, with
 * the app-config.local.yaml beside it, as the portal reads them.
 */
function configPaths(given: string[]): string[] {
  if (given.length > 0) {
    const missing = given.filter(file => !fs.existsSync(file));
    if (missing.length > 0) {
      throw new InputError(`--config: ${missing.join(', ')} does not exist`);
    }
    return given;
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'app-config.yaml');
    if (fs.existsSync(candidate)) {
      const local = path.join(dir, 'app-config.local.yaml');
      return fs.existsSync(local) ? [candidate, local] : [candidate];
    }
    if (path.dirname(dir) === dir) {
      return ['app-config.yaml'];
    }
  }
}

/** Entry point of bin/tenant-mesh. */
export async function main(argv: string[]): Promise<void> {
  // `tenant-mesh plan … | head` closes the pipe early: the reader has all it
  // wanted, which is no failure, and no stack trace either.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    process.exit(process.exitCode ?? 0);
  });
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    if (isError(error) && error.name === 'CommanderError') {
      // commander has printed usage or help already.
      const code = (error as { exitCode?: number }).exitCode ?? 1;
      process.exitCode = code === 0 ? 0 : EXIT_INVALID_INPUT;
      return;
    }
    const message = isError(error) ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exitCode =
      isError(error) && error.name === 'InputError'
        ? EXIT_INVALID_INPUT
        : EXIT_FAILURE;
  }
}
