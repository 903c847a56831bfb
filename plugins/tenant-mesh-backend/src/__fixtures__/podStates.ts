import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

const STARTED = '2026-01-01T00:00:00Z';

/** A container's status as the kubelet reports it; only the fields we set. */
export interface ContainerStatusFixture {
  name: string;
  image?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: {
    running?: { startedAt: string };
    waiting?: { reason: string; message?: string };
    terminated?: { reason: string; exitCode: number; message?: string };
  };
  lastState?: {
    terminated?: {
      reason: string;
      exitCode: number;
      message?: string;
      finishedAt?: string;
    };
  };
}

/** A pod's status; only the fields the pod health reads. */
export interface PodStatusFixture {
  phase: string;
  /** The pod's own reason, e.g. `Evicted`. */
  reason?: string;
  message?: string;
  conditions?: Array<{
    type: string;
    status: 'True' | 'False';
    reason?: string;
    message?: string;
    lastTransitionTime?: string;
  }>;
  initContainerStatuses?: ContainerStatusFixture[];
  containerStatuses?: ContainerStatusFixture[];
}

/** The pod with this status in place of its own. */
export function withStatus(
  pod: KubernetesObject,
  status: PodStatusFixture,
): KubernetesObject {
  return { ...pod, status };
}

/** The pod as created at this time, as the API server stamps it. */
export function createdAt(
  pod: KubernetesObject,
  time: number,
): KubernetesObject {
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      creationTimestamp: new Date(time).toISOString(),
    },
  };
}

/** The names of the pod's containers, from its spec. */
export function containerNamesOf(pod: KubernetesObject): string[] {
  const spec = pod.spec as { containers?: Array<{ name: string }> };
  return (spec.containers ?? []).map(c => c.name);
}

/** A container running and ready since the pod started. */
export function runningContainer(
  name: string,
  changes: Partial<ContainerStatusFixture> = {},
): ContainerStatusFixture {
  return {
    name,
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: STARTED } },
    ...changes,
  };
}

/** A container that has not started, waiting for this reason. */
export function waitingContainer(
  name: string,
  waiting: { reason: string; message?: string },
  changes: Partial<ContainerStatusFixture> = {},
): ContainerStatusFixture {
  return {
    name,
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting },
    ...changes,
  };
}

/** Every container of the pod waiting for this reason, the pod Pending. */
export function waitingPod(
  pod: KubernetesObject,
  waiting: { reason: string; message?: string },
  phase = 'Pending',
): KubernetesObject {
  return withStatus(pod, {
    phase,
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
    containerStatuses: containerNamesOf(pod).map(name =>
      waitingContainer(name, waiting),
    ),
  });
}
