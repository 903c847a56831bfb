import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  applyFields,
  copyOwners,
  FieldOwners,
  managedFieldsOf,
  takeChangedFields,
} from './fakeFieldManagers';
import { FakeObjectAddress, storeKey } from './fakeObjectAddress';
import {
  alreadyExists,
  checkBody,
  notFound,
  objectDetails,
} from './fakeObjectChecks';
import { FakeResourceType } from './fakeKubernetesResources';
import { FakeApiError } from './fakeKubernetesStatus';
import { LabelMatcher } from './labelSelector';
import { mergePatch } from './mergePatch';

/** Options of every write. */
export interface FakeWriteOptions {
  manager: string;
  dryRun: boolean;
}

interface StoredObject {
  object: KubernetesObject;
  owners: FieldOwners;
  /** Manager to the operation of its last write. */
  operations: Map<string, 'Apply' | 'Update'>;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The objects of the fake API server with resource versions and a simplified
 * field ownership (see fakeFieldOwnership.ts). Every method either changes
 * the store and bumps the revision, or throws a FakeApiError and changes
 * nothing.
 */
export class FakeObjectStore {
  #revision = 0;
  readonly #objects = new Map<string, StoredObject>();
  /** Stored objects by type prefix in key order; rebuilt after a write. */
  #sorted?: Map<string, StoredObject[]>;
  readonly #listItems = new WeakMap<StoredObject, KubernetesObject>();
  readonly #managedFields = new WeakMap<
    StoredObject,
    ReturnType<typeof managedFieldsOf>
  >();

  /** The current object with `managedFields`, or undefined. */
  get(address: FakeObjectAddress): KubernetesObject | undefined {
    const stored = this.#objects.get(storeKey(address));
    return stored && this.#render(stored);
  }

  /**
   * One page of the objects of a type, optionally in one namespace, that
   * match the labels, in key order; `total` counts every match. Objects are
   * filtered before they are rendered, and only the page is rendered, as an
   * API server answers from its indexed cache.
   */
  list(
    type: FakeResourceType,
    query: {
      namespace?: string;
      labels?: LabelMatcher;
      start?: number;
      limit?: number;
    } = {},
  ): { items: KubernetesObject[]; total: number } {
    const { namespace, labels = () => true, start = 0 } = query;
    const matching = this.#ofType(type).filter(
      ({ object }) =>
        (namespace === undefined || object.metadata.namespace === namespace) &&
        labels(object.metadata.labels),
    );
    const end = query.limit === undefined ? undefined : start + query.limit;
    return {
      items: matching.slice(start, end).map(stored => this.#listed(stored)),
      total: matching.length,
    };
  }

