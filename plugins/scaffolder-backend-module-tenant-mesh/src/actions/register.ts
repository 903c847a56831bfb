import { setTimeout } from 'node:timers/promises';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TENANT_ID_PATTERN } from '@tenant-mesh/plugin-tenant-mesh-common';
import { examples } from './register.examples';

/** How long to wait for the entity, how often to look, how often to ask again. */
export interface RegisterTiming {
  timeoutMs: number;
  intervalMs: number;
  refreshEveryMs: number;
}

// The catalog stitches a new entity within a second or two; look often, a
// read is cheap. The refresh is asked for again while waiting: the first ask
// is refused while a refresh runs, which may have read the records before
// this delivery, or may be the lost run of a backend that was restarted,
// whose lock the scheduler frees only after its timeout.
const DEFAULT_TIMING: RegisterTiming = {
  timeoutMs: 120_000,
  intervalMs: 200,
  refreshEveryMs: 10_000,
};

/**
 * Waits until the catalog holds the tenant's entity. Tenant Mesh's own entity provider emits it
 * from the delivery record (no Git host needed), so registering means asking that provider to
 * refresh and then confirming the entity is there, with the initiator's credentials.
 */
export function createTenantMeshRegisterAction(options: {
  catalog: CatalogService;
  /** Asks the tenant entity provider to read the records again, when one is installed. */
  requestRefresh?: () => Promise<void>;
  timing?: RegisterTiming;
}) {
  const { catalog, requestRefresh } = options;
  const timing = options.timing ?? DEFAULT_TIMING;
  return createTemplateAction({
    id: 'tenant-mesh:register',
    description:
      "Waits until the tenant's catalog entity (a Resource of type tenant, emitted by the tenant-mesh entity provider from the delivery record) is in the catalog, and outputs its ref.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        tenantId: z =>
          z
            .string()
            .regex(new RegExp(TENANT_ID_PATTERN))
            .describe('Id of the delivered tenant'),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe('Ref of the tenant entity, e.g. resource:default/acme'),
      },
    },
    async handler(ctx) {
      const entityRef = stringifyEntityRef({
        kind: 'Resource',
        namespace: 'default',
        name: ctx.input.tenantId,
      });

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Would wait for ${entityRef} to appear in the catalog.`,
        );
        ctx.output('entityRef', entityRef);
        return;
      }

      await requestRefresh?.();
      let lastRefresh = Date.now();
      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + timing.timeoutMs;
      for (;;) {
        const entity = await catalog.getEntityByRef(entityRef, { credentials });
        if (entity?.spec?.type === 'tenant') {
          break;
        }
        if (
          requestRefresh &&
          Date.now() - lastRefresh >= timing.refreshEveryMs
        ) {
          await requestRefresh();
          lastRefresh = Date.now();
        }
        ctx.signal?.throwIfAborted();
        if (Date.now() >= deadline) {
          throw new NotFoundError(
            `${entityRef} did not appear in the catalog within ${Math.round(
              timing.timeoutMs / 1000,
            )} s; check that the tenant-mesh catalog module is installed and reads the same delivery target`,
          );
        }
        await setTimeout(timing.intervalMs, undefined, { signal: ctx.signal });
      }

      ctx.logger.info(`The catalog holds ${entityRef}.`);
      ctx.output('entityRef', entityRef);
    },
  });
}
