import {
  CheckState,
  KubernetesObject,
  NamespacePods,
  PodHealth,
  PodTrouble,
  worstState,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  containerName,
  containersOf,
  detectedErrorsOf,
  durationText,
  isReady,
  lastExitOf,
  lastExitTime,
  notReadySince,
  PodContainer,
  restartsOf,
  statusOf,
} from './podStatus';
import { sentences } from './sentences';

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

/**
 * How long a pod may take to become ready, from its creation or from when
 * it last turned not ready: pulling an image and passing the first
 * readiness probes takes well under this. Longer, it is stuck (error).
 */
export const START_GRACE_MS = 5 * 60_000;

/**
 * A container that ended at least this often, the last time within
 * CRASH_LOOP_WINDOW_MS, is crash-looping even while it briefly runs
 * between back-offs (which the kubelet caps at 5 minutes).
 */
export const CRASH_LOOP_RESTARTS = 3;
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;

/** A pod's trouble and how bad it is. */
export interface RatedTrouble {
  trouble: PodTrouble;
  state: CheckState;
}

/** The container that crashed repeatedly and lately, if one did. */
function crashLooping(
  containers: PodContainer[],
  now: number,
): PodContainer | undefined {
  return containers.find(c => {
    const ended = lastExitTime(c);
    return (
      (c.restartCount ?? 0) >= CRASH_LOOP_RESTARTS &&
      ended !== undefined &&
      now - ended <= CRASH_LOOP_WINDOW_MS
    );
  });
}

/**
 * The last restart, unless it is older than CRASH_LOOP_WINDOW_MS: an old
 * restart is information (the namespace's restart count), not a trouble.
 * A termination without a time is taken as recent.
 */
function recentRestart(
  containers: PodContainer[],
  now: number,
): PodContainer | undefined {
  return containers.find(c => {
    if (!c.restartCount || !c.lastState?.terminated) {
      return false;
    }
    const ended = lastExitTime(c);
    return ended === undefined || now - ended <= CRASH_LOOP_WINDOW_MS;
  });
}

/** Why a pod is in trouble and how bad, or undefined when it is not. */
export function rateTrouble(
  pod: KubernetesObject,
  now: number = Date.now(),
): RatedTrouble | undefined {
  const status = statusOf(pod);
  const phase = status.phase ?? 'Unknown';
  const containers = containersOf(pod);
  const waiting = containers.find(
    c => c.state?.waiting?.reason && !STARTING.has(c.state.waiting.reason),
  );
  const starting = containers.find(c => c.state?.waiting?.reason);
  const looping = crashLooping(containers, now);
  const restarted = recentRestart(containers, now);
  const scheduled = (status.conditions ?? []).find(
    c => c.type === 'PodScheduled',
  );
  const since = notReadySince(pod);
  const stuck =
    !isReady(pod) &&
    phase !== 'Succeeded' &&
    since !== undefined &&
    now - since > START_GRACE_MS;
  const notReadyFor =
    since === undefined
      ? undefined
      : `It has not been ready for ${durationText(
          now - since,
        )}, longer than the ${durationText(START_GRACE_MS)} a start may take.`;
  const detected = detectedErrorsOf(pod);
  const fix = detected.find(d => d.proposedFix)?.proposedFix;
  const fixText = fix
    ? sentences([fix.rootCauseExplanation, ...fix.actions])
    : '';

  let reason: string | undefined;
  let message = '';
  let state: CheckState = 'warning';
  if (phase === 'Failed') {
    // Evicted and other failed pods say why on the pod itself. Such a pod
    // is over and its Deployment has replaced it: how the replacement does
    // is what the other pods and the Deployment checks say, so a leftover
    // is a warning, not an outage.
    reason = status.reason ?? 'Failed';
    message = sentences([
      status.message,
      'Its Deployment has replaced it; delete it once the cause is understood',
    ]);
    state = 'warning';
  } else if (waiting?.state?.waiting?.reason) {
    reason = waiting.state.waiting.reason;
    // The last termination message says why the container exits (B02).
    message = sentences([
      `${containerName(waiting)}: ${waiting.state.waiting.message ?? reason}`,
      lastExitOf(waiting),
    ]);
    state = FAILING.has(reason) || stuck ? 'error' : 'warning';
  } else if (looping) {
    // Between back-offs a crash-looping container briefly runs.
    reason = 'CrashLoopBackOff';
    message = sentences([
      `${containerName(looping)}: restarted ${
        looping.restartCount
      } times, the last ${durationText(
        now - (lastExitTime(looping) ?? now),
      )} ago`,
      lastExitOf(looping),
    ]);
    state = 'error';
  } else if (phase === 'Pending' && scheduled?.status === 'False') {
    reason = scheduled.reason ?? 'Unschedulable';
    message = scheduled.message ?? '';
    state = reason === 'Unschedulable' || stuck ? 'error' : 'warning';
  } else if (stuck) {
    // Not ready past the grace period: stuck starting, or failing its
    // readiness probe.
    reason =
      starting?.state?.waiting?.reason ??
      (phase === 'Pending' ? 'Pending' : 'NotReady');
    message = sentences([
      starting &&
        `${containerName(starting)}: ${
          starting.state?.waiting?.message ?? reason
        }`,
      notReadyFor,
      ...detected.map(d => d.message),
    ]);
    state = 'error';
  } else if (phase === 'Running' && !isReady(pod)) {
    reason = 'NotReady';
    message = detected.map(d => d.message).join(' ');
  } else if (restarted) {
    reason = restarted.lastState?.terminated?.reason ?? 'Restarted';
    message = sentences([
      containerName(restarted),
      restarted.lastState?.terminated?.message,
    ]);
  }
  if (!reason) {
    return undefined;
  }
  return {
    trouble: {
      name: pod.metadata.name,
      phase,
      restarts: restartsOf(pod),
      reason,
      message: sentences([message || detected[0]?.message || reason, fixText]),
    },
    state,
  };
}

