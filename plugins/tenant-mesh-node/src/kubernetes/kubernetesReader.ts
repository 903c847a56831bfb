import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { toPlain } from './appliedAction';
import { hasStatusCode, toKubernetesError } from './kubernetesErrors';
import { KubernetesObjectRef } from './objectRef';

/** Which objects to list. */
export interface KubernetesListQuery {
  apiVersion: string;
  kind: string;
  /** Unset lists across the whole cluster. */
  namespace?: string;
  /** e.g. `tenant-mesh.io/tenant=acme`, or `tenant-mesh.io/tenant` for "has the label". */
  labelSelector?: string;
  fieldSelector?: string;
}

/** Objects per page; the API server's default page is unbounded. */
const PAGE_SIZE = 500;

/**
 * The read side of one Kubernetes cluster: lists and gets, as plain JSON
 * data. Built from the same kubeconfig as a KubernetesTarget, so reads and
 * writes reach the same cluster as the same service account.
 */
export class KubernetesReader {
  readonly #client: KubernetesObjectApi;

  /** The URL of the API server; carries no credentials. */
  readonly server: string;

  static fromKubeConfig(kubeConfig: KubeConfig): KubernetesReader {
    return new KubernetesReader(kubeConfig);
  }

  private constructor(kubeConfig: KubeConfig) {
    this.server = kubeConfig.getCurrentCluster()?.server ?? '';
    this.#client = KubernetesObjectApi.makeApiClient(kubeConfig);
  }

  /**
   * Every object matching the query, following `continue` tokens until the
   * last page.
   *
   * @throws the Backstage error of the API server's answer, naming the kind.
   */
  async list(query: KubernetesListQuery): Promise<KubernetesObject[]> {
    const { apiVersion, kind, namespace, labelSelector, fieldSelector } = query;
    const items: KubernetesObject[] = [];
    let continueToken: string | undefined;
    do {
      let page;
      try {
        page = await this.#client.list(
          apiVersion,
          kind,
          namespace,
          undefined,
          undefined,
          undefined,
          fieldSelector,
          labelSelector,
          PAGE_SIZE,
          continueToken,
        );
      } catch (error) {
        throw toKubernetesError(error, 'list', {
          apiVersion,
          kind,
          namespace,
          name: labelSelector ? `(${labelSelector})` : '*',
        });
      }
      // A list answer's items carry no apiVersion and kind; put them back.
      items.push(
        ...page.items.map(item => ({ ...toPlain(item), apiVersion, kind })),
      );
      // Deserialized list metadata names the token `_continue`; raw JSON `continue`.
      const metadata = (page.metadata ?? {}) as {
        _continue?: string;
        continue?: string;
      };
      continueToken = metadata._continue || metadata.continue || undefined;
    } while (continueToken);
    return items;
  }

  /** The object, or undefined when the API server answers 404. */
  async get(ref: KubernetesObjectRef): Promise<KubernetesObject | undefined> {
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
