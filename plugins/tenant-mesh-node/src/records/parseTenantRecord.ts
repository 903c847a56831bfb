import {
  TenantSpec,
  tenantSpecSchema,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { parse } from 'yaml';

/** The outcome of parsing one tenant record: the spec, or why it is not one. */
export type ParsedTenantRecord =
  | { ok: true; spec: TenantSpec }
  | { ok: false; message: string };

/**
 * Parses the YAML text of one tenant record into a TenantSpec. Never throws:
 * the caller reads many records, and one bad file must not hide the others.
 */
export function parseTenantRecord(content: string): ParsedTenantRecord {
  let data: unknown;
  try {
    data = parse(content);
  } catch (error) {
    return {
      ok: false,
      message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    };
  }

  const parsed = tenantSpecSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(issue =>
      issue.path.length > 0
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    );
    return { ok: false, message: `not a tenant spec: ${issues.join('; ')}` };
  }
  return { ok: true, spec: parsed.data };
}
