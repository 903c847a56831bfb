import {
  detectErrors,
  DetectedError,
  PodFetchResponse,
} from '@backstage/plugin-kubernetes-common';
import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/*
 * Reading a pod's status as the kubelet reports it: its containers, how
 * they last ended and since when the pod is not ready.
 */

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: {
    terminated?: {
      reason?: string;
      message?: string;
      exitCode?: number;
      finishedAt?: string;
    };
  };
}

export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface PodStatus {
  phase?: string;
  /** Set on the pod itself, e.g. `Evicted` with the node's message. */
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export type PodContainer = ContainerStatus & { init: boolean };

export const statusOf = (pod: KubernetesObject) =>
  (pod.status ?? {}) as PodStatus;

/** Init containers first: a pod waits on them before its containers start. */
export function containersOf(pod: KubernetesObject): PodContainer[] {
  const status = statusOf(pod);
  return [
    ...(status.initContainerStatuses ?? []).map(c => ({ ...c, init: true })),
    ...(status.containerStatuses ?? []).map(c => ({ ...c, init: false })),
  ];
}

export function isReady(pod: KubernetesObject): boolean {
  const containers = statusOf(pod).containerStatuses ?? [];
  return containers.length > 0 && containers.every(c => c.ready);
}

export function restartsOf(pod: KubernetesObject): number {
  return containersOf(pod).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

export const containerName = (c: { name?: string; init: boolean }) =>
  `${c.init ? 'init container' : 'container'} ${c.name ?? '(unnamed)'}`;

/**
 * How a container last ended: its termination message, else its reason
 * and exit code; an OOMKilled container leaves no message, only the reason.
 */
export function lastExitOf(container: ContainerStatus): string | undefined {
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

const timeOf = (value: unknown): number | undefined => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** When the container last ended, in ms; undefined when not reported. */
export function lastExitTime(container: ContainerStatus): number | undefined {
  return timeOf(container.lastState?.terminated?.finishedAt);
}

/**
 * Since when the pod is not ready, in ms: the later of its creation and the
 * moment its Ready condition last turned False. Undefined when the pod
 * carries neither (the API server always sets creationTimestamp).
 */
export function notReadySince(pod: KubernetesObject): number | undefined {
  const ready = (statusOf(pod).conditions ?? []).find(
    c => c.type === 'Ready' && c.status !== 'True',
  );
  const times = [
    timeOf(pod.metadata.creationTimestamp),
    timeOf(ready?.lastTransitionTime),
  ].filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** "12 minutes", "3 hours": how long ago, roughly. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) {
    return 'less than a minute';
  }
  if (minutes < 120) {
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * The Kubernetes plugin's detectErrors for one pod, which knows the proposed
 * fixes for waiting and restarting containers. It assumes well-formed pods;
 * one it cannot read must cost its own fixes, never the whole status.
 */
export function detectedErrorsOf(pod: KubernetesObject): DetectedError[] {
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
