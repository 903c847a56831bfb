import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';

/*
 * A simplified model of server-side apply field ownership: a field is a label,
 * an annotation, or a top-level key of any other section (`data.<key>`,
 * `spec.<key>`); values below that are owned as a whole. Real API servers
 * track every leaf, but this granularity is enough to see conflicts between
 * managers and to keep apply idempotent.
 */

/** Path segments of one owned field; label keys may hold dots. */
export type FieldPath = readonly string[];

const UNOWNED_SECTIONS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map key for a field path. */
export function fieldKey(path: FieldPath): string {
  return JSON.stringify(path);
}

/** `.data.acme` style rendering, as the API server prints fields. */
export function renderField(path: FieldPath): string {
  return path.map(part => `.${part}`).join('');
}

/** Every owned field of an object with its value serialised for comparison. */
export function fieldsOf(object: KubernetesObject): Map<string, string> {
  const fields = new Map<string, string>();
  for (const section of ['labels', 'annotations'] as const) {
    for (const [key, value] of Object.entries(object.metadata[section] ?? {})) {
      fields.set(fieldKey(['metadata', section, key]), JSON.stringify(value));
    }
  }
  for (const [section, value] of Object.entries(object)) {
    if (UNOWNED_SECTIONS.has(section)) {
      continue;
    }
    if (isPlainObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        fields.set(fieldKey([section, key]), JSON.stringify(inner));
      }
    } else {
      fields.set(fieldKey([section]), JSON.stringify(value));
    }
  }
  return fields;
}

/** Reads the value of a field, or undefined when it is absent. */
export function readField(object: KubernetesObject, path: FieldPath): unknown {
  let current: unknown = object;
  for (const part of path) {
    if (!isPlainObject(current)) {
      return undefined;
    }
    current = current[part];
  }
  return current;
}

/** Sets a field, creating the sections on its way. */
export function writeField(
  object: KubernetesObject,
  path: FieldPath,
  value: unknown,
): void {
  let current: Record<string, unknown> = object;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(current[part])) {
      current[part] = {};
    }
    current = current[part] as Record<string, unknown>;
  }
  current[path[path.length - 1]] = value;
}

/** Removes a field, and its section when that becomes empty. */
export function removeField(object: KubernetesObject, path: FieldPath): void {
  const parent = readField(object, path.slice(0, -1));
  if (!isPlainObject(parent)) {
    return;
  }
  delete parent[path[path.length - 1]];
  if (path.length > 1 && Object.keys(parent).length === 0) {
    if (path[0] === 'metadata' || path.length === 2) {
      removeField(object, path.slice(0, -1));
    }
  }
}

/** `managedFields` in the FieldsV1 shape for one manager's fields. */
export function fieldsV1(paths: FieldPath[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    let node = root;
    for (const part of path) {
      const key = `f:${part}`;
      node[key] = node[key] ?? {};
      node = node[key] as Record<string, unknown>;
    }
  }
  return root;
}
