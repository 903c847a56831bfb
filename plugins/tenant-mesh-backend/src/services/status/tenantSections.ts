import {
  AuthStatus,
  CheckState,
  KubernetesObject,
  LintFinding,
  LintStatus,
  PlatformSettings,
  PodHealth,
  PodTrouble,
  RoutingStatus,
  StatusCheck,
  summarizeChecks,
  TenantPlan,
  tenantNames,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { secretCheck } from './authChecks';
import {
  authorizerChecks,
  meshProviderCheck,
  oauth2ProxyCheck,
} from './authorizerChecks';
import { LiveObjects } from './liveObjects';
import { podHealth, troublesOf } from './podHealth';
import {
  routingPathChecks,
  RoutingInput,
  unknownChecks,
} from './routingChecks';
import { SharedLookup } from './sharedLookup';
import { ClusterSnapshot } from './snapshot';

/** What is known of one tenant: its plan, record and live objects. */
export interface TenantView {
  plan: TenantPlan;
  platform: PlatformSettings;
  /** Undefined without a cluster, or when the cluster could not be read. */
  snapshot?: ClusterSnapshot;
  /** The tenant's labelled objects, from the snapshot. */
  objects: KubernetesObject[];
  /** Why there is no snapshot, e.g. "No cluster configured: …". */
  noClusterReason: string;
  /** The snapshot's shared objects, parsed once for all its tenants. */
  lookup: SharedLookup;
  /** False when onboarding never writes the oauth2-proxy Secret anywhere. */
  secretsDelivered: boolean;
  /** The tenant's manifests in the GitOps repository against the plan. */
  manifests?: StatusCheck;
  /** The lint's findings about this tenant, of the live objects or the plan. */
  lintFindings: LintFinding[];
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

/** The troubles of the tenant's oauth2-proxy pods, by its Deployment's selector. */
function oauth2ProxyTroubles(view: TenantView): PodTrouble[] {
  const names = tenantNames(view.plan.spec.tenantId, view.platform);
  const deployment = view.plan.objects.find(
    o => o.kind === 'Deployment' && o.metadata.name === names.oauth2Proxy,
  );
  const selector =
    (
      deployment?.spec as {
        selector?: { matchLabels?: Record<string, string> };
      }
    )?.selector?.matchLabels ?? {};
  const entries = Object.entries(selector);
  if (entries.length === 0) {
    return [];
  }
  return troublesOf(
    view.objects.filter(
      o =>
        o.kind === 'Pod' &&
        o.metadata.namespace === names.authNamespace &&
        entries.every(([k, v]) => o.metadata.labels?.[k] === v),
    ),
  );
}

/** The lint as a section: its findings, their worst level, the first reason. */
export function lintSection(view: TenantView): LintStatus {
  const findings = view.lintFindings;
  const state: CheckState = worstState(['ok', ...findings.map(f => f.level)]);
  const passed = view.snapshot
    ? 'The live objects pass the lint.'
    : 'The plan passes the lint; the live objects were not read.';
  const worst = findings.find(f => f.level === state);
  return {
    state,
    reason: worst ? `${worst.object}: ${worst.message}` : passed,
    findings,
  };
}

/** Against the plan: the GitOps manifests and the lint. */
function planChecks(view: TenantView): StatusCheck[] {
  const lint = lintSection(view);
  return [
    ...(view.manifests ? [view.manifests] : []),
    {
      id: 'lint',
      title: view.snapshot ? 'Lint of the live objects' : 'Lint of the plan',
      state: lint.state,
      reason:
        lint.findings.length > 1
          ? `${lint.reason} (${lint.findings.length} findings)`
          : lint.reason,
    },
  ];
}

/** Routing: the request path, the authorizer path, and the plan. */
export function routingSection(view: TenantView): RoutingStatus {
  const input = inputOf(view);
  let path = routingPathChecks(input);
  let authorizer = authorizerChecks(input, oauth2ProxyTroubles(view));
  if (!view.snapshot) {
    path = unknownChecks(path, view.noClusterReason);
    authorizer = unknownChecks(authorizer, view.noClusterReason);
  }
  const plan = planChecks(view);
  const summary = summarizeChecks(
    [...path, ...authorizer, ...plan],
    `${view.plan.spec.host} is routed and guarded by its login.`,
  );
  return { ...summary, path, authorizer, plan };
}

/**
 * The auth checks the cluster answers: the provider the CUSTOM policies
 * name, oauth2-proxy and its Secret.
 */
export function clusterAuthChecks(view: TenantView): StatusCheck[] {
  const input = inputOf(view);
  const secret = secretCheck(view.plan, input.live);
  if (view.snapshot) {
    return [
      meshProviderCheck(input),
      oauth2ProxyCheck(input, oauth2ProxyTroubles(view)),
      secret,
    ];
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

/** Pods of the tenant's two namespaces; no counts when they were not read. */
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
 * The state of a tenant and the section to name in its reason, worst first.
 * Auth is named before routing: the checks both hold (the provider,
 * oauth2-proxy) read best as a login problem (B09: "Auth: provider
 * misconfigured").
 */
export function overall(sections: {
  auth: { state: CheckState; reason: string };
  routing: { state: CheckState; reason: string };
  pods: { state: CheckState; reason: string };
}): { state: CheckState; reason: string } {
  const named: Array<[string, { state: CheckState; reason: string }]> = [
    ['Auth', sections.auth],
    ['Routing', sections.routing],
    ['Pods', sections.pods],
  ];
  const state = worstState(named.map(([, s]) => s.state));
  const [name, worst] = named.find(([, s]) => s.state === state) ?? [
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
