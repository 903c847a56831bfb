import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, toError } from '@backstage/errors';
import { tenantReadPermission } from '@tenant-mesh/plugin-tenant-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { requirePermission } from './requirePermission';
import { TenantAvailabilityService } from './services/TenantAvailabilityService';
import { TenantStatusService } from './services/TenantStatusService';

/** What the router needs; built by the plugin, swapped in tests. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  availability: TenantAvailabilityService;
  status: TenantStatusService;
}

/** `fresh=true` skips the cached snapshots; anything but true/false is refused. */
function readFresh(query: express.Request['query']): boolean {
  const { fresh } = query;
  if (fresh === undefined || fresh === 'false') {
    return false;
  }
  if (fresh === 'true') {
    return true;
  }
  throw new InputError('fresh must be true or false');
}

/**
 * The HTTP routes of `/api/tenant-mesh`. Every route is behind Backstage's
 * default auth policy (user or service credentials) and the read permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, permissions, availability, status } = options;
  const router = Router();

  /**
   * Runs a read of tenant status as an audit event: the status shows what a
   * tenant's cluster and Cognito hold, as the Kubernetes plugin audits its
   * reads of clusters.
   */
  const audited = async <T>(
    req: express.Request,
    meta: { queryType: string; tenantId?: string },
    read: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId: 'tenant-status-read',
      request: req,
      meta,
    });
    try {
      const result = await read();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: toError(error) });
      throw error;
    }
  };

  /** The caller, once it holds the read permission. */
  const readableBy = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission({
      permissions,
      permission: tenantReadPermission,
      credentials,
    });
    return credentials;
  };

  router.get('/tenants', async (req, res) => {
    const credentials = await readableBy(req);
    const fresh = readFresh(req.query);

    res.json(
      await audited(req, { queryType: 'list' }, () =>
        status.listTenants({ credentials, fresh }),
      ),
    );
  });

  router.get('/tenants/:id/status', async (req, res) => {
    const credentials = await readableBy(req);
    const fresh = readFresh(req.query);
    const tenantId = req.params.id;

    res.json(
      await audited(req, { queryType: 'by-id', tenantId }, () =>
        status.getStatus(tenantId, { credentials, fresh }),
      ),
    );
  });

  router.get('/tenants/:id/availability', async (req, res) => {
    const credentials = await readableBy(req);

    const { host } = req.query;
    if (host !== undefined && typeof host !== 'string') {
      throw new InputError('host must be given at most once, as a string');
    }

    res.json(
      await availability.checkAvailability({
        tenantId: req.params.id,
        host: host || undefined,
        credentials,
      }),
    );
  });

  return router;
}
