import { InputError } from '@backstage/errors';
import { TenantSpec } from '@tenant-mesh/plugin-tenant-mesh-common';
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
