import { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PlatformSettings,
  planPlatform,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { deliverPlatformToCluster } from '../delivery/platformCluster';
import {
  deliverPlatformToGitops,
  PlatformGitopsDelivery,
} from '../delivery/platformGitops';
import {
  installerStep,
  istioInstallerFiles,
  tlsCheckLine,
  tlsCredentialName,
  tlsUncheckedLine,
} from '../delivery/platformNotes';
import { deliveryOutputProperties } from './deliveryOutputs';
import { examples } from './deliverPlatform.examples';

function logWarnings(log: LoggerService, warnings: string[]) {
  for (const warning of warnings) {
    log.warn(`Lint warning: ${warning}`);
  }
}

function gitopsSummary(
  repositoryPath: string,
  result: PlatformGitopsDelivery,
  dryRun: boolean,
): string {
  if (dryRun) {
    return `Dry run: ${result.files.length} files of ${repositoryPath} would change; nothing was committed.`;
  }
  return result.changed
    ? `Committed ${result.commit} to ${repositoryPath}, changing ${
        result.files.length
      } file${
        result.files.length === 1 ? '' : 's'
      }: platform/ and the shared files of ${result.tenantCount} tenants.`
    : `${repositoryPath} already holds the platform as planned; nothing was committed.`;
}

/**
 * Delivers the platform (the central Envoy, its namespace policies and the
 * gateway-wide policy) and the shared objects regenerated from every tenant
 * the target records, after the lint found the platform and its tenants in
 * agreement. Never writes the gateway's TLS Secret nor runs the Istio
 * installer: both are reported as steps for the platform team.
 */
export function createTenantMeshDeliverPlatformAction(options: {
  platform: PlatformSettings;
  delivery: DeliveryTarget;
  logger: LoggerService;
}) {
  const { platform, delivery, logger } = options;
  return createTemplateAction({
    id: 'tenant-mesh:deliver-platform',
    description:
      "Sets up the tenant platform on the configured target (a cluster through server-side apply, or a GitOps repository in one commit): the central Envoy, its namespace policies, the gateway-wide policy and the shared objects of every recorded tenant. Refuses when the lint finds the platform and its tenants in disagreement. Never writes the gateway's TLS Secret nor runs the Istio installer; it says what to do for both.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {},
      output: {
        target: z =>
          z.enum(['cluster', 'gitops']).describe('Where the platform went'),
        summary: z => z.string().describe('What was delivered, in a sentence'),
        nextSteps: z =>
          z
            .string()
            .describe(
              "What the platform team does by hand: the gateway's TLS Secret and the Istio installer step",
            ),
        ...deliveryOutputProperties,
        tlsCredential: z =>
          z
            .string()
            .describe(
              "namespace/name of the gateway's TLS Secret, which the platform team provides",
            ),
        tlsCredentialFound: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Cluster target: whether that Secret exists; unset when it could not be read',
            ),
        istioInstallerFiles: z =>
          z
            .array(z.string())
            .describe(
              'Paths of the Istio installer inputs below platform/, for istioctl or Helm; never applied',
            ),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = ctx.isDryRun ?? false;
      // The TLS credential and the installer inputs depend on the settings only.
      const settingsPlan = planPlatform(platform);
      const tls = settingsPlan.tlsCredential;
      const installerFiles = istioInstallerFiles(settingsPlan);

      ctx.output('target', delivery.kind);
      ctx.output('tlsCredential', tlsCredentialName(tls));
      ctx.output('istioInstallerFiles', installerFiles);

      let summary: string;
      let tlsText: string;
      let installerFolder: string;
      if (delivery.kind === 'cluster') {
        const target = await delivery.cluster.get({ credentials });
        ctx.logger.info(
          `Setting up the tenant platform on ${delivery.cluster.description}.`,
        );
        const result = await deliverPlatformToCluster({
          step: ctx,
          target,
          platform,
          dryRun,
        });
        logWarnings(ctx.logger, result.warnings);
        const tlsLine = tlsCheckLine(tls, result.tlsCredentialFound);
        ctx.logger[tlsLine.level](tlsLine.message);
        tlsText = tlsLine.message;

        logger.info('Delivered platform to cluster', {
          objects: result.applied.length,
          tenants: result.tenantCount,
          dryRun,
        });
        ctx.output('applied', result.applied);
        if (result.tlsCredentialFound !== undefined) {
          ctx.output('tlsCredentialFound', result.tlsCredentialFound);
        }
        summary = dryRun
          ? `Dry run on ${target.server}: nothing was applied.`
          : `Applied ${result.applied.length} objects to ${target.server}: the platform, then the shared objects of ${result.tenantCount} tenants.`;
        installerFolder = 'out';
        ctx.logger.info(
          'The cluster target writes no files: render the Istio installer inputs with `scripts/yarn tenant-mesh render --platform --out out/`.',
        );
      } else {
        const result = await deliverPlatformToGitops({
          step: ctx,
          delivery,
          platform,
          dryRun,
        });
        logWarnings(ctx.logger, result.warnings);
        tlsText = tlsUncheckedLine(tls);
        ctx.logger.info(tlsText);

        logger.info('Delivered platform to GitOps repository', {
          commit: result.commit,
          tenants: result.tenantCount,
          dryRun,
        });
        ctx.output('repository', delivery.repositoryPath);
        ctx.output('commit', result.commit);
        ctx.output('changed', result.changed);
        ctx.output('files', result.files);
        summary = gitopsSummary(delivery.repositoryPath, result, dryRun);
        installerFolder = delivery.repositoryPath;
      }

      const installer = installerStep({
        files: installerFiles,
        folder: installerFolder,
      });
      ctx.logger.warn(installer);
      ctx.output('summary', summary);
      ctx.output('nextSteps', `${tlsText}\n\n${installer}`);
    },
  });
}
