import { TenantSpec } from '@tenant-mesh/plugin-tenant-mesh-common';
import { ApiOptions } from '../lib/apiOptions';
import { EXIT_FAILURE, EXIT_OK } from '../lib/exitCodes';
import { readTenantFileToSend } from '../lib/readTenantFile';
import {
  ScaffolderClient,
  TaskEvent,
  plainMessage as plain,
} from '../lib/scaffolderClient';
import { Output } from './validate';

/** The template parameters of a tenant file: everything but ids recorded after provisioning. */
export function templateValues(spec: TenantSpec): Omit<TenantSpec, 'identity'> {
  const { identity: _identity, ...values } = spec;
  return values;
}

/**
 * `tenant-mesh create`: starts Create Tenant through the scaffolder REST API, prints each
 * step as it runs, and exits 0 when the task completes, or 1 naming the failing step.
 */
export async function createCommand(
  file: string,
  api: ApiOptions,
  output: Output,
  client = new ScaffolderClient({ baseUrl: api.url, token: api.token }),
): Promise<number> {
  const spec = await readTenantFileToSend(file);
  const taskId = await client.createTask(api.template, templateValues(spec));
  output.out(`task ${taskId}: ${api.url}/api/scaffolder/v2/tasks/${taskId}`);

  const { steps } = await client.getTaskSpec(taskId);
  const stepName = (id?: string) =>
    steps.find(s => s.id === id)?.name ?? id ?? 'task';

  let failedStep: string | undefined;
  let completion: TaskEvent | undefined;
  for await (const event of client.events(taskId)) {
    if (event.type === 'recovered') {
      // The backend restarted and resumed the task; its steps follow as before.
      output.out('  the task was resumed after a backend restart');
      continue;
    }
    if (event.type !== 'log') {
      completion = event;
      break;
    }
    const { status, stepId, message } = event.body;
    if (status === 'processing') {
      output.out(`> ${stepName(stepId)}`);
    } else if (status === 'completed') {
      output.out(`  done: ${stepName(stepId)}`);
    } else if (status === 'skipped') {
      output.out(`  skipped: ${stepName(stepId)}`);
    } else if (status === 'failed') {
      failedStep = stepName(stepId);
      output.err(`  failed: ${failedStep}: ${plain(message)}`);
    } else if (stepId) {
      output.out(`  ${plain(message)}`);
    }
  }

  if (!completion || completion.type === 'cancelled' || completion.body.error) {
    const reason =
      completion?.body.error?.message ??
      completion?.body.message ??
      'the event stream ended early';
    output.err(
      `Create Tenant failed${
        failedStep ? ` at "${failedStep}"` : ''
      }: ${reason}`,
    );
    return EXIT_FAILURE;
  }

  const links = (completion.body.output?.links ?? []) as Array<{
    title?: string;
    url?: string;
    entityRef?: string;
  }>;
  for (const link of links.filter(l => l.url)) {
    output.out(`  ${link.title ?? 'link'}: ${link.url}`);
  }
  const entityRef = links.find(l => l.entityRef)?.entityRef;
  if (entityRef) {
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    // Created, updated or unchanged: the steps above say which.
    output.out(
      `Tenant ${spec.tenantId} is onboarded: ${api.appUrl}/catalog/${namespace}/${kind}/${name}`,
    );
  } else {
    output.out(`Tenant ${spec.tenantId} is onboarded`);
  }
  return EXIT_OK;
}
