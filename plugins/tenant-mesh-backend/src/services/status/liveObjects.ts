import {
  CheckState,
  KubernetesObject,
  StatusCheck,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { sentences } from './sentences';

/** `Kind namespace/name`, the form checks and lint findings use. */
export function describeObject(
  object: Pick<KubernetesObject, 'kind' | 'metadata'>,
): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** The live objects of one tenant, found by the planned object's identity. */
export class LiveObjects {
  readonly #byKey = new Map<string, KubernetesObject>();

  constructor(objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      this.#byKey.set(describeObject(object), object);
    }
  }

  find(
    planned: Pick<KubernetesObject, 'kind' | 'metadata'>,
  ): KubernetesObject | undefined {
    return this.#byKey.get(describeObject(planned));
  }
}

/** Istio's verdict on an object, from its `status`. */
export function istioAcceptance(object: KubernetesObject): {
  state: CheckState;
  reason: string;
} {
  const status = object.status as
    | {
        validationMessages?: Array<{
          level?: string;
          type?: { code?: string };
          documentationUrl?: string;
          description?: string;
        }>;
        conditions?: Array<{
          type?: string;
          status?: string;
          reason?: string;
          message?: string;
        }>;
      }
    | undefined;
  if (!status || Object.keys(status).length === 0) {
    // istiod writes status only with PILOT_ENABLE_STATUS (validation
    // messages also need its analysis); off by default, so absence is the
    // usual answer and not a fault. The login probe tests the whole path.
    return {
      state: 'ok',
      reason:
        'Istio reports no status on it (istiod writes one only with PILOT_ENABLE_STATUS set), so its acceptance is not known',
    };
  }
  const messages = status.validationMessages ?? [];
  const describe = (m: (typeof messages)[number]) =>
    `${m.type?.code ?? 'IST'}: ${m.description ?? 'no description'}`;
  const errors = messages.filter(m => m.level === 'ERROR');
  if (errors.length > 0) {
    return {
      state: 'error',
      reason: `Istio rejects it: ${errors.map(describe).join('; ')}`,
    };
  }
  const warnings = messages.filter(m => m.level === 'WARNING');
  const unreconciled = (status.conditions ?? []).find(
    c => c.type === 'Reconciled' && c.status === 'False',
  );
  if (warnings.length > 0 || unreconciled) {
    const parts = [
      ...warnings.map(describe),
      ...(unreconciled
        ? [
            `not reconciled: ${
              unreconciled.message ?? unreconciled.reason ?? 'no message'
            }`,
          ]
        : []),
    ];
    return { state: 'warning', reason: `Istio warns: ${parts.join('; ')}` };
  }
  return { state: 'ok', reason: 'accepted by Istio' };
}

