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

/** A Resource that is not a tenant: the cards must stay off it too. */
export const databaseEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db' },
  spec: { type: 'database', owner: 'group:default/platform' },
};

/** A check whose title is the Kubernetes object it reads, as most are. */
function objectCheck(id: string, object: string, reason: string): StatusCheck {
  return { id, title: object, object, state: 'ok', reason };
}

function ok(id: string, title: string, reason: string): StatusCheck {
  return { id, title, state: 'ok', reason };
}

const HOSTED_UI = 'https://acme-1a2b3c4d.auth.us-east-1.amazoncognito.com';

/** What the backend says when it was given no cluster to read. */
export const NO_CLUSTER =
  'No cluster configured: set tenantMesh.status.cluster (or tenantMesh.delivery.cluster, or tenantMesh.delivery.gitops.secretsCluster) to check the live objects.';

/** What cognito-local answers for the hosted-UI domain. */
export const LOCAL_DOMAIN =
  'Hosted UI: unavailable in local mode (cognito-local has no hosted UI)';

/**
 * A healthy tenant on a configured cluster with a configured login probe,
 * delivered through a GitOps repository. Check ids and order are the
 * backend's.
 */
export function healthyStatus(): TenantStatus {
  return {
    tenantId: 'acme',
    host: 'acme.example.com',
    state: 'ok',
    reason: 'Healthy.',
    checkedAt: '2026-10-01T12:00:00.000Z',
    cluster: { configured: true, description: 'kubernetes config: dev' },
    record: {
      source: 'gitops',
      path: 'tenants/acme/tenant.yaml',
      commit: '3f9c2a1',
    },
    routing: {
      state: 'ok',
      reason: 'acme.example.com is routed and guarded by its login.',
      path: [
        {
          ...ok(
            'gateway-binding',
            'Host acme.example.com on the shared Gateway',
            'The Gateway serves tenant-acme/acme.example.com.',
          ),
          object: 'Gateway istio-ingress/tenant-gateway',
        },
        objectCheck(
          'gateway',
          'Gateway istio-ingress/tenant-gateway',
          'Gateway istio-ingress/tenant-gateway: accepted by istiod.',
        ),
        objectCheck(
          'virtual-service',
          'VirtualService tenant-acme/tenant-acme',
          'VirtualService tenant-acme/tenant-acme: routes / to productpage.',
        ),
        objectCheck(
          'destination-service:productpage',
          'Service tenant-acme/productpage',
          'Service tenant-acme/productpage exists.',
        ),
      ],
      authorizer: [
        objectCheck(
          'ext-authz-policy',
          'AuthorizationPolicy istio-ingress/ext-authz-acme',
          'AuthorizationPolicy istio-ingress/ext-authz-acme: accepted by istiod.',
        ),
        objectCheck(
          'gateway-policy',
          'AuthorizationPolicy istio-ingress/tenant-mesh-every-host',
          'AuthorizationPolicy istio-ingress/tenant-mesh-every-host: accepted by istiod.',
        ),
        {
          ...ok(
            'ext-authz-provider',
            "Extension provider tenant-authz in istiod's meshConfig",
            'ConfigMap istio-system/istio names tenant-authz, so the CUSTOM policies reach the central Envoy.',
          ),
          object: 'ConfigMap istio-system/istio',
        },
        {
          ...ok(
            'envoy-route',
            'Central Envoy route for acme.example.com',
            'The central Envoy sends acme.example.com to oauth2-proxy-acme.tenant-acme-auth:4180.',
          ),
          object: 'ConfigMap tenant-authz/tenant-authz-routes*',
        },
        {
          ...ok(
            'envoy-deployment',
            'Central Envoy (Deployment tenant-authz/tenant-authz)',
            'Deployment tenant-authz/tenant-authz has 2/2 replicas ready.',
          ),
          object: 'Deployment tenant-authz/tenant-authz',
        },
        {
          ...ok(
            'oauth2-proxy',
            'oauth2-proxy (Deployment tenant-acme-auth/oauth2-proxy-acme)',
            'Deployment tenant-acme-auth/oauth2-proxy-acme has 1/1 replicas ready.',
          ),
          object: 'Deployment tenant-acme-auth/oauth2-proxy-acme',
        },
      ],
      plan: [
        ok(
          'gitops-manifests',
          'Manifests in the GitOps repository (tenants/acme/)',
          'tenants/acme/ holds the 14 manifests of the plan.',
        ),
        ok(
          'lint',
          'Lint of the live objects',
          'The live objects pass the lint.',
        ),
      ],
    },
    auth: {
      state: 'ok',
      reason: 'Login is set up as planned.',
      hostedUiUrl: HOSTED_UI,
      checks: [
        ok(
          'user-pool',
          'User pool us-east-1_AbCdEfGhI',
          'The user pool exists and is tagged for acme.',
        ),
        ok(
          'app-client',
          'App client tenant-mesh-acme-oauth2-proxy',
          'The app client matches the plan.',
        ),
        {
          ...ok(
            'hosted-ui-domain',
            'Hosted UI domain acme-1a2b3c4d',
            `The hosted UI domain is ACTIVE: ${HOSTED_UI}.`,
          ),
          links: [{ title: 'Hosted UI', url: HOSTED_UI }],
        },
        ok(
          'issuer-discovery',
          'OIDC issuer discovery',
          'The discovery document names the issuer.',
        ),
        ok(
          'login-probe',
          'Login redirect of https://acme.example.com/',
          "GET https://acme.example.com/ redirects to the tenant's hosted UI login.",
        ),
        {
          ...ok(
            'ext-authz-provider',
            "Extension provider tenant-authz in istiod's meshConfig",
            'ConfigMap istio-system/istio names tenant-authz.',
          ),
          object: 'ConfigMap istio-system/istio',
        },
        ok(
          'oauth2-proxy',
          'oauth2-proxy (Deployment tenant-acme-auth/oauth2-proxy-acme)',
          'Deployment tenant-acme-auth/oauth2-proxy-acme has 1/1 replicas ready.',
        ),
        objectCheck(
          'oauth2-proxy-secret',
          'Secret tenant-acme-auth/oauth2-proxy-acme',
          'Secret tenant-acme-auth/oauth2-proxy-acme holds client-secret and cookie-secret.',
        ),
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
        {
          namespace: 'tenant-acme-auth',
          ready: 1,
          total: 1,
          restarts: 0,
          troubled: [],
        },
      ],
    },
    lint: {
      state: 'ok',
      reason: 'The live objects pass the lint.',
      findings: [],
    },
  };
}

