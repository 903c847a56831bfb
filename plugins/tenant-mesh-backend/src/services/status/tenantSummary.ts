import {
  summarizeChecks,
  TenantSummary,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  clusterAuthChecks,
  overall,
  podsSection,
  routingSection,
  TenantView,
} from './tenantSections';

/** A row of the tenants list, before the caller's catalog view is added. */
export type TenantRow = Omit<TenantSummary, 'owner' | 'entityRef'>;

/**
 * A tenant's row: the same sections as its status, but auth without Cognito
 * (the list says so once, not per row), so one list costs no Cognito call.
 */
export function summaryOf(view: TenantView): TenantRow {
  const routing = routingSection(view);
  const pods = podsSection(view);
  const auth = summarizeChecks(
    clusterAuthChecks(view),
    'oauth2-proxy and its Secret are in place.',
  );
  return {
    tenantId: view.plan.spec.tenantId,
    host: view.plan.spec.host,
    ...overall({ auth, routing, pods }),
    routing: routing.state,
    auth: auth.state,
    pods: pods.state,
  };
}