/** Why a pod is in trouble, or undefined when it is not. */
export function troubleOf(
  pod: KubernetesObject,
  now: number = Date.now(),
): PodTrouble | undefined {
  return rateTrouble(pod, now)?.trouble;
}

const severity = (rated: RatedTrouble) => (rated.state === 'error' ? 1 : 0);

/** The pods in trouble among these and how bad, worst first. */
function ratedTroublesOf(
  pods: KubernetesObject[],
  now: number,
): RatedTrouble[] {
  return pods
    .map(pod => rateTrouble(pod, now))
    .filter((t): t is RatedTrouble => t !== undefined)
    .sort((a, b) => severity(b) - severity(a));
}

/** The pods in trouble among these, worst first. */
export function troublesOf(
  pods: KubernetesObject[],
  now: number = Date.now(),
): PodTrouble[] {
  return ratedTroublesOf(pods, now).map(r => r.trouble);
}

/**
 * The pods of the tenant's namespaces: ready, restarts and the pods in
 * trouble, worst first. A namespace where Deployments are planned but no
 * pod runs is an error; one with pods not ready at least a warning.
 */
export function podHealth(options: {
  pods: KubernetesObject[];
  namespaces: Array<{ namespace: string; expectsPods: boolean }>;
  now?: number;
}): PodHealth {
  const now = options.now ?? Date.now();
  const reasons: Array<{ state: CheckState; reason: string }> = [];

  const namespaces: NamespacePods[] = options.namespaces.map(
    ({ namespace, expectsPods }) => {
      const pods = options.pods.filter(p => p.metadata.namespace === namespace);
      const rated = ratedTroublesOf(pods, now);
      for (const { trouble, state } of rated) {
        reasons.push({
          state,
          reason: `Pod ${namespace}/${trouble.name}: ${trouble.reason}: ${trouble.message}`,
        });
      }
      if (expectsPods && pods.length === 0) {
        reasons.push({
          state: 'error',
          reason: `No pods in ${namespace}, though Deployments are planned there; look at the Deployments' events.`,
        });
      }
      const ready = pods.filter(isReady).length;
      const notReady = pods.filter(
        p => !isReady(p) && statusOf(p).phase !== 'Succeeded',
      ).length;
      if (notReady > 0) {
        reasons.push({
          state: 'warning',
          reason: `${notReady} of ${
            pods.length
          } pods in ${namespace} not ready; they are starting, or see their events if this lasts more than ${durationText(
            START_GRACE_MS,
          )}.`,
        });
      }
      return {
        namespace,
        ready,
        total: pods.length,
        restarts: pods.reduce((sum, p) => sum + restartsOf(p), 0),
        troubled: rated.map(r => r.trouble),
      };
    },
  );

  const state = worstState(
    reasons.length > 0 ? reasons.map(r => r.state) : ['ok'],
  );
  const worst = reasons.find(r => r.state === state);
  return {
    state,
    reason:
      worst?.reason ??
      namespaces
        .map(
          n =>
            `${n.namespace}: ${n.ready}/${n.total} ready${
              n.restarts
                ? ` (${n.restarts} restarts, none in the last ${durationText(
                    CRASH_LOOP_WINDOW_MS,
                  )})`
                : ''
            }`,
        )
        .join(', '),
    namespaces,
  };
}