/** The same checks, each unknown for one reason. */
function unknownFor(checks: StatusCheck[], reason: string): StatusCheck[] {
  return checks.map(c => ({ ...c, state: 'unknown', reason }));
}

function checkOf(checks: StatusCheck[], id: string): StatusCheck {
  const check = checks.find(c => c.id === id);
  if (!check) {
    throw new Error(`The healthy fixture has no check ${id}`);
  }
  return check;
}

/**
 * Cognito on the local emulator, no probe, records in a local GitOps
 * repository, and a cluster that was not read, for `reason`.
 */
function clusterNotRead(
  cluster: TenantStatus['cluster'],
  reason: string,
): TenantStatus {
  const base = healthyStatus();
  const auth = (id: string) => checkOf(base.auth.checks, id);
  return {
    ...base,
    state: 'unknown',
    reason: `Routing: ${reason}`,
    cluster,
    routing: {
      state: 'unknown',
      reason,
      // The backend still names the planned hops, each unknown.
      path: unknownFor(base.routing.path, reason),
      authorizer: unknownFor(base.routing.authorizer, reason),
      plan: [
        checkOf(base.routing.plan, 'gitops-manifests'),
        ok(
          'lint',
          'Lint of the plan',
          'The plan passes the lint; the live objects were not read.',
        ),
      ],
    },
    auth: {
      state: 'unknown',
      reason: LOCAL_DOMAIN,
      checks: [
        auth('user-pool'),
        auth('app-client'),
        {
          id: 'hosted-ui-domain',
          title: 'Hosted UI domain acme-1a2b3c4d',
          state: 'unknown',
          reason: LOCAL_DOMAIN,
        },
        auth('issuer-discovery'),
        ...unknownFor(
          [
            auth('ext-authz-provider'),
            auth('oauth2-proxy'),
            auth('oauth2-proxy-secret'),
          ],
          reason,
        ),
      ],
    },
    pods: {
      state: 'unknown',
      reason,
      // The backend names the planned namespaces even when it read nothing.
      namespaces: base.pods.namespaces.map(({ namespace }) => ({
        namespace,
        troubled: [],
      })),
    },
    lint: {
      state: 'ok',
      reason: 'The plan passes the lint; the live objects were not read.',
      findings: [],
    },
  };
}

/** The embedded default: no cluster configured at all. */
export function noClusterStatus(): TenantStatus {
  return clusterNotRead({ configured: false }, NO_CLUSTER);
}

/** What the backend says when the configured cluster did not answer. */
export const CLUSTER_DOWN =
  'Cluster dev did not answer within 5000 ms (ECONNREFUSED): check that it is up and that kubernetes.clusterLocatorMethods points at it.';

/** A cluster is configured but did not answer: nothing of it was read. */
export function clusterDownStatus(): TenantStatus {
  return clusterNotRead(
    { configured: true, description: 'kubernetes config: dev' },
    CLUSTER_DOWN,
  );
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