const QUANTITY_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "0.5", "64Mi", "1e3") as a number. */
function quantityOf(value: unknown): number | undefined {
  const match =
    /^([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)(?:[eE]([+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/.exec(
      typeof value === 'number' ? String(value) : String(value ?? ''),
    );
  if (!match) {
    return undefined;
  }
  const [, number, exponent, suffix = ''] = match;
  const scale = exponent ? 10 ** Number(exponent) : QUANTITY_SUFFIXES[suffix];
  return Number(number) * scale;
}

/**
 * Equal planned and live values. The API server rewrites the quantities of
 * `resources` to their canonical form ("0.5" → "500m", "1024Mi" → "1Gi"),
 * so those are compared by amount.
 */
function sameValue(planned: unknown, live: unknown, path: string): boolean {
  if (planned === live) {
    return true;
  }
  if (!/\.resources\.(requests|limits)\.[^.]+$/.test(path)) {
    return false;
  }
  const [a, b] = [quantityOf(planned), quantityOf(live)];
  return (
    a !== undefined &&
    b !== undefined &&
    Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))
  );
}

/**
 * The dotted path of the first value the plan sets that the live object
 * lacks or holds differently; undefined when the live value has everything
 * the plan sets (defaults the API server adds are not differences).
 */
export function firstDifference(
  planned: unknown,
  live: unknown,
  path: string,
): string | undefined {
  if (planned === undefined) {
    return undefined;
  }
  if (Array.isArray(planned)) {
    if (!Array.isArray(live) || live.length !== planned.length) {
      return path;
    }
    for (const [i, item] of planned.entries()) {
      const found = firstDifference(item, live[i], `${path}[${i}]`);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (typeof planned === 'object' && planned !== null) {
    if (typeof live !== 'object' || live === null) {
      return path;
    }
    for (const [key, value] of Object.entries(planned)) {
      const found = firstDifference(
        value,
        (live as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  return sameValue(planned, live, path) ? undefined : path;
}

/** What the API server owns or adds: never compared with the plan. */
const SERVER_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/**
 * The first difference of the body the plan sets (`spec`, a ConfigMap's
 * `data`, a ServiceAccount's `automountServiceAccountToken`…); metadata is
 * left out, as the API server and controllers add to it.
 */
export function planDifference(
  planned: KubernetesObject,
  live: KubernetesObject,
): string | undefined {
  for (const [key, value] of Object.entries(planned)) {
    if (SERVER_FIELDS.has(key)) {
      continue;
    }
    const found = firstDifference(value, live[key], key);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/**
 * A check of a planned object: missing, differs from the plan, rejected by
 * Istio, or fine.
 */
export function plannedObjectCheck(options: {
  id: string;
  planned: KubernetesObject;
  live: KubernetesObject | undefined;
  /** Whether Istio reports on this kind. */
  istio?: boolean;
  converge: string;
}): StatusCheck {
  const { id, planned, live, istio, converge } = options;
  const object = describeObject(planned);
  const base = { id, title: object, object };
  if (!live) {
    return {
      ...base,
      state: 'error',
      reason: `${object} is missing; ${converge} to create it.`,
    };
  }
  const differs = planDifference(planned, live);
  if (differs) {
    return {
      ...base,
      state: 'error',
      reason: `${object} differs from the plan at ${differs}; ${converge} to converge it.`,
    };
  }
  if (istio) {
    const verdict = istioAcceptance(live);
    return {
      ...base,
      state: verdict.state,
      reason: `${object} matches the plan; ${verdict.reason}.`,
    };
  }
  return {
    ...base,
    state: 'ok',
    reason: `${object} exists and matches the plan.`,
  };
}

interface DeploymentStatus {
  observedGeneration?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  conditions?: Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
}

/** A message as a sentence, with a leading space; empty without one. */
function sentence(message: string | undefined): string {
  const text = sentences([message]);
  return text && ` ${text}`;
}

/**
 * A rollout that is stuck (error) or under way (warning): while it runs the
 * old pods may still be ready, so readiness alone would say ok. The API
 * server leaves out fields that are zero, so a missing `updatedReplicas`
 * is none updated.
 */
function rolloutOf(
  live: KubernetesObject,
  desired: number,
): { state: CheckState; reason: string } | undefined {
  const status = (live.status ?? {}) as DeploymentStatus;
  const progressing = (status.conditions ?? []).find(
    c => c.type === 'Progressing',
  );
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'error',
      reason: `its rollout is stuck (ProgressDeadlineExceeded).${sentence(
        progressing.message,
      )} Look at the new pods in the pods section, or roll back with kubectl rollout undo.`,
    };
  }
  const generation = live.metadata.generation;
  if (
    typeof generation === 'number' &&
    (status.observedGeneration ?? 0) < generation
  ) {
    return {
      state: 'warning',
      reason: `the Deployment controller has not yet acted on its latest change (generation ${generation}, observed ${
        status.observedGeneration ?? 'none'
      }); check that kube-controller-manager is running if this lasts.`,
    };
  }
  const updated = status.updatedReplicas ?? 0;
  if (updated < desired) {
    return {
      state: 'warning',
      reason: `a rollout is in progress: ${updated} of ${desired} replicas run the latest template.`,
    };
  }
  return undefined;
}

/**
 * Ready replicas of a Deployment against the desired count, and its
 * rollout: one in progress is a warning, one past its deadline an error.
 */
export function deploymentCheck(options: {
  id: string;
  title: string;
  ref: string;
  live: KubernetesObject | undefined;
  missing: string;
}): StatusCheck {
  const { id, title, ref, live, missing } = options;
  const base = { id, title, object: ref };
  if (!live) {
    return { ...base, state: 'error', reason: missing };
  }
  const desired = Number((live.spec as { replicas?: number })?.replicas ?? 1);
  const status = (live.status ?? {}) as DeploymentStatus;
  const ready = status.readyReplicas ?? 0;
  const rollout = rolloutOf(live, desired);
  if (rollout?.state === 'error') {
    return {
      ...base,
      state: 'error',
      reason: `${ref}: ${ready}/${desired} ready; ${rollout.reason}`,
    };
  }
  if (ready >= desired && desired > 0) {
    return rollout
      ? {
          ...base,
          state: 'warning',
          reason: `${ref}: ${ready}/${desired} ready, but ${rollout.reason}`,
        }
      : {
          ...base,
          state: 'ok',
          reason: `${ref}: ${ready}/${desired} ready.`,
        };
  }
  // ReplicaFailure is reported True (e.g. a quota refused the pods); the
  // others say what is wrong by being False.
  const conditions = status.conditions ?? [];
  const failing =
    conditions.find(c => c.type === 'ReplicaFailure' && c.status === 'True') ??
    conditions.find(c => c.type !== 'ReplicaFailure' && c.status === 'False');
  return {
    ...base,
    state: ready === 0 ? 'error' : 'warning',
    reason: `${ref}: ${ready}/${desired} ready.${sentence(
      failing?.message,
    )} See the pods section.`,
  };
}
