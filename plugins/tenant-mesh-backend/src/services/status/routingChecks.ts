import {
  KubernetesObject,
  PlatformSettings,
  StatusCheck,
  TenantPlan,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  describeObject,
  istioAcceptance,
  LiveObjects,
  plannedObjectCheck,
} from './liveObjects';
import { CONVERGE } from './remedies';
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

/** The planned object of a kind and name. */
export const planned = (plan: TenantPlan, kind: string, name: string) =>
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
    const plannedService = planned(plan, 'Service', name);
    if (found && plannedService?.metadata.namespace === namespace) {
      // Its selector and ports against the plan: a Service that selects no
      // pod exists and still answers 503.
      return {
        ...plannedObjectCheck({
          id: `destination-service:${name}`,
          planned: plannedService,
          live: found,
          converge: CONVERGE,
        }),
        title: ref,
      };
    }
    return {
      // One check per destination; the name keeps the ids apart.
      id: `destination-service:${name}`,
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

/** The checks without a cluster: the planned objects, state unknown. */
export function unknownChecks(
  checks: StatusCheck[],
  reason: string,
): StatusCheck[] {
  return checks.map(c => ({ ...c, state: 'unknown', reason }));
}
