import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_HOST,
  ANNOTATION_TENANT_ID,
  assertValidTenant,
  ExistingTenant,
  PlatformSettings,
  resolveTenantSpec,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { refOf } from '@tenant-mesh/plugin-tenant-mesh-node';
import { readObject, recordedTenants } from '../delivery/clusterSharedObjects';
import { DeliveryTarget } from '../delivery/deliveryTarget';
import { readTenantRecords } from '../delivery/gitopsTree';
import { planSharedFor } from '../delivery/sharedEntries';

/** Tenants in the catalog: Resources of spec.type tenant with a host annotation. */
async function catalogTenants(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<ExistingTenant[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource', 'spec.type': 'tenant' },
      fields: ['metadata.name', 'metadata.annotations'],
    },
    { credentials },
  );
  return items.flatMap(entity => {
    const annotations = entity.metadata.annotations ?? {};
    const host = annotations[ANNOTATION_HOST];
    const tenantId = annotations[ANNOTATION_TENANT_ID] ?? entity.metadata.name;
    return host ? [{ tenantId, host }] : [];
  });
}

/** The Gateway, which records every tenant delivered to a cluster. */
export function gatewayRef(platform: PlatformSettings) {
  const probe = { tenantId: 'probe', host: `probe.${platform.baseDomains[0]}` };
  const gateway = planSharedFor([probe], platform).objects[0];
  return refOf(gateway);
}

/** Tenants the delivery target holds a record of. */
export async function targetTenants(options: {
  delivery: DeliveryTarget;
  platform: PlatformSettings;
  credentials: BackstageCredentials;
}): Promise<ExistingTenant[]> {
  const { delivery, platform, credentials } = options;
  if (delivery.kind === 'gitops') {
    if (!existsSync(join(delivery.repositoryPath, '.git'))) {
      return [];
    }
    const records = await readTenantRecords(delivery.repository);
    return records.map(r => ({
      tenantId: r.tenantId,
      host: r.host,
      domainPrefix: resolveTenantSpec(r, platform).domainPrefix,
    }));
  }
  const target = await delivery.cluster.get({ credentials });
  return recordedTenants(await readObject(target, gatewayRef(platform)));
}

/**
 * Validates the tenant against every rule, with the tenants that already
 * exist in the catalog and in the delivery target, before any side effect.
 * With `tolerateUnreachableTarget` (plan), a target that cannot be read is
 * logged and skipped; otherwise its error stops the step.
 *
 * @throws InputError naming each invalid field.
 */
export async function assertValidTenantInput(options: {
  spec: TenantSpec;
  platform: PlatformSettings;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  delivery?: DeliveryTarget;
  logger: LoggerService;
  tolerateUnreachableTarget?: boolean;
}): Promise<ExistingTenant[]> {
  const { spec, platform, catalog, credentials, delivery, logger } = options;
  const existingTenants = await catalogTenants(catalog, credentials);

  if (delivery) {
    try {
      existingTenants.push(
        ...(await targetTenants({ delivery, platform, credentials })),
      );
    } catch (error) {
      if (!options.tolerateUnreachableTarget) {
        throw error;
      }
      logger.warn(
        `Could not read the tenants recorded in the delivery target, so only the catalog was checked for a host conflict: ${
          isError(error) ? error.message : String(error)
        }`,
      );
    }
  }

  assertValidTenant(spec, platform, { existingTenants });
  return existingTenants;
}
