import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  TenantList,
  TenantStatus,
} from '@tenant-mesh/plugin-tenant-mesh-common';
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
    const query = host ? `?${new URLSearchParams({ host })}` : '';
    return this.#get(
      `/tenants/${encodeURIComponent(tenantId)}/availability${query}`,
    );
  }

  async getTenantStatus(
    tenantId: string,
    options?: { fresh?: boolean },
  ): Promise<TenantStatus> {
    const query = options?.fresh ? '?fresh=true' : '';
    return this.#get(`/tenants/${encodeURIComponent(tenantId)}/status${query}`);
  }

  async listTenants(options?: { fresh?: boolean }): Promise<TenantList> {
    const query = options?.fresh ? '?fresh=true' : '';
    return this.#get(`/tenants${query}`);
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('tenant-mesh');

    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
