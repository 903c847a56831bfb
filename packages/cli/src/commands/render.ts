import {
  PlatformSettings,
  planFiles,
  planPlatform,
  planPlatformFiles,
  planTenants,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { checkPlans } from '../lib/checkPlans';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, EXIT_OK } from '../lib/exitCodes';
import { readTenantFile } from '../lib/readTenantFile';
import { writeRendered } from '../lib/renderedFiles';
import { Output } from './validate';

/** Options of `tenant-mesh render`. */
export interface RenderOptions {
  out: string;
  /** Also render the platform into `<out>/platform/`. */
  platform: boolean;
}

/**
 * `tenant-mesh render`: plans the tenant files and, with `--platform`, the
 * platform; checks the result (Kubernetes, Envoy and meshConfig schemas, then
 * the lint, across platform and tenants when both are given) and writes it
 * as YAML. Nothing is written when a check fails.
 *
 * Tenant files and `--platform` are separate parts: a render removes only
 * the files that an earlier render of the same part wrote and no longer
 * plans, so `--platform` alone never touches `shared/`, and files render did
 * not write are never removed.
 */
export async function renderCommand(
  files: string[],
  settings: PlatformSettings,
  options: RenderOptions,
  output: Output,
): Promise<number> {
  if (files.length === 0 && !options.platform) {
    output.err('render: give tenant files, --platform, or both');
    return EXIT_INVALID_INPUT;
  }

  const specs = await Promise.all(files.map(readTenantFile));
  const tenants = files.length > 0 ? planTenants(specs, settings) : undefined;
  const platform = options.platform
    ? planPlatform(settings, { tenants: tenants?.tenants })
    : undefined;

  const problems = checkPlans({ settings, tenants, platform });
  if (problems.length > 0) {
    problems.forEach(line => output.err(line));
    return EXIT_FAILURE;
  }

  const parts: Parameters<typeof writeRendered>[1] = {};
  if (tenants) {
    parts.tenants = planFiles(tenants);
  }
  if (platform) {
    parts.platform = planPlatformFiles(platform);
  }
  const removed = await writeRendered(options.out, parts);
  const written = Object.values(parts).reduce((n, f) => n + f.length, 0);

  for (const tenant of tenants?.tenants ?? []) {
    const pending = tenant.pending.length
      ? ` (pending: ${tenant.pending.join('; ')})`
      : '';
    output.out(
      `${tenant.spec.tenantId}: ${tenant.spec.host}, ${tenant.objects.length} objects${pending}`,
    );
  }
  if (tenants) {
    output.out(`shared: ${tenants.shared.length} objects`);
  }
  if (platform) {
    const tls = platform.tlsCredential;
    output.out(
      `platform: ${platform.objects.length} objects; meshConfig for istioctl or Helm in platform/istio`,
    );
    output.out(
      `platform: provide Secret ${tls.namespace}/${tls.name} (${
        tls.type
      }: ${tls.keys.join(', ')} for ${tls.hosts.join(
        ', ',
      )}); it is never rendered`,
    );
    if (!tenants) {
      output.out(
        'platform: the central Envoy starts once shared/ is applied; render it with the tenant files',
      );
    }
  }
  output.out(
    `wrote ${written} files to ${options.out}${
      removed > 0 ? `; removed ${removed} files an earlier render wrote` : ''
    }`,
  );
  return EXIT_OK;
}
