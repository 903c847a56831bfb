import {
  GATEWAY_AUTHZ_POLICY,
  meshConfigFindings,
  PodTrouble,
  StatusCheck,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { deploymentCheck, istioAcceptance } from './liveObjects';
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

/**
 * The tenant's oauth2-proxy Deployment; when it is not ready, the trouble of
 * its pods says why, e.g. a cookie secret it refuses (B02).
 */
export function oauth2ProxyCheck(
  input: RoutingInput,
  /** The troubles of the Deployment's pods, worst first. */
  troubles: PodTrouble[] = [],
): StatusCheck {
  const { plan, platform, live } = input;
  const names = tenantNames(plan.spec.tenantId, platform);
  const ref = `Deployment ${names.authNamespace}/${names.oauth2Proxy}`;
  const deployment = planned(plan, 'Deployment', names.oauth2Proxy);
  const found = deployment && live.find(deployment);
  const check = deploymentCheck({
    id: 'oauth2-proxy',
    title: `oauth2-proxy (${ref})`,
    ref,
    live: found,
    missing: `${ref} is missing; ${CONVERGE} to create it.`,
  });
  const [worst] = troubles;
  if (check.state === 'ok' || !found || !worst) {
    return check;
  }
  return {
    ...check,
    state: 'error',
    reason: `oauth2-proxy is failing: pod ${worst.name}: ${worst.reason}: ${worst.message}`,
  };
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
