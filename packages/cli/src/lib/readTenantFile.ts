import { InputError } from '@backstage/errors';
import {
  TenantSpec,
  tenantShapeProblems,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import fs from 'node:fs/promises';
import { parseDocument } from 'yaml';

/**
 * Reads one tenant file. Only YAML syntax is checked here; the tenant rules are checked by
 * validateTenant so that every problem is reported at once.
 */
export async function readTenantFile(file: string): Promise<TenantSpec> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot be read`, error);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InputError(`${file}: not valid YAML: ${doc.errors[0].message}`);
  }
  const value = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${file}: must hold one tenant as a YAML mapping`);
  }
  return value as TenantSpec;
}

/**
 * Reads a tenant file to send to a portal: its shape is checked here (an
 * unknown or misspelt key would otherwise be dropped by the template, or
 * stored in the task's parameters, where a value such as a secret does not
 * belong); the platform's rules are checked by the portal, whose settings
 * this machine may not have.
 *
 * @throws InputError listing every problem as `file: field: message`.
 */
export async function readTenantFileToSend(file: string): Promise<TenantSpec> {
  const spec = await readTenantFile(file);
  const problems = tenantShapeProblems(spec);
  if (problems.length > 0) {
    throw new InputError(
      problems.map(p => `${file}: ${p.field}: ${p.message}`).join('\n'),
    );
  }
  return spec;
}
