import { Entity } from '@backstage/catalog-model';
import {
  StatusCheck,
  TenantStatus,
  TenantSummary,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** The catalog entity of tenant `acme`, as the tenant entity provider writes it. */
export const acmeEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'acme',
    annotations: { 'tenant-mesh.io/tenant-id': 'acme' },
  },
  spec: { type: 'tenant', owner: 'group:default/customer-success' },
};

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bookinfo' },
  spec: { type: 'service', owner: 'group:default/platform' },
};

function ok(id: string, title: string, reason: string): StatusCheck {
  return { id, title, state: 'ok', reason };
}

/** A healthy tenant on a configured cluster with a configured login probe. */
export function healthyStatus(): TenantStatus {
  return {
    tenantId: 'acme',
    host: 'acme.example.com',
    state: 'ok',
    reason: 'Everything checked is fine.',
    checkedAt: '2026-10-01T12:00:00.000Z',
    cluster: { configured: true, description: 'kubernetes config: dev' },
    routing: {
      state: 'ok',
      reason: 'acme.example.com reaches its service.',
      path: [
        ok('host', 'Host acme.example.com', 'Listed on the gateway.'),
        ok(
          'gateway',
          'Gateway istio-ingress/tenant-gateway',
          'Serves acme.example.com.',
        ),
        {
          ...ok(
            'virtual-service',
            'VirtualService tenant-acme/tenant-acme',
            'Routes / to productpage.',
          ),
          object: 'VirtualService tenant-acme/tenant-acme',
        },
        ok('service', 'Service tenant-acme/productpage', 'Has 1 endpoint.'),
      ],
      authorizer: [
        ok(
          'policy',
          'AuthorizationPolicy tenant-acme',
          'CUSTOM, tenant-authz.',
        ),
        ok('central-envoy', 'Central Envoy', 'Routes acme to its proxy.'),
        ok('oauth2-proxy-route', 'oauth2-proxy', 'Answers on 4180.'),
      ],
    },
    auth: {
      state: 'ok',
      reason: 'Login works.',
      hostedUiUrl: 'https://acme.auth.us-east-1.amazoncognito.com',
      checks: [
        ok('user-pool', 'User pool tenant-acme', 'Found.'),
        ok('app-client', 'App client', 'Callback matches the host.'),
        {
          ...ok('domain', 'Hosted UI domain', 'Active.'),
          links: [
            {
              title: 'Cognito console',
              url: 'https://console.aws.amazon.com/cognito',
            },
          ],
        },
        ok('oauth2-proxy', 'oauth2-proxy', 'Ready.'),
        ok('secret', 'Secret tenant-acme-auth/oauth2-proxy', 'Complete.'),
        ok('issuer', 'Issuer', 'Discovery document served.'),
        ok('login-probe', 'Login probe', 'Last login 2 minutes ago.'),
      ],
    },
    pods: {
      state: 'ok',
      reason: 'All pods are ready.',
      namespaces: [
        {
          namespace: 'tenant-acme',
          ready: 3,
          total: 3,
          restarts: 0,
          troubled: [],
        },
      ],
    },
    lint: { state: 'ok', reason: 'No findings.', findings: [] },
  };
}

/** The embedded default: no cluster, Cognito on the local emulator, no probe. */
export function noClusterStatus(): TenantStatus {
  const base = healthyStatus();
  const noCluster =
    'No cluster configured: set kubernetes.clusterLocatorMethods to check the mesh.';
  const localDomain =
    'Hosted UI: unavailable in local mode (cognito-local has no hosted UI)';
  return {
    ...base,
    state: 'unknown',
    reason: noCluster,
    cluster: { configured: false },
    routing: {
      state: 'unknown',
      reason: noCluster,
      // The backend still names the planned hops, each unknown.
      path: base.routing.path.map(hop => ({
        ...hop,
        state: 'unknown',
        reason: noCluster,
      })),
      authorizer: [],
    },
    auth: {
      state: 'unknown',
      reason: localDomain,
      checks: [
        ok('user-pool', 'User pool tenant-acme', 'Found.'),
        ok('app-client', 'App client', 'Callback matches the host.'),
        {
          id: 'domain',
          title: 'Hosted UI domain',
          state: 'unknown',
          reason: localDomain,
        },
      ],
    },
    pods: {
      state: 'unknown',
      reason: noCluster,
      // The backend names the planned namespaces even when it read nothing.
      namespaces: ['tenant-acme', 'tenant-acme-auth'].map(namespace => ({
        namespace,
        ready: 0,
        total: 0,
        restarts: 0,
        troubled: [],
      })),
    },
  };
}

export function summary(
  overrides: Partial<TenantSummary> & Pick<TenantSummary, 'tenantId'>,
): TenantSummary {
  return {
    host: `${overrides.tenantId}.example.com`,
    owner: 'group:default/customer-success',
    entityRef: `resource:default/${overrides.tenantId}`,
    state: 'ok',
    reason: 'Everything checked is fine.',
    routing: 'ok',
    auth: 'ok',
    pods: 'ok',
    ...overrides,
  };
}
