import { Schema, ZodImpl } from './tenantInput';

/**
 * Outputs both deliver actions share: what went to a cluster, or which commit
 * went to the GitOps repository.
 */
export const deliveryOutputProperties: {
  applied: (z: ZodImpl) => Schema<string[] | undefined>;
  repository: (z: ZodImpl) => Schema<string | undefined>;
  commit: (z: ZodImpl) => Schema<string | undefined>;
  changed: (z: ZodImpl) => Schema<boolean | undefined>;
  files: (z: ZodImpl) => Schema<string[] | undefined>;
} = {
  applied: (z: ZodImpl) =>
    z
      .array(z.string())
      .optional()
      .describe('Cluster target: the objects applied, as Kind namespace/name'),
  repository: (z: ZodImpl) =>
    z.string().optional().describe('GitOps target: the repository'),
  commit: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe('GitOps target: the new commit; empty when nothing changed'),
  changed: (z: ZodImpl) =>
    z.boolean().optional().describe('GitOps target: whether a commit was made'),
  files: (z: ZodImpl) =>
    z
      .array(z.string())
      .optional()
      .describe('GitOps target: paths the commit added, changed or removed'),
};