  /** Every object, for assertions. */
  all(): KubernetesObject[] {
    return [...this.#objects.values()].map(stored => this.#render(stored));
  }

  /** The revision the last write produced. */
  get revision(): string {
    return String(this.#revision);
  }

  create(
    address: FakeObjectAddress,
    body: KubernetesObject,
    options: FakeWriteOptions,
  ): KubernetesObject {
    checkBody(address, body);
    if (body.metadata.resourceVersion) {
      throw new FakeApiError(
        400,
        'BadRequest',
        'resourceVersion should not be set on objects to be created',
      );
    }
    if (this.#objects.has(storeKey(address))) {
      throw alreadyExists(address);
    }
    this.#checkNamespace(address);
    const stored: StoredObject = {
      object: clone(body),
      owners: new Map(),
      operations: new Map(),
    };
    this.#update(stored, undefined, options.manager);
    return this.#commit(address, stored, options.dryRun, true);
  }

  replace(
    address: FakeObjectAddress,
    body: KubernetesObject,
    options: FakeWriteOptions,
  ): KubernetesObject {
    checkBody(address, body);
    const current = this.#require(address);
    const expected = body.metadata.resourceVersion;
    if (expected && expected !== current.object.metadata.resourceVersion) {
      throw new FakeApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${address.type.plural} "${address.name}": the object has been modified; please apply your changes to the latest version and try again`,
        objectDetails(address),
      );
    }
    const next: StoredObject = {
      object: clone(body),
      owners: copyOwners(current.owners),
      operations: new Map(current.operations),
    };
    this.#update(next, current.object, options.manager);
    return this.#commit(address, next, options.dryRun, false, current);
  }

  /** JSON merge patch (RFC 7386); strategic merge patch is served by it too. */
  merge(
    address: FakeObjectAddress,
    patch: Record<string, unknown>,
    options: FakeWriteOptions,
  ): KubernetesObject {
    const current = this.#require(address);
    const merged = mergePatch(clone(current.object), patch) as KubernetesObject;
    checkBody(address, merged);
    const next: StoredObject = {
      object: merged,
      owners: copyOwners(current.owners),
      operations: new Map(current.operations),
    };
    this.#update(next, current.object, options.manager);
    return this.#commit(address, next, options.dryRun, false, current);
  }

  /** Server-side apply with conflicts between managers. */
  apply(
    address: FakeObjectAddress,
    body: KubernetesObject,
    options: FakeWriteOptions & { force: boolean },
  ): { object: KubernetesObject; created: boolean } {
    checkBody(address, body);
    const current = this.#objects.get(storeKey(address));
    if (!current) {
      this.#checkNamespace(address);
    }
    const { manager } = options;
    const base: KubernetesObject = current
      ? clone(current.object)
      : {
          apiVersion: body.apiVersion,
          kind: body.kind,
          metadata: { name: address.name, namespace: address.namespace },
        };
    const owners = copyOwners(current?.owners);
    const { conflicts } = applyFields({
      base,
      owners,
      body,
      manager,
      force: options.force,
    });
    if (conflicts.length > 0) {
      const causes = conflicts.map(c => ({
        reason: 'FieldManagerConflict',
        message: `conflict with "${c.managers.join('", "')}"`,
        field: c.field,
      }));
      throw new FakeApiError(
        409,
        'Conflict',
        `Apply failed with ${causes.length} conflict(s): ${causes
          .map(c => `${c.message}: ${c.field}`)
          .join('; ')}`,
        { ...objectDetails(address), causes },
      );
    }

    const operations = new Map(current?.operations);
    operations.set(manager, 'Apply');
    const next = { object: base, owners, operations };
    return {
      object: this.#commit(address, next, options.dryRun, !current, current),
      created: !current,
    };
  }

  delete(address: FakeObjectAddress, dryRun: boolean): void {
    this.#require(address);
    if (!dryRun) {
      this.#delete(address);
    }
  }

  /** Stores an object as if `manager` had created it with an update. */
  seed(address: FakeObjectAddress, object: KubernetesObject, manager: string) {
    this.#delete(address);
    this.create(
      address,
      {
        ...object,
        metadata: { ...object.metadata, resourceVersion: undefined },
      },
      { manager, dryRun: false },
    );
  }

  #commit(
    address: FakeObjectAddress,
    next: StoredObject,
    dryRun: boolean,
    created: boolean,
    current?: StoredObject,
  ): KubernetesObject {
    const metadata = next.object.metadata;
    metadata.name = address.name;
    if (address.namespace) {
      metadata.namespace = address.namespace;
    }
    // Server-set fields survive whatever the client sent.
    delete metadata.managedFields;
    if (current) {
      metadata.uid = current.object.metadata.uid;
      metadata.creationTimestamp = current.object.metadata.creationTimestamp;
    }
    const unchanged =
      current !== undefined && comparable(current) === comparable(next);
    if (unchanged || dryRun) {
      metadata.resourceVersion = current?.object.metadata.resourceVersion;
      return this.#render(next);
    }
    this.#revision += 1;
    metadata.resourceVersion = String(this.#revision);
    if (created) {
      metadata.uid = `00000000-0000-4000-8000-${String(this.#revision).padStart(
        12,
        '0',
      )}`;
      metadata.creationTimestamp = new Date().toISOString();
    }
    this.#objects.set(storeKey(address), next);
    this.#sorted = undefined;
    return this.#render(next);
  }

  #update(
    stored: StoredObject,
    previous: KubernetesObject | undefined,
    manager: string,
  ) {
    const { owners, object: next } = stored;
    takeChangedFields({ owners, previous, next, manager });
    stored.operations.set(manager, 'Update');
  }

  #delete(address: FakeObjectAddress) {
    this.#objects.delete(storeKey(address));
    this.#sorted = undefined;
  }

  #ofType(type: FakeResourceType): StoredObject[] {
    if (!this.#sorted) {
      this.#sorted = new Map();
      const keys = [...this.#objects.keys()].sort((a, b) => a.localeCompare(b));
      for (const key of keys) {
        const prefix = key.split('/', 2).join('/');
        const list = this.#sorted.get(prefix) ?? [];
        list.push(this.#objects.get(key)!);
        this.#sorted.set(prefix, list);
      }
    }
    return this.#sorted.get([type.group, type.plural].join('/')) ?? [];
  }

  /**
   * A list item: rendered once per stored version and shared, since a list
   * answer is only serialized, as an API server serves lists from its
   * cache; a copy per item made the fake, not the client, the cost of a
   * large list.
   */
  #listed(stored: StoredObject): KubernetesObject {
    let rendered = this.#listItems.get(stored);
    if (!rendered) {
      rendered = Object.freeze(this.#render(stored)) as KubernetesObject;
      this.#listItems.set(stored, rendered);
    }
    return rendered;
  }

  #render(stored: StoredObject): KubernetesObject {
    // A stored object is never changed once committed (a write stores a new
    // one), so its managedFields are worked out once.
    let managedFields = this.#managedFields.get(stored);
    if (!managedFields) {
      managedFields = managedFieldsOf({
        owners: stored.owners,
        operations: stored.operations,
        apiVersion: stored.object.apiVersion,
      });
      this.#managedFields.set(stored, managedFields);
    }
    return clone({
      ...stored.object,
      metadata: { ...stored.object.metadata, managedFields },
    });
  }

  #require(address: FakeObjectAddress): StoredObject {
    const stored = this.#objects.get(storeKey(address));
    if (!stored) {
      throw notFound(address);
    }
    return stored;
  }

  #checkNamespace(address: FakeObjectAddress) {
    if (!address.type.namespaced || !address.namespace) {
      return;
    }
    const exists = this.#objects.has(
      ['', 'namespaces', '', address.namespace].join('/'),
    );
    if (!exists) {
      throw new FakeApiError(
        404,
        'NotFound',
        `namespaces "${address.namespace}" not found`,
        { name: address.namespace, kind: 'namespaces' },
      );
    }
  }
}

/** Content and ownership, without the resource version. */
function comparable(stored: StoredObject): string {
  const { resourceVersion: _ignored, ...metadata } = stored.object.metadata;
  return JSON.stringify({
    object: { ...stored.object, metadata },
    owners: [...stored.owners].map(([k, v]) => [k, [...v].sort()]).sort(),
    operations: [...stored.operations].sort(),
  });
}
