import {
  detectErrors,
  DetectedError,
  PodFetchResponse,
} from '@backstage/plugin-kubernetes-common';
import {
  CheckState,
  KubernetesObject,
  NamespacePods,
  PodHealth,
  PodTrouble,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';

interface PodStatus {
  phase?: string;
  conditions?: Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
  containerStatuses?: Array<{
    ready?: boolean;
    restartCount?: number;
    state?: { waiting?: { reason?: string; message?: string } };
    lastState?: { terminated?: { reason?: string; message?: string } };
  }>;
}

/** Waiting reasons that do not heal without a change. */
const FAILING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
]);

/** Joins messages of several sources as sentences, so they do not run together. */
function sentences(parts: Array<string | undefined>): string {
  return parts
    .map(p => p?.trim())
    .filter((p): p is string => Boolean(p))
    .map(p => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

const statusOf = (pod: KubernetesObject) => (pod.status ?? {}) as PodStatus;

function isReady(pod: KubernetesObject): boolean {
  const containers = statusOf(pod).containerStatuses ?? [];
  return containers.length > 0 && containers.every(c => c.ready);
}

function restartsOf(pod: KubernetesObject): number {
  return (statusOf(pod).containerStatuses ?? []).reduce(
    (sum, c) => sum + (c.restartCount ?? 0),
    0,
  );
}

/**
 * Kubernetes' detectErrors, fed the shape the Kubernetes plugin fetches,
 * by pod name. It knows the proposed fixes for waiting and restarting
 * containers.
 */
function detectedByPod(pods: KubernetesObject[]): Map<string, DetectedError[]> {
  const detected = detectErrors({
    items: [
      {
        cluster: { name: 'status' },
        // Our pods are plain JSON of the same fields as client-node's V1Pod.
        resources: [
          {
            type: 'pods',
            resources: pods as unknown as PodFetchResponse['resources'],
          },
        ],
        podMetrics: [],
        errors: [],
      },
    ],
  });
  const byPod = new Map<string, DetectedError[]>();
  for (const error of detected.get('status') ?? []) {
    const key = `${error.sourceRef.namespace}/${error.sourceRef.name}`;
    byPod.set(key, [...(byPod.get(key) ?? []), error]);
  }
  return byPod;
}

function troubleOf(
  pod: KubernetesObject,
  detected: DetectedError[],
): PodTrouble | undefined {
  const status = statusOf(pod);
  const restarts = restartsOf(pod);
  const phase = status.phase ?? 'Unknown';
  const containers = status.containerStatuses ?? [];
  const waiting = containers.find(c => c.state?.waiting?.reason)?.state
    ?.waiting;
  const terminated = containers.find(c => c.lastState?.terminated)?.lastState
    ?.terminated;
  const unscheduled = (status.conditions ?? []).find(
    c => c.type === 'PodScheduled' && c.status === 'False',
  );
  const fix = detected.find(d => d.proposedFix)?.proposedFix;
  const fixText = fix
    ? sentences([fix.rootCauseExplanation, ...fix.actions])
    : '';

  let reason: string | undefined;
  let message = '';
  if (waiting?.reason && waiting.reason !== 'ContainerCreating') {
    reason = waiting.reason;
    // The last termination message says why the container exits (B02).
    message = sentences([waiting.message, terminated?.message]);
  } else if (phase === 'Pending' && unscheduled) {
    reason = unscheduled.reason ?? 'Unschedulable';
    message = unscheduled.message ?? '';
  } else if (phase === 'Failed') {
    reason = 'Failed';
  } else if (phase === 'Running' && !isReady(pod)) {
    reason = 'NotReady';
    message = detected.map(d => d.message).join(' ');
  } else if (restarts > 0) {
    reason = terminated?.reason ?? 'Restarted';
    message = terminated?.message ?? '';
  }
  if (!reason) {
    return undefined;
  }
  return {
    name: pod.metadata.name,
    phase,
    restarts,
    reason,
    message: sentences([message || detected[0]?.message || reason, fixText]),
  };
}

function troubleState(trouble: PodTrouble): CheckState {
  if (
    FAILING.has(trouble.reason) ||
    trouble.reason === 'Unschedulable' ||
    trouble.phase === 'Failed'
  ) {
    return 'error';
  }
  return 'warning';
}

const severity = (trouble: PodTrouble) =>
  troubleState(trouble) === 'error' ? 1 : 0;

/**
 * The pods of the tenant's namespaces: ready, restarts and the pods in
 * trouble, worst first. A namespace where Deployments are planned but no
 * pod runs is an error.
 */
export function podHealth(options: {
  pods: KubernetesObject[];
  namespaces: Array<{ namespace: string; expectsPods: boolean }>;
}): PodHealth {
  const detected = detectedByPod(options.pods);
  const states: CheckState[] = [];
  const reasons: Array<{ state: CheckState; reason: string }> = [];

  const namespaces: NamespacePods[] = options.namespaces.map(
    ({ namespace, expectsPods }) => {
      const pods = options.pods.filter(p => p.metadata.namespace === namespace);
      const troubled = pods
        .map(pod =>
          troubleOf(
            pod,
            detected.get(`${namespace}/${pod.metadata.name}`) ?? [],
          ),
        )
        .filter((t): t is PodTrouble => t !== undefined)
        .sort((a, b) => severity(b) - severity(a));
      for (const trouble of troubled) {
        const state = troubleState(trouble);
        states.push(state);
        reasons.push({
          state,
          reason: `Pod ${namespace}/${trouble.name}: ${trouble.reason}: ${trouble.message}`,
        });
      }
      if (expectsPods && pods.length === 0) {
        states.push('error');
        reasons.push({
          state: 'error',
          reason: `No pods in ${namespace}, though Deployments are planned there; look at the Deployments' events.`,
        });
      }
      return {
        namespace,
        ready: pods.filter(isReady).length,
        total: pods.length,
        restarts: pods.reduce((sum, p) => sum + restartsOf(p), 0),
        troubled,
      };
    },
  );

  const state = worstState(states.length > 0 ? states : ['ok']);
  const worst = reasons.find(r => r.state === state);
  return {
    state,
    reason:
      worst?.reason ??
      namespaces
        .map(n => `${n.namespace}: ${n.ready}/${n.total} ready`)
        .join(', '),
    namespaces,
  };
}
