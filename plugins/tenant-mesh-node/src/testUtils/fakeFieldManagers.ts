import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  FieldPath,
  fieldsOf,
  fieldsV1,
  readField,
  removeField,
  renderField,
  writeField,
} from './fakeFieldOwnership';

/** Field key (see fieldKey) to the managers that own the field. */
export type FieldOwners = Map<string, Set<string>>;

/** A field another manager owns with a different value. */
export interface FieldConflict {
  field: string;
  managers: string[];
}

/** A deep copy of the owners. */
export function copyOwners(owners: FieldOwners | undefined): FieldOwners {
  return new Map([...(owners ?? [])].map(([k, v]) => [k, new Set(v)]));
}

/**
 * Server-side apply of `body` by `manager` onto `base` (changed in place):
 * fields the manager applied before and left out now are removed unless
 * someone else owns them; applied fields are set. A field another manager
 * owns with a different value is a conflict; with `force` it changes hands.
 */
export function applyFields(options: {
  base: KubernetesObject;
  owners: FieldOwners;
  body: KubernetesObject;
  manager: string;
  force: boolean;
}): { conflicts: FieldConflict[] } {
  const { base, owners, body, manager, force } = options;
  const applied = fieldsOf(body);
  const before = fieldsOf(base);

  const conflicts = [...applied]
    .map(([key, value]) => ({
      key,
      others: [...(owners.get(key) ?? [])].filter(m => m !== manager),
      differs: before.get(key) !== value,
    }))
    .filter(c => c.others.length > 0 && c.differs)
    .map(c => ({ field: renderField(JSON.parse(c.key)), managers: c.others }));
  if (conflicts.length > 0 && !force) {
    return { conflicts };
  }

  for (const [key, managers] of owners) {
    if (managers.has(manager) && !applied.has(key)) {
      managers.delete(manager);
      if (managers.size === 0) {
        owners.delete(key);
        removeField(base, JSON.parse(key));
      }
    }
  }
  for (const [key, value] of applied) {
    const path: FieldPath = JSON.parse(key);
    const shared = before.get(key) === value ? owners.get(key) ?? [] : [];
    owners.set(key, new Set([...shared, manager]));
    writeField(base, path, structuredClone(readField(body, path)));
  }
  return { conflicts: [] };
}

/** An update (PUT, merge patch) makes its manager owner of what it changed. */
export function takeChangedFields(options: {
  owners: FieldOwners;
  previous: KubernetesObject | undefined;
  next: KubernetesObject;
  manager: string;
}): void {
  const { owners, previous, next, manager } = options;
  const before = previous ? fieldsOf(previous) : new Map<string, string>();
  const after = fieldsOf(next);
  for (const key of before.keys()) {
    if (!after.has(key)) {
      owners.delete(key);
    }
  }
  for (const [key, value] of after) {
    if (before.get(key) !== value) {
      owners.set(key, new Set([manager]));
    }
  }
}

/** `metadata.managedFields` as the API server renders it. */
export function managedFieldsOf(options: {
  owners: FieldOwners;
  operations: Map<string, 'Apply' | 'Update'>;
  apiVersion: string;
}) {
  const byManager = new Map<string, FieldPath[]>();
  for (const [key, managers] of options.owners) {
    for (const manager of managers) {
      const paths = byManager.get(manager) ?? [];
      byManager.set(manager, [...paths, JSON.parse(key)]);
    }
  }
  return [...options.operations]
    .filter(([manager]) => byManager.has(manager))
    .map(([manager, operation]) => ({
      manager,
      operation,
      apiVersion: options.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: fieldsV1(byManager.get(manager)!),
    }));
}
