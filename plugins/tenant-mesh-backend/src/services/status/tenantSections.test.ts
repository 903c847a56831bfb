import {
  CheckState,
  LintFinding,
  planTenant,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { platformConfig } from '../../__fixtures__/tenants';
import { sharedLookupOf } from './sharedLookup';
import { ClusterSnapshot } from './snapshot';
import { lintSection, overall, TenantView } from './tenantSections';

const platform = readPlatformSettings(platformConfig);
const plan = planTenant({
  spec: {
    tenantId: 'acme',
    displayName: 'Acme',
    owner: 'group:default/customer-success',
    host: 'acme.example.com',
  },
  platform,
});
const snapshot: ClusterSnapshot = {
  tenantObjects: plan.objects,
  shared: { routeConfigMaps: [] },
  readAt: '2026-01-01T00:00:00Z',
};

function viewOf(
  lintFindings: LintFinding[],
  read?: ClusterSnapshot,
): TenantView {
  return {
    plan,
    platform,
    ...(read ? { snapshot: read } : {}),
    objects: read?.tenantObjects ?? [],
    noClusterReason: 'No cluster configured.',
    lookup: sharedLookupOf(read?.shared),
    secretsDelivered: true,
    lintFindings,
  };
}

const section = (state: CheckState, reason = `${state} reason`) => ({
  state,
  reason,
});

describe('overall', () => {
  it('is healthy when every section is ok', () => {
    expect(
      overall({
        auth: section('ok'),
        routing: section('ok'),
        pods: section('ok'),
      }),
    ).toEqual({ state: 'ok', reason: 'Healthy.' });
  });

  it.each<{
    title: string;
    auth: CheckState;
    routing: CheckState;
    pods: CheckState;
    state: CheckState;
    reason: string;
  }>([
    {
      title: 'names auth before routing when both are errors (B09)',
      auth: 'error',
      routing: 'error',
      pods: 'error',
      state: 'error',
      reason: 'Auth: error reason',
    },
    {
      title: 'names routing when it is worse than auth',
      auth: 'warning',
      routing: 'error',
      pods: 'warning',
      state: 'error',
      reason: 'Routing: error reason',
    },
    {
      title: 'names the pods when only they are not ok',
      auth: 'ok',
      routing: 'ok',
      pods: 'warning',
      state: 'warning',
      reason: 'Pods: warning reason',
    },
    {
      title: 'names what is unknown when nothing is worse',
      auth: 'ok',
      routing: 'unknown',
      pods: 'unknown',
      state: 'unknown',
      reason: 'Routing: unknown reason',
    },
  ])('$title', ({ auth, routing, pods, state, reason }) => {
    expect(
      overall({
        auth: section(auth),
        routing: section(routing),
        pods: section(pods),
      }),
    ).toEqual({ state, reason });
  });
});

describe('lintSection', () => {
  const warning: LintFinding = {
    level: 'warning',
    object: 'Gateway istio-ingress/tenant-gateway',
    message: 'server host "*.example.com" lets any VirtualService bind',
  };
  const error: LintFinding = {
    level: 'error',
    object: 'VirtualService tenant-acme/tenant-acme',
    message: 'host acme.example.com has no CUSTOM AuthorizationPolicy',
  };

  it.each<{
    title: string;
    findings: LintFinding[];
    read?: ClusterSnapshot;
    state: CheckState;
    reason: string;
  }>([
    {
      title: 'a clean plan, no cluster read',
      findings: [],
      state: 'ok',
      reason: 'The plan passes the lint; the live objects were not read.',
    },
    {
      title: 'clean live objects',
      findings: [],
      read: snapshot,
      state: 'ok',
      reason: 'The live objects pass the lint.',
    },
    {
      title: 'a warning',
      findings: [warning],
      read: snapshot,
      state: 'warning',
      reason: `${warning.object}: ${warning.message}`,
    },
    {
      title: 'an error after a warning',
      findings: [warning, error],
      read: snapshot,
      state: 'error',
      reason: `${error.object}: ${error.message}`,
    },
  ])('$title: $state', ({ findings, read, state, reason }) => {
    expect(lintSection(viewOf(findings, read))).toEqual({
      state,
      reason,
      findings,
    });
  });
});
