import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  KubernetesObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  PlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  describeRef,
  KubernetesObjectRef,
  KubernetesTarget,
  refOf,
  SharedObjectMutation,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { assertHostFree } from './hostOwnership';
import { planSharedFor, TenantRecord } from './sharedEntries';

/**
 * Annotation on each shared object with the tenants it was generated from,
 * as JSON `{ "<tenantId>": "<host>" }`. It is the record a concurrent
 * onboarding re-reads on every attempt: the object and the list of tenants
 * it reflects change in one write, guarded by one resourceVersion, so no
 * writer can drop another's tenant. A shard ConfigMap records only the
 * tenants of its shard; the Gateway records all tenants.
 */
export const TENANTS_ANNOTATION = 'tenant-mesh.io/tenants';

/** The tenants recorded on a shared object. */
export function recordedTenants(
  object: KubernetesObject | undefined,
): TenantRecord[] {
  const raw = object?.metadata.annotations?.[TENANTS_ANNOTATION];
  if (!raw) {
    return [];
  }
  const unreadable = (error?: Error) =>
    new ConflictError(
      `The ${TENANTS_ANNOTATION} annotation of ${describeRef(
        refOf(object!),
      )} is not a JSON map of tenant id to host; restore it from Git or remove the object`,
      error,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw unreadable(error as Error);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every(host => typeof host === 'string')
  ) {
    throw unreadable();
  }
  return Object.entries(parsed as Record<string, string>).map(
    ([tenantId, host]) => ({ tenantId, host }),
  );
}

const stable = (object: KubernetesObject | undefined) =>
  object === undefined ? '' : JSON.stringify(object);

const sameRef = (a: KubernetesObjectRef, b: KubernetesObjectRef) =>
  describeRef(a) === describeRef(b) && a.apiVersion === b.apiVersion;

/** One shared object to update for a tenant. */
export interface SharedObjectUpdate {
  ref: KubernetesObjectRef;
  mutate: SharedObjectMutation;
}

/**
 * The shared objects and, for each, a mutation that adds the tenant to the
 * tenants recorded on the current object and regenerates the object from
 * that list. The tenant is recorded only on objects whose content depends
 * on it (the Gateway, the Envoy index, its own shard); the others are only
 * created when missing. A mutation throws ConflictError, and nothing is
 * written, when another tenant recorded on the object holds the host.
 */
export function sharedObjectUpdates(options: {
  tenant: TenantRecord;
  platform: PlatformSettings;
}): SharedObjectUpdate[] {
  return sharedObjectUpdatesFor({
    tenants: [options.tenant],
    platform: options.platform,
  });
}

/**
 * Like sharedObjectUpdates, for any number of tenants: each object records
 * the tenants it depends on next to those already recorded on it. With no
 * tenants, every shared object but the Gateway (which needs a tenant) is
 * created when missing and otherwise regenerated from its own record.
 */
export function sharedObjectUpdatesFor(options: {
  tenants: TenantRecord[];
  platform: PlatformSettings;
}): SharedObjectUpdate[] {
  const { tenants, platform } = options;
  const planned = planSharedFor(tenants, platform).objects;
  const without = planSharedFor([], platform).objects;

  // An object depends on a tenant when that tenant alone changes it.
  const dependents = new Map<string, TenantRecord[]>();
  for (const tenant of tenants) {
    for (const object of planSharedFor([tenant], platform).objects) {
      const ref = refOf(object);
      const alone = without.find(o => sameRef(refOf(o), ref));
      if (stable(alone) !== stable(object)) {
        const key = describeRef(ref);
        dependents.set(key, [...(dependents.get(key) ?? []), tenant]);
      }
    }
  }

  return planned.map(object => {
    const ref = refOf(object);
    const added = dependents.get(describeRef(ref)) ?? [];
    return {
      ref,
      mutate: current => {
        if (
          current &&
          current.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE
        ) {
          throw new NotAllowedError(
            `Refusing to change ${describeRef(
              ref,
            )}: Tenant Mesh does not manage it (no ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} label)`,
          );
        }
        const recorded = recordedTenants(current);
        // The authoritative host check: it runs on the copy this write is
        // guarded by, so of two onboardings racing for one host the second
        // re-reads the first's record after its 409 and is refused here.
        for (const tenant of added) {
          assertHostFree({
            tenant,
            records: recorded,
            source: `the ${TENANTS_ANNOTATION} annotation of ${describeRef(
              ref,
            )}`,
          });
        }
        const records = new Map(recorded.map(r => [r.tenantId, r.host]));
        for (const tenant of added) {
          records.set(tenant.tenantId, tenant.host);
        }
        const list = [...records]
          .map(([tenantId, host]) => ({ tenantId, host }))
          .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
        const regenerated = planSharedFor(list, platform).objects.find(o =>
          sameRef(refOf(o), ref),
        );
        if (!regenerated) {
          // Only the Gateway is left out, and only without tenants.
          return current ?? object;
        }
        return mergeOnto(current, regenerated, list);
      },
    };
  });
}

/**
 * The planned object on top of the live one: server-set metadata and fields
 * we do not plan (status) stay, so an unchanged object compares equal and
 * is not written.
 */
function mergeOnto(
  current: KubernetesObject | undefined,
  planned: KubernetesObject,
  records: TenantRecord[],
): KubernetesObject {
  const annotations: Record<string, string> = {
    ...current?.metadata.annotations,
    ...planned.metadata.annotations,
  };
  if (records.length > 0) {
    annotations[TENANTS_ANNOTATION] = JSON.stringify(
      Object.fromEntries(records.map(r => [r.tenantId, r.host])),
    );
  } else {
    delete annotations[TENANTS_ANNOTATION];
  }
  return {
    ...current,
    ...planned,
    metadata: {
      ...current?.metadata,
      ...planned.metadata,
      labels: { ...current?.metadata.labels, ...planned.metadata.labels },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
}

class Absent extends Error {}

/**
 * Reads one object. KubernetesTarget has no read of its own, so this runs a
 * shared update whose mutation returns the object unchanged, which sends no
 * write.
 *
 * TODO: replace with a `read(ref)` on KubernetesTarget in tenant-mesh-node.
 */
export async function readObject(
  target: KubernetesTarget,
  ref: KubernetesObjectRef,
): Promise<KubernetesObject | undefined> {
  let found: KubernetesObject | undefined;
  try {
    await target.updateShared(
      ref,
      current => {
        if (!current) {
          throw new Absent();
        }
        found = current;
        return current;
      },
      { maxAttempts: 1 },
    );
  } catch (error) {
    if (!(error instanceof Absent)) {
      throw error;
    }
  }
  return found;
}
