import {
  GATEWAY_AUTHZ_POLICY,
  KubernetesObject,
  meshConfigFindings,
  PlatformSettings,
  StatusCheck,
  TenantPlan,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  deploymentCheck,
  describeObject,
  istioAcceptance,
  LiveObjects,
  plannedObjectCheck,
} from './liveObjects';
import { SharedLookup } from './sharedLookup';
import { SharedObjects } from './snapshot';

/** What a routing check reads: the plan and, when there is a cluster, the live objects. */
export interface RoutingInput {
  plan: TenantPlan;
  platform: PlatformSettings;
  live: LiveObjects;
  shared: SharedObjects;
  /** The shared objects parsed once for every tenant of a snapshot. */
  lookup: SharedLookup;
}

/**
 * How a person converges a tenant. The Create Tenant form refuses an id
 * that exists, so the re-run goes through the CLI or the REST API.
 */
const RERUN =
  're-run the onboarding with tenant-mesh create <tenant file> or the scaffolder REST API (the form refuses an existing id)';

/** For Kubernetes objects, which a GitOps sync can also restore. */
export const CONVERGE = `${RERUN}, or let the GitOps sync apply the repository`;

/** For Cognito resources, which only the onboarding changes. */
export const COGNITO_CONVERGE = RERUN;

interface PolicySpec {
  provider?: { name?: string };
  rules?: Array<{ to?: Array<{ operation?: { hosts?: string[] } }> }>;
}

const planned = (plan: TenantPlan, kind: string, name: string) =>
  plan.objects.find(o => o.kind === kind && o.metadata.name === name);

function gatewayRef(platform: PlatformSettings): string {
  return `Gateway ${platform.gateway.namespace}/${platform.gateway.name}`;
}

function bindingCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, lookup } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const entry = `${names.tenantNamespace}/${plan.spec.host}`;
  const base = {
    id: 'gateway-binding',
    title: `Host ${plan.spec.host} on the shared Gateway`,
    object: gatewayRef(platform),
  };
  if (lookup.gatewayHosts.has(entry)) {
    return { ...base, state: 'ok', reason: `The Gateway serves ${entry}.` };
  }
  return {
    ...base,
    state: 'error',
    reason: `The shared Gateway has no ${entry} entry, so the host answers 404; ${CONVERGE} to add it.`,
  };
}

function gatewayCheck(input: RoutingInput): StatusCheck {
  const { platform, shared } = input;
  const ref = gatewayRef(platform);
  const base = { id: 'gateway', title: ref, object: ref };
  if (!shared.gateway) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} is missing; deliver the platform (the Set up tenant platform template) or any tenant to create it.`,
    };
  }
  const verdict = istioAcceptance(shared.gateway);
  return {
    ...base,
    state: verdict.state,
    reason: `${ref}: ${verdict.reason}.`,
  };
}

/** The Services the tenant's VirtualService routes to, as planned. */
function destinationChecks(input: RoutingInput): StatusCheck[] {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const vs = planned(plan, 'VirtualService', names.virtualService);
  const http = (
    (vs?.spec ?? {}) as {
      http?: Array<{ route?: Array<{ destination?: { host?: string } }> }>;
    }
  ).http;
  const hosts = new Set(
    (http ?? []).flatMap(h =>
      (h.route ?? []).map(r => r.destination?.host ?? ''),
    ),
  );
  return [...hosts].filter(Boolean).map(host => {
    const [name, namespace = names.tenantNamespace] = host.split('.');
    const service: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
    };
    const ref = describeObject(service);
    const found = live.find(service);
    return {
      id: 'destination-service',
      title: ref,
      object: ref,
      ...(found
        ? { state: 'ok' as const, reason: `${ref} exists.` }
        : {
            state: 'error' as const,
            reason: `${ref}, the VirtualService's destination, is missing; ${CONVERGE}.`,
          }),
    };
  });
}

/** The request path: host on the Gateway → Gateway → VirtualService → Service. */
export function routingPathChecks(input: RoutingInput): StatusCheck[] {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const vs = planned(plan, 'VirtualService', names.virtualService);
  return [
    bindingCheck(input),
    gatewayCheck(input),
    ...(vs
      ? [
          plannedObjectCheck({
            id: 'virtual-service',
            planned: vs,
            live: live.find(vs),
            istio: true,
            converge: CONVERGE,
          }),
        ]
      : []),
    ...destinationChecks(input),
  ];
}

function policyCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const policy = planned(plan, 'AuthorizationPolicy', names.extAuthzPolicy);
  const ref = `AuthorizationPolicy ${platform.gateway.namespace}/${names.extAuthzPolicy}`;
  const base = { id: 'ext-authz-policy', title: ref, object: ref };
  const found = policy && live.find(policy);
  if (!found) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} is missing, so only the gateway-wide policy guards the host; ${CONVERGE} to create it.`,
    };
  }
  const spec = (found.spec ?? {}) as PolicySpec;
  if (spec.provider?.name !== platform.extAuthzProvider) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} names provider ${
        spec.provider?.name ?? '(none)'
      }, not the platform's ${platform.extAuthzProvider}; ${CONVERGE}.`,
    };
  }
  const hosts = (spec.rules ?? []).flatMap(r =>
    (r.to ?? []).flatMap(t => t.operation?.hosts ?? []),
  );
  if (!hosts.includes(plan.spec.host)) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} does not cover ${plan.spec.host}; ${CONVERGE}.`,
    };
  }
  const verdict = istioAcceptance(found);
  return {
    ...base,
    state: verdict.state,
    reason: `${ref}: ${verdict.reason}.`,
  };
}

function gatewayPolicyCheck(input: RoutingInput): StatusCheck {
  const { platform, shared } = input;
  const ref = `AuthorizationPolicy ${platform.gateway.namespace}/${GATEWAY_AUTHZ_POLICY}`;
  const base = { id: 'gateway-policy', title: ref, object: ref };
  const provider = (shared.gatewayPolicy?.spec as PolicySpec | undefined)
    ?.provider?.name;
  if (!shared.gatewayPolicy) {
    return {
      ...base,
      state: 'warning',
      reason: `${ref} is missing, so a host without its tenant policy is not checked; deliver the platform (the Set up tenant platform template).`,
    };
  }
  if (provider !== platform.extAuthzProvider) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} names provider ${provider ?? '(none)'}, not ${
        platform.extAuthzProvider
      }; a second CUSTOM provider breaks every host on the gateway (B10).`,
    };
  }
  const verdict = istioAcceptance(shared.gatewayPolicy);
  return {
    ...base,
    state: verdict.state,
    reason: `${ref}: ${verdict.reason}.`,
  };
}

/** Where the central Envoy's route ConfigMaps send the host. */
function envoyRouteCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, lookup } = input;
  const { host, upstream } = plan.envoyRoute;
  const base = {
    id: 'envoy-route',
    title: `Central Envoy route for ${host}`,
    object: `ConfigMap ${platform.envoy.namespace}/${platform.envoy.name}-routes*`,
  };
  const targets = lookup.envoyTargets.get(host) ?? new Set<string>();
  const others = [...targets].filter(t => t !== upstream);
  if (others.length > 0) {
    return {
      ...base,
      state: 'error',
      reason: `The central Envoy sends ${host} to ${others.join(
        ', ',
      )}, not to ${upstream}; ${CONVERGE}.`,
    };
  }
  if (!targets.has(upstream)) {
    return {
      ...base,
      state: 'error',
      reason: `The central Envoy has no route for ${host}, so every request to it is denied; ${CONVERGE}.`,
    };
  }
  return {
    ...base,
    state: 'ok',
    reason: `The central Envoy sends ${host} to ${upstream}.`,
  };
}

/** The tenant's oauth2-proxy Deployment. */
export function oauth2ProxyCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const ref = `Deployment ${names.authNamespace}/${names.oauth2Proxy}`;
  const deployment = planned(plan, 'Deployment', names.oauth2Proxy);
  return deploymentCheck({
    id: 'oauth2-proxy',
    title: `oauth2-proxy (${ref})`,
    ref,
    live: deployment && live.find(deployment),
    missing: `${ref} is missing; ${CONVERGE} to create it.`,
  });
}

/**
 * istiod resolves the CUSTOM policies' provider by name in its meshConfig;
 * a missing name is accepted at apply time and then denies every request
 * the policies match (B09), so it is checked on the live meshConfig.
 */
export function meshProviderCheck(input: RoutingInput): StatusCheck {
  const { platform, lookup } = input;
  const provider = platform.extAuthzProvider;
  const base = {
    id: 'ext-authz-provider',
    title: `Extension provider ${provider} in istiod's meshConfig`,
  };
  if (typeof lookup.meshConfig === 'string') {
    return {
      ...base,
      state: 'unknown',
      reason: `istiod's meshConfig could not be read (${lookup.meshConfig}); set tenantMesh.status.meshConfigMap to the namespace/name of the ConfigMap istiod reads.`,
    };
  }
  const object = lookup.meshConfig.source;
  const [finding] = meshConfigFindings([lookup.meshConfig], { provider });
  if (finding) {
    return {
      ...base,
      object,
      state: 'error',
      reason: `Auth: provider misconfigured: ${object} ${finding.message}. Add it to meshConfig.extensionProviders (README, Install on your cluster) or correct ${finding.fix}.`,
    };
  }
  return {
    ...base,
    object,
    state: 'ok',
    reason: `${object} names ${provider}, so the CUSTOM policies reach the central Envoy.`,
  };
}

/** The authorizer path: CUSTOM policies → central Envoy → oauth2-proxy. */
export function authorizerChecks(input: RoutingInput): StatusCheck[] {
  const { platform, shared } = input;
  const envoyRef = `Deployment ${platform.envoy.namespace}/${platform.envoy.name}`;
  return [
    policyCheck(input),
    gatewayPolicyCheck(input),
    meshProviderCheck(input),
    envoyRouteCheck(input),
    deploymentCheck({
      id: 'envoy-deployment',
      title: `Central Envoy (${envoyRef})`,
      ref: envoyRef,
      live: shared.envoyDeployment,
      missing: `${envoyRef} is missing, so every tenant's login is denied; deliver the platform (the Set up tenant platform template).`,
    }),
    oauth2ProxyCheck(input),
  ];
}

/** The checks without a cluster: the planned objects, state unknown. */
export function unknownChecks(
  checks: StatusCheck[],
  reason: string,
): StatusCheck[] {
  return checks.map(c => ({ ...c, state: 'unknown', reason }));
}
