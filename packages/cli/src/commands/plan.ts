import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiOptions } from '../lib/apiOptions';
import { EXIT_FAILURE, EXIT_OK } from '../lib/exitCodes';
import { readTenantFileToSend } from '../lib/readTenantFile';
import { pathInside } from '../lib/renderedFiles';
import { ScaffolderClient, plainMessage } from '../lib/scaffolderClient';
import { templateValues } from './create';
import { Output } from './validate';

/**
 * `tenant-mesh plan`: runs Create Tenant through the scaffolder's dry-run endpoint, so the
 * portal validates the tenant against its real settings and existing tenants and plans it
 * without changing anything. Prints the plan's summary and files; with `out`, writes them.
 */
export async function planCommand(
  file: string,
  api: ApiOptions,
  options: { out?: string },
  output: Output,
  client = new ScaffolderClient({ baseUrl: api.url, token: api.token }),
): Promise<number> {
  const spec = await readTenantFileToSend(file);
  const template = await client.getTemplate(api.template);
  const result = await client.dryRun(template, templateValues(spec));

  const names = new Map(result.steps.map(s => [s.id, s.name]));
  const failures = result.log
    .map(({ body }) => body)
    .filter(body => body.status === 'failed');
  for (const body of failures) {
    const step = names.get(body.stepId ?? '') ?? body.stepId ?? 'task';
    output.err(`failed: ${step}: ${plainMessage(body.message)}`);
  }
  if (failures.length > 0) {
    return EXIT_FAILURE;
  }

  // Only the plan step ran for real; the other sections hold dry-run placeholders.
  const text = (result.output.text ?? []) as Array<{
    title?: string;
    content?: string;
  }>;
  const summary = text.find(t => t.title === 'Plan')?.content;
  if (summary) {
    output.out(summary.trimEnd());
  }
  output.out(`Planned files (${result.directoryContents.length}):`);
  for (const planned of result.directoryContents) {
    output.out(`  ${planned.path}`);
    if (options.out) {
      const target = pathInside(options.out, planned.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, Buffer.from(planned.base64Content, 'base64'));
    }
  }
  if (options.out) {
    output.out(`wrote them to ${options.out}`);
  }
  return EXIT_OK;
}
