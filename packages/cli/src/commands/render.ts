import {
  PlatformPlan,
  PlatformSettings,
  lintObjects,
  planFiles,
  planTenants,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  checkEnvoyResource,
  checkKubernetesObjects,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EXIT_FAILURE, EXIT_OK } from '../lib/exitCodes';
import { readTenantFile } from '../lib/readTenantFile';
import { Output } from './validate';

/** Folders of the output that render owns and rewrites as a whole. */
const OWNED_FOLDERS = ['tenants', 'shared'];

/**
 * `tenant-mesh render`: plans every tenant file, checks the result (Kubernetes and Envoy
 * schemas, then the cross-object lint) and writes it as YAML, one folder per tenant plus the
 * shared objects. Nothing is written when a check fails.
 */
export async function renderCommand(
  files: string[],
  platform: PlatformSettings,
  options: { out: string },
  output: Output,
): Promise<number> {
  const specs = await Promise.all(files.map(readTenantFile));
  const plan = planTenants(specs, platform);

  const problems = checkPlan(plan, platform);
  if (problems.length > 0) {
    problems.forEach(line => output.err(line));
    return EXIT_FAILURE;
  }

  const rendered = planFiles(plan);
  for (const folder of OWNED_FOLDERS) {
    await fs.rm(path.join(options.out, folder), {
      recursive: true,
      force: true,
    });
  }
  for (const file of rendered) {
    const target = path.join(options.out, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');
  }

  for (const tenant of plan.tenants) {
    const pending = tenant.pending.length
      ? ` (pending: ${tenant.pending.join('; ')})`
      : '';
    output.out(
      `${tenant.spec.tenantId}: ${tenant.spec.host}, ${tenant.objects.length} objects${pending}`,
    );
  }
  output.out(
    `shared: ${plan.shared.length} objects; wrote ${rendered.length} files to ${options.out}`,
  );
  return EXIT_OK;
}

/** Schema problems and lint errors of a plan, one line each. */
function checkPlan(plan: PlatformPlan, platform: PlatformSettings): string[] {
  const objects = [...plan.tenants.flatMap(t => t.objects), ...plan.shared];
  const schema = checkKubernetesObjects(objects).map(
    p => `schema: ${p.object}: ${p.path}: ${p.message}`,
  );
  const envoy = [
    ...checkEnvoyResource(
      'envoy.config.bootstrap.v3.Bootstrap',
      plan.envoy.bootstrap,
    ),
    ...plan.envoy.routeFiles.flatMap(file =>
      checkEnvoyResource('envoy.service.discovery.v3.DiscoveryResponse', file),
    ),
  ].map(p => `envoy: ${p.object}: ${p.path}: ${p.message}`);
  const lint = lintObjects(objects, { platform })
    .filter(f => f.level === 'error')
    .map(
      f => `lint: ${f.object}: ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`,
    );
  return [...schema, ...envoy, ...lint];
}
