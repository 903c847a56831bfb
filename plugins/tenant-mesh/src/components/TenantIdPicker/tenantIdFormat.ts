import { tenantSpecSchema } from '@tenant-mesh/plugin-tenant-mesh-common';

/**
 * The format problem of a tenant id, checked in the browser without a
 * request; undefined when the id is a lowercase DNS label. The length limit
 * depends on the platform's namespace patterns, so the backend checks it.
 */
export function tenantIdFormatProblem(tenantId: string): string | undefined {
  const parsed = tenantSpecSchema.shape.tenantId.safeParse(tenantId);
  return parsed.success ? undefined : parsed.error.issues[0].message;
}
