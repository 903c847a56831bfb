import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TenantAvailability, TenantMeshApi } from './TenantMeshApi';

/**
 * Calls the Tenant Mesh backend with the signed-in user's credentials.
 *
 * @public
 */
export class TenantMeshClient implements TenantMeshApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async checkAvailability(
    tenantId: string,
    host?: string,
  ): Promise<TenantAvailability> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('tenant-mesh');
    const query = host ? `?${new URLSearchParams({ host })}` : '';
    const url = `${baseUrl}/tenants/${encodeURIComponent(
      tenantId,
    )}/availability${query}`;

    const response = await this.#fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
