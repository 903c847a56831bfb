import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { tenantReadPermission } from '@tenant-mesh/plugin-tenant-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { requirePermission } from './requirePermission';
import { TenantAvailabilityService } from './services/TenantAvailabilityService';

/** What the router needs; built by the plugin, swapped in tests. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  availability: TenantAvailabilityService;
}

/**
 * The HTTP routes of `/api/tenant-mesh`. Every route is behind Backstage's
 * default auth policy (user or service credentials) and the read permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, availability } = options;
  const router = Router();

  router.get('/tenants/:id/availability', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission({
      permissions,
      permission: tenantReadPermission,
      credentials,
    });

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
