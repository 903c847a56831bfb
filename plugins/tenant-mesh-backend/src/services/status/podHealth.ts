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

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: {
    terminated?: { reason?: string; message?: string; exitCode?: number };
  };
}

interface PodStatus {
  phase?: string;
  conditions?: Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

/** Waiting reasons that do not heal without a change. */
const FAILING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
]);

/** Waiting reasons of a pod on its normal way up. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

/** Joins messages of several sources as sentences, so they do not run together. */
function sentences(parts: Array<string | undefined>): string {
  return parts
    .map(p => p?.trim())
    .filter((p): p is string => Boolean(p))
    .map(p => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

const statusOf = (pod: KubernetesObject) => (pod.status ?? {}) as PodStatus;

/** Init containers first: a pod waits on them before its containers start. */
function containersOf(
  pod: KubernetesObject,
): Array<ContainerStatus & { init: boolean }> {
  const status = statusOf(pod);
  return [
    ...(status.initContainerStatuses ?? []).map(c => ({ ...c, init: true })),
    ...(status.containerStatuses ?? []).map(c => ({ ...c, init: false })),
  ];
}

function isReady(pod: KubernetesObject): boolean {
  const containers = statusOf(pod).containerStatuses ?? [];
  return containers.length > 0 && containers.every(c => c.ready);
}

function restartsOf(pod: KubernetesObject): number {
  return containersOf(pod).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

/**
 * The Kubernetes plugin's detectErrors for one pod, which knows the proposed
 * fixes for waiting and restarting containers. It assumes well-formed pods;
 * one it cannot read must cost its own fixes, never the whole status.
 */
function detectedErrorsOf(pod: KubernetesObject): DetectedError[] {
  try {
    const detected = detectErrors({
      items: [
        {
          cluster: { name: 'status' },
          // Our pods are plain JSON of the same fields as client-node's V1Pod.
          resources: [
            {
              type: 'pods',
              resources: [pod] as unknown as PodFetchResponse['resources'],
            },
          ],
          podMetrics: [],
          errors: [],
        },
      ],
    });
    return detected.get('status') ?? [];
  } catch {
    return [];
  }
}

const containerName = (c: { name?: string; init: boolean }) =>
  `${c.init ? 'init container' : 'container'} ${c.name ?? '(unnamed)'}`;

/**
 * How a container last ended: its termination message, else its reason
 * and exit code; an OOMKilled container leaves no message, only the reason.
 */
function lastExitOf(container: ContainerStatus): string | undefined {
  const terminated = container.lastState?.terminated;
  if (!terminated) {
    return undefined;
  }
  if (terminated.message) {
    return terminated.message;
  }
  const code =
    terminated.exitCode !== undefined
      ? ` (exit code ${terminated.exitCode})`
      : '';
  return terminated.reason
    ? `It last ended ${terminated.reason}${code}`
    : undefined;
}

/** Why a pod is in trouble, or undefined when it is not. */
export function troubleOf(pod: KubernetesObject): PodTrouble | undefined {
  const status = statusOf(pod);
  const restarts = restartsOf(pod);
  const phase = status.phase ?? 'Unknown';
  const containers = containersOf(pod);
  const waiting = containers.find(
    c => c.state?.waiting?.reason && !STARTING.has(c.state.waiting.reason),
  );
  const terminated = containers.find(c => c.lastState?.terminated);
  const unscheduled = (status.conditions ?? []).find(
    c => c.type === 'PodScheduled' && c.status === 'False',
  );
  const detected = detectedErrorsOf(pod);
  const fix = detected.find(d => d.proposedFix)?.proposedFix;
  const fixText = fix
    ? sentences([fix.rootCauseExplanation, ...fix.actions])
    : '';

  let reason: string | undefined;
  let message = '';
  if (waiting?.state?.waiting?.reason) {
    reason = waiting.state.waiting.reason;
    // The last termination message says why the container exits (B02).
    message = sentences([
      `${containerName(waiting)}: ${waiting.state.waiting.message ?? reason}`,
      lastExitOf(waiting),
    ]);
  } else if (phase === 'Pending' && unscheduled) {
    reason = unscheduled.reason ?? 'Unschedulable';
    message = unscheduled.message ?? '';
  } else if (phase === 'Failed') {
    reason = 'Failed';
  } else if (phase === 'Running' && !isReady(pod)) {
    reason = 'NotReady';
    message = detected.map(d => d.message).join(' ');
  } else if (restarts > 0) {
    reason = terminated?.lastState?.terminated?.reason ?? 'Restarted';
    message = sentences([
      terminated && containerName(terminated),
      terminated?.lastState?.terminated?.message,
    ]);
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

/** Error for what does not heal by waiting, warning for the rest. */
export function troubleState(trouble: PodTrouble): CheckState {
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

/** The pods in trouble among these, worst first. */
export function troublesOf(pods: KubernetesObject[]): PodTrouble[] {
  return pods
    .map(troubleOf)
    .filter((t): t is PodTrouble => t !== undefined)
    .sort((a, b) => severity(b) - severity(a));
}

/**
 * The pods of the tenant's namespaces: ready, restarts and the pods in
 * trouble, worst first. A namespace where Deployments are planned but no
 * pod runs is an error.
 */
export function podHealth(options: {
  pods: KubernetesObject[];
  namespaces: Array<{ namespace: string; expectsPods: boolean }>;
}): PodHealth {
  const states: CheckState[] = [];
  const reasons: Array<{ state: CheckState; reason: string }> = [];

  const namespaces: NamespacePods[] = options.namespaces.map(
    ({ namespace, expectsPods }) => {
      const pods = options.pods.filter(p => p.metadata.namespace === namespace);
      const troubled = troublesOf(pods);
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
