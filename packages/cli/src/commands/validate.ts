import {
  PlatformSettings,
  validateTenant,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { readTenantFile } from '../lib/readTenantFile';
import { EXIT_INVALID_INPUT, EXIT_OK } from '../lib/exitCodes';

/** Output sink, so tests can capture what a command prints. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `tenant-mesh validate`: checks tenant files against every rule and against each other
 * (a host owned twice), printing one line per problem.
 */
export async function validateCommand(
  files: string[],
  platform: PlatformSettings,
  output: Output,
): Promise<number> {
  const specs = await Promise.all(
    files.map(async file => ({ file, spec: await readTenantFile(file) })),
  );
  let problems = 0;
  const firstFileOf = new Map<string, string>();
  for (const { file, spec } of specs) {
    const earlier = firstFileOf.get(spec.tenantId);
    if (earlier !== undefined) {
      output.err(
        `${file}: tenantId: ${spec.tenantId} is already the id of ${earlier}`,
      );
      problems += 1;
    } else if (typeof spec.tenantId === 'string') {
      firstFileOf.set(spec.tenantId, file);
    }
    if (spec.session?.allowUnverifiedEmail === true) {
      output.err(
        `${file}: session.allowUnverifiedEmail: warning: users whose email is not verified can sign in; anyone can then claim an address they do not own`,
      );
    }
    const others = specs
      .filter(s => s.spec !== spec)
      .map(s => ({ tenantId: s.spec.tenantId, host: s.spec.host }));
    for (const problem of validateTenant(spec, platform, {
      existingTenants: others,
    })) {
      output.err(`${file}: ${problem.field}: ${problem.message}`);
      problems += 1;
    }
  }
  if (problems > 0) {
    return EXIT_INVALID_INPUT;
  }
  output.out(`${files.length} tenant file(s) valid`);
  return EXIT_OK;
}
