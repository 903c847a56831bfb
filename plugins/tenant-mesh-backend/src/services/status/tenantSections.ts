import {
  AuthStatus,
  CheckState,
  KubernetesObject,
  lintObjects,
  LintStatus,
  PlatformSettings,
  planSharedObjectsOf,
  PodHealth,
  RoutingStatus,
  StatusCheck,
  summarizeChecks,
  TenantPlan,
  tenantNames,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { describeObject, LiveObjects } from './liveObjects';
import { podHealth } from './podHealth';
import {
  authorizerChecks,
  meshProviderCheck,
  oauth2ProxyCheck,
  routingPathChecks,
  RoutingInput,
  unknownChecks,
} from './routingChecks';
import { secretCheck } from './authChecks';
import { SharedLookup } from './sharedLookup';
import { ClusterSnapshot } from './snapshot';

/** The cluster-side view of one tenant: its live objects and the shared ones. */
export interface TenantView {
  plan: TenantPlan;
  platform: PlatformSettings;
  /** Undefined without a cluster. */
  snapshot?: ClusterSnapshot;
  /** The tenant's labelled objects, from the snapshot. */
  objects: KubernetesObject[];
  /** Why there is no snapshot, e.g. "No cluster configured: …". */
  noClusterReason: string;
  /** The snapshot's shared objects, parsed once for all its tenants. */
  lookup: SharedLookup;
  /** False when onboarding never writes the oauth2-proxy Secret anywhere. */
  secretsDelivered: boolean;
}

function inputOf(view: TenantView): RoutingInput {
  return {
    plan: view.plan,
    platform: view.platform,
    live: new LiveObjects(view.objects),
    shared: view.snapshot?.shared ?? { routeConfigMaps: [] },
    lookup: view.lookup,
  };
}

/** Routing: the request path and the authorizer path. */
export function routingSection(view: TenantView): RoutingStatus {
  const input = inputOf(view);
  let path = routingPathChecks(input);
  let authorizer = authorizerChecks(input);
  if (!view.snapshot) {
    path = unknownChecks(path, view.noClusterReason);
    authorizer = unknownChecks(authorizer, view.noClusterReason);
  }
  const summary = summarizeChecks(
    [...path, ...authorizer],
    `${view.plan.spec.host} is routed and guarded by its login.`,
  );
  return { ...summary, path, authorizer };
}

/**
 * The auth checks the cluster answers: the provider the CUSTOM policies
 * name, oauth2-proxy and its Secret.
 */
export function clusterAuthChecks(view: TenantView): StatusCheck[] {
  const input = inputOf(view);
  const secret = secretCheck(view.plan, input.live);
  if (view.snapshot) {
    return [meshProviderCheck(input), oauth2ProxyCheck(input), secret];
  }
  return [
    ...unknownChecks(
      [meshProviderCheck(input), oauth2ProxyCheck(input)],
      view.noClusterReason,
    ),
    // Known without a cluster: this delivery never writes the Secret.
    view.secretsDelivered
      ? unknownChecks([secret], view.noClusterReason)[0]
      : {
          ...secret,
          state: 'warning',
          reason: `${secret.object} is never written here: secrets never go to Git and tenantMesh.delivery.gitops.secretsCluster is not set, so oauth2-proxy cannot start until the Secret is created another way.`,
        },
  ];
}

/** Pods of the tenant's two namespaces. */
export function podsSection(view: TenantView): PodHealth {
  const { plan, platform } = view;
  const names = tenantNames(plan.spec.tenantId, platform);
  const namespaces = [names.tenantNamespace, names.authNamespace].map(
    namespace => ({
      namespace,
      expectsPods: plan.objects.some(
        o => o.kind === 'Deployment' && o.metadata.namespace === namespace,
      ),
    }),
  );
  if (!view.snapshot) {
    return {
      state: 'unknown',
      reason: view.noClusterReason,
      namespaces: namespaces.map(n => ({
        namespace: n.namespace,
        ready: 0,
        total: 0,
        restarts: 0,
        troubled: [],
      })),
    };
  }
  return podHealth({
    pods: view.objects.filter(o => o.kind === 'Pod'),
    namespaces,
  });
}

/**
 * The lint of the plan run on the live objects and the shared ones; only
 * the findings about this tenant's objects or host. Without a cluster, the
 * planned objects are linted instead, and the reason says so.
 */
export function lintSection(view: TenantView): LintStatus {
  const { plan, platform, snapshot } = view;
  const shared = snapshot
    ? [
        snapshot.shared.gateway,
        snapshot.shared.gatewayPolicy,
        ...snapshot.shared.routeConfigMaps,
      ].filter((o): o is KubernetesObject => o !== undefined)
    : planSharedObjectsOf([plan], platform).objects;
  const own = snapshot
    ? view.objects.filter(o => o.kind !== 'Pod' && o.kind !== 'Secret')
    : plan.objects;
  const mine = new Set(own.map(describeObject));
  const meshConfig =
    typeof view.lookup.meshConfig === 'string'
      ? undefined
      : {
          extensionProviders: (
            view.lookup.meshConfig.meshConfig.extensionProviders ?? []
          ).map(p => ({ name: p.name ?? '' })),
        };
  const findings = lintObjects([...own, ...shared], {
    platform,
    meshConfig,
  }).filter(f => mine.has(f.object) || f.message.includes(plan.spec.host));
  const state: CheckState = worstState(['ok', ...findings.map(f => f.level)]);
  const passed = snapshot
    ? 'The live objects pass the lint.'
    : 'The plan passes the lint; the live objects were not read.';
  return {
    state,
    reason: findings.find(f => f.level === state)?.message ?? passed,
    findings,
  };
}

/** The section to name in the overall reason, worst first. */
export function overall(
  sections: Array<[string, { state: CheckState; reason: string }]>,
): { state: CheckState; reason: string } {
  const state = worstState(sections.map(([, s]) => s.state));
  const [name, worst] = sections.find(([, s]) => s.state === state) ?? [
    '',
    { reason: '' },
  ];
  return {
    state,
    reason: state === 'ok' ? 'Healthy.' : `${name}: ${worst.reason}`,
  };
}

/** An auth section from its checks. */
export function authSection(
  checks: StatusCheck[],
  hostedUiUrl?: string,
): AuthStatus {
  return {
    ...summarizeChecks(checks, 'Login is set up as planned.'),
    checks,
    ...(hostedUiUrl ? { hostedUiUrl } : {}),
  };
}
