import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CLIENT_ID_PATTERN,
  PlatformSettings,
  planTenant,
  userPoolIdPattern,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantCognito } from '@tenant-mesh/plugin-tenant-mesh-node';
import { deliverToCluster } from '../delivery/deliverToCluster';
import { deliverToGitops } from '../delivery/deliverToGitops';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { toRecord } from '../delivery/gitopsTree';
import {
  CookieSecretGenerator,
  generateCookieSecret,
} from '../delivery/tenantSecret';
import { deliveryOutputProperties } from './deliveryOutputs';
import { examples } from './deliver.examples';
import { assertValidTenantInput } from './existingTenants';
import { tenantInputProperties, toTenantSpec } from './tenantInput';

/**
 * Delivers the Kubernetes part of a tenant's plan to the configured target:
 * server-side apply to a cluster, or one commit to a GitOps repository. The
 * oauth2-proxy Secret goes straight to a cluster, never into Git.
 */
export function createTenantMeshDeliverAction(options: {
  platform: PlatformSettings;
  catalog: CatalogService;
  cognito: TenantCognito;
  delivery: DeliveryTarget;
  logger: LoggerService;
  /** Makes new cookie secrets; 32 random bytes, base64url, by default. */
  generateCookieSecret?: CookieSecretGenerator;
}) {
  const { platform, catalog, cognito, delivery, logger } = options;
  const generate = options.generateCookieSecret ?? generateCookieSecret;
  return createTemplateAction({
    id: 'tenant-mesh:deliver',
    description:
      "Delivers the tenant's Kubernetes objects to the configured target (a cluster through server-side apply, or a GitOps repository in one commit) and adds the tenant to the shared Gateway and central Envoy. Writes the oauth2-proxy Secret straight to a cluster, never to Git.",
    examples,
    schema: {
      input: {
        ...tenantInputProperties(platform),
        userPoolId: z =>
          z
            .string()
            .regex(new RegExp(userPoolIdPattern(platform)))
            .describe('User pool id, from tenant-mesh:cognito'),
        clientId: z =>
          z
            .string()
            .regex(new RegExp(CLIENT_ID_PATTERN))
            .describe('App client id, from tenant-mesh:cognito'),
      },
      output: {
        target: z =>
          z.enum(['cluster', 'gitops']).describe('Where the tenant went'),
        ...deliveryOutputProperties,
        secretRef: z =>
          z
            .string()
            .describe(
              'namespace/name of the oauth2-proxy Secret; never its values',
            ),
        secretDelivered: z =>
          z
            .boolean()
            .describe(
              'Whether the oauth2-proxy Secret was written to a cluster',
            ),
      },
    },
    async handler(ctx) {
      const { userPoolId, clientId, ...tenant } = ctx.input;
      const identity = { userPoolId, clientId };
      const spec = toTenantSpec(tenant);
      const credentials = await ctx.getInitiatorCredentials();

      const existingTenants = await assertValidTenantInput({
        spec: { ...spec, identity },
        platform,
        catalog,
        credentials,
        delivery,
        logger: ctx.logger,
      });

      const record = toRecord({ ...spec, identity });
      const plan = planTenant({
        spec: { ...spec, identity },
        platform,
        existingTenants,
      });
      const { secretRef } = plan;
      const tenantId = plan.spec.tenantId;

      ctx.output('target', delivery.kind);
      ctx.output('secretRef', `${secretRef.namespace}/${secretRef.name}`);

      if (delivery.kind === 'cluster') {
        const target = await delivery.cluster.get({ credentials });
        ctx.logger.info(
          `Delivering tenant ${tenantId} to ${delivery.cluster.description}.`,
        );
        const applied = await deliverToCluster({
          step: ctx,
          target,
          cognito,
          plan,
          record,
          platform,
          generate,
        });

        logger.info('Delivered tenant to cluster', {
          tenantId,
          objects: applied.length,
        });
        ctx.output('applied', applied);
        ctx.output('secretDelivered', true);
        return;
      }

      const result = await deliverToGitops({
        step: ctx,
        delivery,
        cognito,
        plan,
        record,
        platform,
        generate,
        credentials,
      });

      logger.info('Delivered tenant to GitOps repository', {
        tenantId,
        commit: result.commit,
        secretDelivered: result.secretDelivered,
      });
      ctx.output('repository', delivery.repositoryPath);
      ctx.output('commit', result.commit);
      ctx.output('changed', result.changed);
      ctx.output('files', result.files);
      ctx.output('secretDelivered', result.secretDelivered);
    },
  });
}
