import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PlatformSettings,
  planTenant,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import {
  compareTree,
  readTenantRecords,
  renderTenantTree,
  SHARED_FOLDER,
  tenantFolder,
  toRecord,
} from '../delivery/gitopsTree';
import { assertValidTenantInput } from './existingTenants';
import { examples } from './plan.examples';
import { tenantInputProperties, toTenantSpec } from './tenantInput';

/** Folder of the workspace that receives the rendered plan. */
export const PLAN_FOLDER = 'tenant-mesh';

function describePlan(plan: TenantPlan, sharedCount: number): string {
  const { spec, cognito } = plan;
  const namespaces = namespacesOf(plan);
  return [
    `Tenant ${spec.tenantId} (${spec.displayName}) at https://${spec.host}, owned by ${spec.owner}.`,
    `Namespaces: ${namespaces.join(', ')}.`,
    `Kubernetes objects: ${plan.objects.length} of the tenant; ${sharedCount} shared files (the Gateway, the central Envoy's ConfigMaps and the meshConfig extension provider).`,
    `Cognito: user pool ${cognito.userPool.PoolName}, app client ${cognito.userPoolClient.ClientName}, hosted UI domain prefix ${cognito.domainPrefix}.`,
    // Planned before Cognito runs: these parts follow once its ids exist.
    ...plan.pending.map(
      p => `Completed at delivery, with the Cognito ids: ${p}.`,
    ),
  ].join('\n');
}

function namespacesOf(plan: TenantPlan): string[] {
  return plan.objects
    .filter(o => o.kind === 'Namespace')
    .map(o => o.metadata.name);
}

/**
 * Validates a tenant, renders its plan into the workspace and, with a GitOps
 * target, reports what delivering it would change in the repository.
 */
export function createTenantMeshPlanAction(options: {
  platform: PlatformSettings;
  catalog: CatalogService;
  delivery?: DeliveryTarget;
}) {
  const { platform, catalog, delivery } = options;
  return createTemplateAction({
    id: 'tenant-mesh:plan',
    description:
      'Validates a tenant and writes its plan (the Kubernetes manifests and the tenant record) into the workspace below tenant-mesh/<tenantId>/. Changes nothing outside the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: tenantInputProperties(platform),
      output: {
        summary: z => z.string().describe('The plan in a few sentences'),
        tenantId: z => z.string().describe('The tenant id'),
        host: z => z.string().describe('The host in canonical form'),
        namespaces: z =>
          z.array(z.string()).describe('Namespaces the tenant gets'),
        domainPrefix: z =>
          z.string().describe('The hosted UI domain prefix, given or derived'),
        objectCount: z =>
          z.number().describe('Number of Kubernetes objects of the tenant'),
        changes: z =>
          z
            .object({
              added: z.array(z.string()),
              changed: z.array(z.string()),
              removed: z.array(z.string()),
            })
            .optional()
            .describe(
              'Repository paths delivering would add, change and remove; only with a reachable GitOps target',
            ),
      },
    },
    async handler(ctx) {
      const spec = toTenantSpec(ctx.input);
      const credentials = await ctx.getInitiatorCredentials();

      const existingTenants = await assertValidTenantInput({
        spec,
        platform,
        catalog,
        credentials,
        delivery,
        logger: ctx.logger,
        tolerateUnreachableTarget: true,
      });

      const repository =
        delivery?.kind === 'gitops' &&
        existsSync(join(delivery.repositoryPath, '.git'))
          ? delivery.repository
          : undefined;
      const records = repository ? await readTenantRecords(repository) : [];
      const identity = records.find(
        r => r.tenantId === spec.tenantId,
      )?.identity;

      const plan = planTenant({
        spec: identity ? { ...spec, identity } : spec,
        platform,
        existingTenants,
      });
      const files = renderTenantTree({
        plan,
        record: toRecord(identity ? { ...spec, identity } : spec),
        records,
        platform,
      });

      const base = join(PLAN_FOLDER, spec.tenantId);
      for (const file of files) {
        const path = resolveSafeChildPath(
          ctx.workspacePath,
          join(base, file.path),
        );
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.content);
      }
      ctx.logger.info(
        `Wrote the plan of tenant ${spec.tenantId} as ${files.length} files into the workspace folder ${base}.`,
      );

      if (repository) {
        const folders = [tenantFolder(spec.tenantId), SHARED_FOLDER];
        const current = (
          await Promise.all(folders.map(f => repository.readFiles(`${f}/`)))
        ).flat();
        const changes = compareTree(files, current, folders);
        ctx.logger.info(
          `Compared with the GitOps repository: ${changes.added.length} files would be added, ${changes.changed.length} changed and ${changes.removed.length} removed.`,
        );
        ctx.output('changes', changes);
      } else {
        ctx.logger.info(
          delivery?.kind === 'gitops'
            ? 'The plan was not compared with the GitOps repository, because the repository does not exist yet; delivering creates it.'
            : 'The plan was not compared with existing files, because no GitOps repository is configured as the delivery target.',
        );
      }

      const sharedCount = files.filter(f =>
        f.path.startsWith(`${SHARED_FOLDER}/`),
      ).length;
      ctx.output('summary', describePlan(plan, sharedCount));
      ctx.output('tenantId', plan.spec.tenantId);
      ctx.output('host', plan.spec.host);
      ctx.output('namespaces', namespacesOf(plan));
      ctx.output('domainPrefix', plan.spec.domainPrefix);
      ctx.output('objectCount', plan.objects.length);
    },
  });
}
