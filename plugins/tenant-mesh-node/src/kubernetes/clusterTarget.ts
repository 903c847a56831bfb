import {
  FIELD_MANAGER,
  KubernetesObject,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { AppliedAction, actionOf, toPlain } from './appliedAction';
import { sortForApply, sortForDelete } from './applyOrder';
import { Backoff, jitteredBackoff } from './backoff';
import {
  ClusterResourceEntity,
  kubeConfigFromClusterEntity,
} from './clusterEntity';
import { hasStatusCode, toKubernetesError } from './kubernetesErrors';
import { KubernetesReader } from './kubernetesReader';
import { isManagedByTenantMesh, toApplyConfiguration } from './managedLabel';
import { describeRef, KubernetesObjectRef, refOf } from './objectRef';
import {
  SharedObjectMutation,
  SharedObjectUpdateResult,
  updateSharedObject,
} from './sharedObjectUpdate';

/** What `apply` did to one object. */
export interface AppliedObject {
  ref: KubernetesObjectRef;
  resourceVersion?: string;
  action: AppliedAction;
}

/** What `delete` did to one object. */
export interface DeletedObject {
  ref: KubernetesObjectRef;
  /** False when the object was already gone. */
  deleted: boolean;
}

/** Options of every factory. */
export interface KubernetesTargetOptions {
  /** Waits between attempts of `updateShared`; jittered exponential by default. */
  backoff?: Backoff;
}

/**
 * One Kubernetes cluster that Tenant Mesh delivers a tenant's objects to. It
 * applies with server-side apply under one field manager, touches only
 * objects that carry Tenant Mesh's managed-by label, and updates shared
 * objects with optimistic concurrency.
 */
export class KubernetesTarget {
  readonly #client: KubernetesObjectApi;
  readonly #backoff: Backoff;
  readonly #kubeConfig: KubeConfig;
  #reader?: KubernetesReader;

  /** The URL of the API server; carries no credentials. */
  readonly server: string;

  /** A target for the current (or given) context of a kubeconfig. */
  static fromKubeConfig(
    kubeConfig: KubeConfig,
    options: KubernetesTargetOptions = {},
  ): KubernetesTarget {
    return new KubernetesTarget(kubeConfig, options);
  }

  /** A target for a context of a kubeconfig file, by default its current one. */
  static fromKubeconfigFile(
    path: string,
    context?: string,
    options: KubernetesTargetOptions = {},
  ): KubernetesTarget {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(path);
    if (context) {
      if (!kubeConfig.getContextObject(context)) {
        throw new InputError(`The kubeconfig has no context named ${context}`);
      }
      kubeConfig.setCurrentContext(context);
    }
    return new KubernetesTarget(kubeConfig, options);
  }

  /** A target for the cluster this process runs in, with its service account. */
  static inCluster(
    options: KubernetesTargetOptions & { pathPrefix?: string } = {},
  ): KubernetesTarget {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromCluster(options.pathPrefix);
    return new KubernetesTarget(kubeConfig, options);
  }

  /**
   * A target for a catalog Resource of type `kubernetes-cluster`. The token
   * of the service account comes from the caller's secrets, never from the
   * entity.
   */
  static fromClusterEntity(
    entity: ClusterResourceEntity,
    options: KubernetesTargetOptions & { token: string },
  ): KubernetesTarget {
    const kubeConfig = kubeConfigFromClusterEntity(entity, options.token);
    return new KubernetesTarget(kubeConfig, options);
  }

  private constructor(
    kubeConfig: KubeConfig,
    options: KubernetesTargetOptions,
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new InputError('The kubeconfig has no current cluster');
    }
    this.server = cluster.server;
    this.#kubeConfig = kubeConfig;
    this.#client = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.#backoff = options.backoff ?? jitteredBackoff;
  }

  /**
   * The read side of the same cluster, as the same service account. One
   * reader per target, so client-node's API discovery is done once.
   */
  reader(): KubernetesReader {
    this.#reader ??= KubernetesReader.fromKubeConfig(this.#kubeConfig);
    return this.#reader;
  }

  /**
   * Refuses, before anything changes, when one of the objects exists without
   * Tenant Mesh's managed-by label: someone else owns it, and applying would
   * take it over.
   */
  async preflight(objects: readonly KubernetesObject[]): Promise<void> {
    await this.#readOwned(objects);
  }

  /**
   * Server-side applies the objects in order, namespaces first, as field
   * manager `tenant-mesh`. Runs the preflight first, so an object owned by
   * someone else stops the whole apply before the first write.
   */
  async apply(
    objects: readonly KubernetesObject[],
    options: { dryRun?: boolean } = {},
  ): Promise<AppliedObject[]> {
    const desired = sortForApply(objects).map(toApplyConfiguration);
    const existing = await this.#readOwned(desired);

    const results: AppliedObject[] = [];
    for (const [index, object] of desired.entries()) {
      const before = existing[index];
      const ref = refOf(object);
      let after: KubernetesObject;
      try {
        after = toPlain(
          await this.#client.patch(
            object,
            undefined,
            options.dryRun ? 'All' : undefined,
            FIELD_MANAGER,
            // Take fields over from other managers only on objects we own.
            before ? true : undefined,
            PatchStrategy.ServerSideApply,
          ),
        );
      } catch (error) {
        throw toKubernetesError(error, 'apply', ref);
      }
      results.push({
        ref,
        resourceVersion: after.metadata.resourceVersion,
        action: actionOf(before, after, options.dryRun ?? false),
      });
    }
    return results;
  }

  /**
   * Read-modify-write of a shared object (the central Envoy's ConfigMap, the
   * shared Gateway), retried on 409 so concurrent onboardings never lose an
   * update. See updateSharedObject.
   */
  async updateShared(
    ref: KubernetesObjectRef,
    mutate: SharedObjectMutation,
    options: { maxAttempts?: number } = {},
  ): Promise<SharedObjectUpdateResult> {
    const maxAttempts = options.maxAttempts ?? 10;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InputError('maxAttempts must be a positive integer');
    }
    return updateSharedObject({
      ref,
      mutate,
      maxAttempts,
      backoff: this.#backoff,
      access: {
        read: () => this.#read(ref),
        create: async object =>
          toPlain(
            await this.#client.create(
              object,
              undefined,
              undefined,
              FIELD_MANAGER,
            ),
          ),
        replace: async object =>
          toPlain(
            await this.#client.replace(
              object,
              undefined,
              undefined,
              FIELD_MANAGER,
            ),
          ),
      },
    });
  }

  /**
   * Deletes the objects in reverse apply order; objects already gone count
   * as done. Like apply, refuses when one of them is not Tenant Mesh's.
   */
  async delete(objects: readonly KubernetesObject[]): Promise<DeletedObject[]> {
    const ordered = sortForDelete(objects);
    await this.#readOwned(ordered);

    const results: DeletedObject[] = [];
    for (const object of ordered) {
      const ref = refOf(object);
      try {
        // client-node fills in defaults on the object it is given.
        await this.#client.delete(structuredClone(object));
        results.push({ ref, deleted: true });
      } catch (error) {
        if (!hasStatusCode(error, 404)) {
          throw toKubernetesError(error, 'delete', ref);
        }
        results.push({ ref, deleted: false });
      }
    }
    return results;
  }

  /** Reads every object; throws NotAllowedError listing the unowned ones. */
  async #readOwned(
    objects: readonly KubernetesObject[],
  ): Promise<Array<KubernetesObject | undefined>> {
    const existing: Array<KubernetesObject | undefined> = [];
    for (const object of objects) {
      existing.push(await this.#read(refOf(object)));
    }
    const foreign = existing.filter(
      (o): o is KubernetesObject =>
        o !== undefined && !isManagedByTenantMesh(o),
    );
    if (foreign.length > 0) {
      throw new NotAllowedError(
        `Refusing to change objects that Tenant Mesh does not manage: ${foreign
          .map(o => describeRef(refOf(o)))
          .join(', ')}`,
      );
    }
    return existing;
  }

  async #read(ref: KubernetesObjectRef): Promise<KubernetesObject | undefined> {
    try {
      return toPlain(
        await this.#client.read({
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        }),
      );
    } catch (error) {
      if (hasStatusCode(error, 404)) {
        return undefined;
      }
      throw toKubernetesError(error, 'read', ref);
    }
  }
}
