import {
  envoyRouteRefsOf,
  GATEWAY_AUTHZ_POLICY,
  meshConfigFindings,
  PodTrouble,
  StatusCheck,
  TenantPlan,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  deploymentCheck,
  istioAcceptance,
  LiveObjects,
  planDifference,
  plannedObjectCheck,
} from './liveObjects';
import { CONVERGE } from './remedies';
import { planned, RoutingInput } from './routingChecks';

/*
 * The authorizer path of a tenant's host: its CUSTOM policy and the
 * gateway-wide one, the provider they name in istiod's meshConfig, the
 * central Envoy's route and Deployment, and the tenant's oauth2-proxy.
 */

interface PolicySpec {
  provider?: { name?: string };
  rules?: Array<{ to?: Array<{ operation?: { hosts?: string[] } }> }>;
}

function policyCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const policy = planned(plan, 'AuthorizationPolicy', names.extAuthzPolicy);
  const ref = `AuthorizationPolicy ${platform.gateway.namespace}/${names.extAuthzPolicy}`;
  const base = { id: 'ext-authz-policy', title: ref, object: ref };
  const found = policy && live.find(policy);
  if (!policy || !found) {
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
  const differs = planDifference(policy, found);
  if (differs?.startsWith('spec.selector')) {
    return {
      ...base,
      state: 'error',
      reason: `${ref} selects other pods than the plan (${differs} differs), so it may guard nothing on the gateway; ${CONVERGE}.`,
    };
  }
  return {
    ...plannedObjectCheck({
      id: base.id,
      planned: policy,
      live: found,
      istio: true,
      converge: CONVERGE,
    }),
    ...base,
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

/**
 * Where the central Envoy sends the host: its index must route the host to
 * the shard the plan puts the tenant in, and that shard must rewrite it to
 * the tenant's oauth2-proxy. Either wrong, Envoy denies every request.
 */
function envoyRouteCheck(input: RoutingInput): StatusCheck {
  const { plan, platform, lookup } = input;
  const { host, upstream } = plan.envoyRoute;
  const refs = envoyRouteRefsOf(plan.spec.tenantId, platform);
  const namespace = platform.envoy.namespace;
  const indexRef = `ConfigMap ${namespace}/${refs.indexConfigMap}`;
  const shardRef = `ConfigMap ${namespace}/${refs.shardConfigMap}`;
  const title = `Central Envoy route for ${host}`;
  const failing = (object: string, reason: string): StatusCheck => ({
    id: 'envoy-route',
    title,
    object,
    state: 'error',
    reason,
  });

  const index = lookup.envoyRoutes.get(refs.indexConfigMap);
  const shards = [...(index?.get(host)?.clusters ?? [])];
  if (!index) {
    return failing(
      indexRef,
      `${indexRef}, the central Envoy's index of hosts, is missing, so every request to ${host} is denied; ${CONVERGE} to create it.`,
    );
  }
  if (shards.length === 0) {
    return failing(
      indexRef,
      `${indexRef} (the central Envoy's index) has no route for ${host}, so every request to it is denied; ${CONVERGE}.`,
    );
  }
  if (shards.some(s => s !== refs.shardCluster)) {
    return failing(
      indexRef,
      `${indexRef} (the central Envoy's index) sends ${host} to ${shards.join(
        ', ',
      )}, not to ${
        refs.shardCluster
      } where the plan puts it (${shardRef}), so every request to it is denied; ${CONVERGE}.`,
    );
  }

  const shard = lookup.envoyRoutes.get(refs.shardConfigMap);
  if (!shard) {
    return failing(
      shardRef,
      `${shardRef}, shard ${refs.shard} of the central Envoy where the index sends ${host}, is missing, so every request to it is denied; ${CONVERGE} to create it.`,
    );
  }
  const rewrites = [...(shard.get(host)?.rewrites ?? [])];
  const others = rewrites.filter(t => t !== upstream);
  if (others.length > 0) {
    return failing(
      shardRef,
      `${shardRef} (shard ${
        refs.shard
      } of the central Envoy) sends ${host} to ${others.join(
        ', ',
      )}, not to its oauth2-proxy ${upstream}; ${CONVERGE}.`,
    );
  }
  if (rewrites.length === 0) {
    return failing(
      shardRef,
      `${shardRef} (shard ${refs.shard} of the central Envoy) has no route for ${host}, though the index sends it there, so every request to it is denied; ${CONVERGE}.`,
    );
  }
  return {
    id: 'envoy-route',
    title,
    object: shardRef,
    state: 'ok',
    reason: `The central Envoy's index sends ${host} to ${refs.shardCluster}, and ${shardRef} sends it to ${upstream}.`,
  };
}

/**
 * The first of the oauth2-proxy's ConfigMap and Service (the upstream the
 * central Envoy sends to) that is missing or differs from the plan.
 */
function companionCheck(
  plan: TenantPlan,
  live: LiveObjects,
  name: string,
): StatusCheck | undefined {
  for (const kind of ['ConfigMap', 'Service']) {
    const object = planned(plan, kind, name);
    if (!object) {
      continue;
    }
    const check = plannedObjectCheck({
      id: 'oauth2-proxy',
      planned: object,
      live: live.find(object),
      converge: CONVERGE,
    });
    if (check.state !== 'ok') {
      return check;
    }
  }
  return undefined;
}

/**
 * The tenant's oauth2-proxy: its Deployment, ConfigMap and Service against
 * the plan, and the Deployment's readiness and rollout. When it is not
 * ready, the trouble of its pods says why, e.g. a cookie secret it refuses
 * (B02).
 */
export function oauth2ProxyCheck(
  input: RoutingInput,
  /** The troubles of the Deployment's pods, worst first. */
  troubles: PodTrouble[] = [],
): StatusCheck {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const ref = `Deployment ${names.authNamespace}/${names.oauth2Proxy}`;
  const title = `oauth2-proxy (${ref})`;
  const deployment = planned(plan, 'Deployment', names.oauth2Proxy);
  const found = deployment && live.find(deployment);
  const check = deploymentCheck({
    id: 'oauth2-proxy',
    title,
    ref,
    live: found,
    missing: `${ref} is missing; ${CONVERGE} to create it.`,
  });
  if (!deployment || !found) {
    return check;
  }
  const [worst] = troubles;
  if (check.state === 'error' && worst) {
    return {
      ...check,
      reason: `oauth2-proxy is failing: pod ${worst.name}: ${worst.reason}: ${worst.message}`,
    };
  }
  const drift = [
    plannedObjectCheck({
      id: 'oauth2-proxy',
      planned: deployment,
      live: found,
      converge: CONVERGE,
    }),
    companionCheck(plan, live, names.oauth2Proxy),
  ].find(c => c && c.state !== 'ok');
  if (drift) {
    return { ...drift, title };
  }
  if (check.state !== 'ok' && worst) {
    return {
      ...check,
      state: 'error',
      reason: `oauth2-proxy is failing: pod ${worst.name}: ${worst.reason}: ${worst.message}`,
    };
  }
  return check;
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
      reason: `Provider misconfigured: ${object} ${finding.message}. Add it to meshConfig.extensionProviders (README, Install on your cluster) or correct ${finding.fix}.`,
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
export function authorizerChecks(
  input: RoutingInput,
  oauth2ProxyTroubles: PodTrouble[] = [],
): StatusCheck[] {
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
    oauth2ProxyCheck(input, oauth2ProxyTroubles),
  ];
}
