import {
  CheckState,
  KubernetesObject,
  StatusCheck,
} from '@tenant-mesh/plugin-tenant-mesh-common';

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
  return planned === live ? undefined : path;
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
  const differs = firstDifference(planned.spec, live.spec, 'spec');
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

/** Ready replicas of a Deployment against the desired count. */
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
  const status = (live.status ?? {}) as {
    readyReplicas?: number;
    conditions?: Array<{ type?: string; status?: string; message?: string }>;
  };
  const ready = status.readyReplicas ?? 0;
  if (ready >= desired && desired > 0) {
    return {
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
  const message = failing?.message?.trim();
  const why = message
    ? ` ${/[.!?]$/.test(message) ? message : `${message}.`}`
    : '';
  return {
    ...base,
    state: ready === 0 ? 'error' : 'warning',
    reason: `${ref}: ${ready}/${desired} ready.${why} See the pods section.`,
  };
}
