import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  cognitoHostedUiUrl,
  cognitoIssuerUrl,
  PlatformSettings,
  planTenant,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { TenantCognito } from '@tenant-mesh/plugin-tenant-mesh-node';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { TenantLocks } from '../locks/TenantLocks';
import { examples } from './cognito.examples';
import { assertValidTenantInput } from './existingTenants';
import { tenantInputProperties, toTenantSpec } from './tenantInput';

/** What became of the hosted UI domain. */
export type DomainStatus = 'created' | 'exists' | 'unsupported' | 'planned';

const DRY_RUN_ID = 'dry-run';

/**
 * Creates or adopts the tenant's Cognito user pool (found by its tenant tag),
 * app client and hosted UI domain. Each remote change is one checkpoint keyed
 * by the tenant id, so a retried task resumes and a new task adopts; neither
 * makes a second pool or client. Never outputs or logs the client secret.
 *
 * Tasks for one tenant that run at the same time, on any replica, take turns
 * through `locks` (the lease `cognito:<tenantId>`); the module always passes
 * it. Without it, as in tests that need no database, concurrent tasks can
 * each create a pool.
 */
export function createTenantMeshCognitoAction(options: {
  platform: PlatformSettings;
  catalog: CatalogService;
  cognito: TenantCognito;
  delivery?: DeliveryTarget;
  logger: LoggerService;
  locks?: TenantLocks;
}) {
  const { platform, catalog, cognito, delivery, logger, locks } = options;
  const region = platform.cognito.region;
  return createTemplateAction({
    id: 'tenant-mesh:cognito',
    description:
      "Creates or adopts the tenant's Cognito user pool, app client and hosted UI domain. Safe to run again: it converges to the plan and never makes a second pool or client.",
    examples,
    supportsDryRun: true,
    schema: {
      input: tenantInputProperties(platform),
      output: {
        userPoolId: z => z.string().describe('Id of the user pool'),
        clientId: z =>
          z
            .string()
            .describe('Id of the app client (its secret is never output)'),
        issuerUrl: z => z.string().describe('OIDC issuer URL of the user pool'),
        hostedUiUrl: z =>
          z
            .string()
            .optional()
            .describe('Hosted UI base URL; only when the domain exists'),
        domainPrefix: z => z.string().describe('Hosted UI domain prefix'),
        domainStatus: z =>
          z
            .enum(['created', 'exists', 'unsupported', 'planned'])
            .describe(
              'created or exists; unsupported on the Cognito emulator, which has no domains; planned in a dry run',
            ),
        region: z => z.string().describe('AWS region of the user pool'),
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
      });

      const plan = planTenant({ spec, platform, existingTenants });
      const { tenantId } = plan.spec;
      const prefix = plan.cognito.domainPrefix;

      // The domain check runs before any pool exists: a taken prefix must not
      // leave an orphaned pool behind (B17).
      const checkDomain = async () => {
        const existingPool = await cognito.findUserPool(tenantId);
        const domain = await cognito.checkDomainAvailable(prefix, {
          expectedPoolId: existingPool?.userPoolId,
        });
        return {
          existingPool,
          domainSupported: domain.state !== 'unsupported',
          domain,
        };
      };

      if (ctx.isDryRun) {
        const { existingPool, domain, domainSupported } = await checkDomain();
        ctx.logger.info(
          existingPool
            ? `Dry run: would adopt user pool ${existingPool.userPoolId} of tenant ${tenantId} and converge its settings and app client.`
            : `Dry run: would create user pool ${plan.cognito.userPool.PoolName} and its app client for tenant ${tenantId}.`,
        );
        ctx.logger.info(
          domainSupported
            ? `Dry run: hosted UI domain prefix ${prefix} is ${
                domain.state === 'ours' ? 'already attached' : 'free'
              }.`
            : `Dry run: the Cognito emulator has no hosted UI domains, so domain prefix ${prefix} would not be created.`,
        );
        const poolId = existingPool?.userPoolId ?? `${region}_${DRY_RUN_ID}`;
        ctx.output('userPoolId', poolId);
        ctx.output('clientId', DRY_RUN_ID);
        ctx.output('issuerUrl', cognitoIssuerUrl(poolId, platform));
        ctx.output('domainPrefix', prefix);
        ctx.output('domainStatus', domainSupported ? 'planned' : 'unsupported');
        ctx.output('region', region);
        return;
      }

      const provision = async () => {
        const { domainSupported } = await checkDomain();

        const { userPoolId } = await ctx.checkpoint({
          key: `cognito.user-pool.${tenantId}`,
          fn: async () => {
            const pool = await cognito.ensureUserPool(plan.cognito, tenantId);
            ctx.logger.info(
              pool.created
                ? `Created user pool ${pool.userPoolId} for tenant ${tenantId}.`
                : `Adopted user pool ${pool.userPoolId} of tenant ${tenantId}${
                    pool.updated.length
                      ? ` and updated ${pool.updated.join(', ')}`
                      : ''
                  }.`,
            );
            return { userPoolId: pool.userPoolId };
          },
        });

        const { clientId } = await ctx.checkpoint({
          key: `cognito.client.${tenantId}`,
          fn: async () => {
            const client = await cognito.ensureUserPoolClient(
              userPoolId,
              plan.cognito,
            );
            ctx.logger.info(
              client.created
                ? `Created app client ${client.clientId} in user pool ${userPoolId}.`
                : `Adopted app client ${client.clientId}${
                    client.updated.length
                      ? ` and updated ${client.updated.join(', ')}`
                      : ''
                  }.`,
            );
            return { clientId: client.clientId };
          },
        });

        let domainStatus: DomainStatus = 'unsupported';
        if (domainSupported) {
          const result = await ctx.checkpoint({
            key: `cognito.domain.${tenantId}.${prefix}`,
            fn: async () => {
              const ensured = await cognito.ensureUserPoolDomain(
                userPoolId,
                prefix,
              );
              return { state: ensured.state };
            },
          });
          domainStatus = result.state;
        }
        return { userPoolId, clientId, domainStatus };
      };

      // Tasks for one tenant take turns: two that both found no pool by its
      // tag would each create one, as pool names are not unique. A task that
      // waited finds the pool by its tag and adopts it.
      const { userPoolId, clientId, domainStatus } = locks
        ? await locks.withLock(`cognito:${tenantId}`, provision, {
            purpose: `onboarding of tenant ${tenantId}`,
            onWait: () =>
              ctx.logger.info(
                `Another task is provisioning Cognito for tenant ${tenantId}; waiting for it to finish.`,
              ),
          })
        : await provision();

      ctx.logger.info(
        domainStatus === 'unsupported'
          ? `The hosted UI domain ${prefix} was NOT created: the Cognito emulator (cognito-local) does not support hosted UI domains, so there is no login page for this tenant until it runs against AWS Cognito.`
          : `Hosted UI domain ${prefix} ${
              domainStatus === 'created' ? 'was created' : 'already exists'
            }.`,
      );

      logger.info('Provisioned tenant Cognito resources', {
        tenantId,
        userPoolId,
        clientId,
        domainStatus,
      });
      ctx.output('userPoolId', userPoolId);
      ctx.output('clientId', clientId);
      ctx.output('issuerUrl', cognitoIssuerUrl(userPoolId, platform));
      if (domainStatus !== 'unsupported') {
        ctx.output('hostedUiUrl', cognitoHostedUiUrl(prefix, region));
      }
      ctx.output('domainPrefix', prefix);
      ctx.output('domainStatus', domainStatus);
      ctx.output('region', region);
    },
  });
}
