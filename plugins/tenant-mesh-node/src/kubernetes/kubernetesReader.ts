import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  KubeConfig,
  KubernetesObject as ClientObject,
  KubernetesObjectApi,
  ResponseContext,
  SelfDecodingBody,
} from '@kubernetes/client-node';
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
 * A KubernetesObjectApi whose list answers are the API server's JSON as is.
 * Its deserializer reads the list metadata of a custom resource (a
 * VirtualService, say) as an object's and drops `continue`, so a paged list
 * ended after its first page; the reader wants plain JSON anyway.
 */
class PlainListObjectApi extends KubernetesObjectApi {
  static forKubeConfig(kubeConfig: KubeConfig): PlainListObjectApi {
    const client = kubeConfig.makeApiClient(PlainListObjectApi);
    client.setDefaultNamespace(kubeConfig);
    return client;
  }

  protected override async processResponse<T extends ClientObject>(
    response: ResponseContext,
    type?: string,
  ): Promise<T> {
    const ok = response.httpStatusCode >= 200 && response.httpStatusCode < 300;
    if (!ok || type !== undefined) {
      return super.processResponse(response, type);
    }
    const text = await response.body.text();
    const data = JSON.parse(text);
    if (typeof data?.kind === 'string' && data.kind.endsWith('List')) {
      return data;
    }
    // Not a list: the usual deserialization, from the text already read.
    return super.processResponse(
      new ResponseContext(
        response.httpStatusCode,
        response.headers,
        new SelfDecodingBody(Promise.resolve(Buffer.from(text))),
      ),
      type,
    );
  }
}

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
    this.#client = PlainListObjectApi.forKubeConfig(kubeConfig);
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
      // They are parsed JSON already (see PlainListObjectApi): no copy.
      for (const item of page.items as KubernetesObject[]) {
        items.push({ ...item, apiVersion, kind });
      }
      const metadata = (page.metadata ?? {}) as { continue?: string };
      continueToken = metadata.continue || undefined;
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
