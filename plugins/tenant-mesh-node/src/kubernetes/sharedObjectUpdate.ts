import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { ConflictError, InputError } from '@backstage/errors';
import { Backoff } from './backoff';
import { hasStatusCode, toKubernetesError } from './kubernetesErrors';
import { describeRef, KubernetesObjectRef, refOf } from './objectRef';

/** Turns the current shared object (or its absence) into the desired one. */
export type SharedObjectMutation = (
  current: KubernetesObject | undefined,
) => KubernetesObject;

/** What `updateShared` did. */
export interface SharedObjectUpdateResult {
  ref: KubernetesObjectRef;
  resourceVersion?: string;
  /** False when the mutation left the object as it was, so nothing was sent. */
  changed: boolean;
  /** Attempts made, including the successful one. */
  attempts: number;
  /** Writes refused with 409 because another writer came first. */
  conflicts: number;
}

/** The calls a shared update needs, bound to one object. */
export interface SharedObjectAccess {
  read(): Promise<KubernetesObject | undefined>;
  create(object: KubernetesObject): Promise<KubernetesObject>;
  replace(object: KubernetesObject): Promise<KubernetesObject>;
}

/**
 * Read-modify-write of an object that several onboardings change, such as the
 * central Envoy's ConfigMap. The write carries the resourceVersion that was
 * read, so the API server refuses it with 409 when someone wrote in between;
 * then the object is read again and the mutation re-run on the fresh copy.
 * A creation races the same way and fails with 409 AlreadyExists. This is
 * optimistic concurrency: no update is lost, whatever the number of writers.
 */
export async function updateSharedObject(options: {
  ref: KubernetesObjectRef;
  access: SharedObjectAccess;
  mutate: SharedObjectMutation;
  maxAttempts: number;
  backoff: Backoff;
}): Promise<SharedObjectUpdateResult> {
  const { ref, access, mutate, maxAttempts, backoff } = options;
  let conflicts = 0;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await access.read();
    const desired = mutate(current === undefined ? undefined : clone(current));
    checkSameObject(ref, desired);
    if (current && sameContent(current, desired)) {
      const { resourceVersion } = current.metadata;
      return {
        ref,
        resourceVersion,
        changed: false,
        attempts: attempt,
        conflicts,
      };
    }

    try {
      const written = current
        ? await access.replace(withResourceVersion(desired, current))
        : await access.create(withResourceVersion(desired, undefined));
      const { resourceVersion } = written.metadata;
      return {
        ref,
        resourceVersion,
        changed: true,
        attempts: attempt,
        conflicts,
      };
    } catch (error) {
      if (!hasStatusCode(error, 409)) {
        throw toKubernetesError(error, 'update shared', ref);
      }
      conflicts += 1;
      if (attempt < maxAttempts) {
        await backoff(attempt);
      }
    }
  }
  throw new ConflictError(
    `Could not update shared ${describeRef(
      ref,
    )}: other writers changed it on each of ${maxAttempts} attempts`,
  );
}

function clone(object: KubernetesObject): KubernetesObject {
  return structuredClone(object);
}

/** The desired object guarded by the version that was read, if any. */
function withResourceVersion(
  desired: KubernetesObject,
  current: KubernetesObject | undefined,
): KubernetesObject {
  const {
    resourceVersion: _ignored,
    managedFields: _managedFields,
    ...metadata
  } = desired.metadata;
  const resourceVersion = current?.metadata.resourceVersion;
  return {
    ...desired,
    metadata: { ...metadata, ...(resourceVersion ? { resourceVersion } : {}) },
  };
}

function sameContent(a: KubernetesObject, b: KubernetesObject): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner).sort(([x], [y]) => x.localeCompare(y)),
        )
      : inner,
  );
}

/** A mutation must return the object it was given, not another one. */
function checkSameObject(ref: KubernetesObjectRef, desired: KubernetesObject) {
  const actual = refOf(desired);
  if (
    describeRef(actual) !== describeRef(ref) ||
    actual.apiVersion !== ref.apiVersion
  ) {
    throw new InputError(
      `The update of shared ${describeRef(ref)} returned ${
        actual.apiVersion
      } ${describeRef(actual)}`,
    );
  }
}
