import {
  FIELD_MANAGER,
  MANAGED_BY_LABEL,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import {
  FakeKubernetesApi,
  RecordedRequest,
  startFakeKubernetesApi,
} from '../testUtils';
import {
  acmeAuthorizationPolicy,
  acmeNamespace,
  acmeObjects,
  acmeProxyConfig,
  foreign,
} from './__fixtures__/acmeObjects';
import { KubernetesTarget } from './clusterTarget';
import { refOf } from './objectRef';

describe('KubernetesTarget', () => {
  let api: FakeKubernetesApi;
  let target: KubernetesTarget;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(api.kubeConfig());
    target = KubernetesTarget.fromKubeConfig(kubeConfig);
  });

  afterEach(() => api.close());

  const writes = () => api.requests.filter(r => !['GET'].includes(r.method));
  const isDiscovery = (r: RecordedRequest) => !r.path.includes('/namespaces');

  describe('apply', () => {
    it('server-side applies each object, namespaces first', async () => {
      const results = await target.apply(acmeObjects);

      expect(results.map(r => [r.ref.kind, r.action])).toEqual([
        ['Namespace', 'created'],
        ['ConfigMap', 'created'],
        ['AuthorizationPolicy', 'created'],
      ]);
      expect(writes()).toEqual([
        {
          method: 'PATCH',
          path: '/api/v1/namespaces/tenant-acme',
          contentType: 'application/apply-patch+yaml',
          query: { fieldManager: FIELD_MANAGER },
        },
        {
          method: 'PATCH',
          path: '/api/v1/namespaces/tenant-acme/configmaps/acme-oauth2-proxy',
          contentType: 'application/apply-patch+yaml',
          query: { fieldManager: FIELD_MANAGER },
        },
        {
          method: 'PATCH',
          path: '/apis/security.istio.io/v1/namespaces/tenant-acme/authorizationpolicies/acme-ext-authz',
          contentType: 'application/apply-patch+yaml',
          query: { fieldManager: FIELD_MANAGER },
        },
      ]);
      for (const object of api.objects()) {
        expect(object.metadata.labels?.[MANAGED_BY_LABEL]).toBe('tenant-mesh');
        expect(object.metadata.managedFields).toEqual([
          expect.objectContaining({
            manager: FIELD_MANAGER,
            operation: 'Apply',
          }),
        ]);
      }
      console.info(
        `apply of 3 new objects: ${api.requests.length} requests, ${
          api.requests.filter(isDiscovery).length
        } of them discovery`,
      );
    });

    it('re-applies as unchanged, forcing only objects it owns', async () => {
      const first = await target.apply(acmeObjects);
      const count = api.objects().length;
      api.requests.length = 0;

      const second = await target.apply(acmeObjects);

      expect(second.map(r => r.action)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged',
      ]);
      expect(second.map(r => r.resourceVersion)).toEqual(
        first.map(r => r.resourceVersion),
      );
      expect(api.objects()).toHaveLength(count);
      expect(writes().map(r => r.query)).toEqual(
        Array(3).fill({ fieldManager: FIELD_MANAGER, force: 'true' }),
      );
      console.info(`re-apply of 3 objects: ${api.requests.length} requests`);
    });

    it('reports a changed object as configured', async () => {
      await target.apply(acmeObjects);
      const changed = {
        ...acmeProxyConfig,
        data: {
          'oauth2-proxy.cfg': 'provider = "oidc"\nemail_domains = "*"\n',
        },
      };

      const [result] = await target.apply([changed]);

      expect(result.action).toBe('configured');
      expect(api.getObject(result.ref)?.data).toEqual(changed.data);
    });

    it('refuses objects it does not manage and sends no write', async () => {
      api.seed([foreign(acmeNamespace), foreign(acmeAuthorizationPolicy)]);

      const error = await target.apply(acmeObjects).catch(e => e);

      expect(error).toBeInstanceOf(NotAllowedError);
      expect(error.message).toContain('Namespace tenant-acme');
      expect(error.message).toContain(
        'AuthorizationPolicy tenant-acme/acme-ext-authz',
      );
      expect(error.message).not.toContain('ConfigMap');
      expect(writes()).toEqual([]);
      expect(
        api.getObject(refOf(acmeAuthorizationPolicy))?.metadata.labels,
      ).toEqual({
        'tenant-mesh.io/tenant': 'acme',
        team: 'other',
      });
    });

    it('preflight passes for owned and missing objects', async () => {
      await target.apply([acmeNamespace]);
      await expect(target.preflight(acmeObjects)).resolves.toBeUndefined();
      api.seed([foreign(acmeProxyConfig)]);
      await expect(target.preflight(acmeObjects)).rejects.toThrow(
        'ConfigMap tenant-acme/acme-oauth2-proxy',
      );
    });

    it('sends dryRun=All and changes nothing', async () => {
      await target.apply([acmeNamespace]);
      const before = api.objects();
      api.requests.length = 0;

      const results = await target.apply(acmeObjects, { dryRun: true });

      expect(results.map(r => r.action)).toEqual([
        'unchanged',
        'created',
        'created',
      ]);
      expect(writes().map(r => r.query.dryRun)).toEqual(['All', 'All', 'All']);
      expect(api.objects()).toEqual(before);
    });

    it.each([
      [415, 'UnsupportedMediaType', 'ForwardedError'],
      [409, 'Conflict', 'ConflictError'],
      [403, 'Forbidden', 'NotAllowedError'],
      [404, 'NotFound', 'NotFoundError'],
      [422, 'Invalid', 'InputError'],
    ])('maps %s to an error naming the object', async (code, reason, name) => {
      await target.apply([acmeNamespace]);
      api.inject({
        method: 'PATCH',
        path: /authorizationpolicies/,
        code,
        reason,
      });

      const error = await target.apply(acmeObjects).catch(e => e);

      expect(error.name).toBe(code === 415 ? 'KubernetesApiError' : name);
      expect(error.message).toMatch(
        /^Could not apply AuthorizationPolicy tenant-acme\/acme-ext-authz; caused by KubernetesApiError: HTTP \d+/,
      );
      expect(error.cause).toMatchObject({ code, reason });
      expect(error.cause.cause).toMatchObject({ code });
    });

    it('refuses a plan object labelled as managed by another tool', async () => {
      const helm = {
        ...acmeNamespace,
        metadata: { name: 'x', labels: { [MANAGED_BY_LABEL]: 'Helm' } },
      };
      await expect(target.apply([helm])).rejects.toThrow(
        'Namespace x has label app.kubernetes.io/managed-by=Helm',
      );
      expect(api.requests).toEqual([]);
    });
  });

  describe('delete', () => {
    it('deletes in reverse order and ignores objects already gone', async () => {
      await target.apply([acmeNamespace, acmeProxyConfig]);
      api.requests.length = 0;

      const results = await target.delete(acmeObjects);

      expect(results.map(r => [r.ref.kind, r.deleted])).toEqual([
        ['AuthorizationPolicy', false],
        ['ConfigMap', true],
        ['Namespace', true],
      ]);
      expect(api.objects()).toEqual([]);
    });

    it('refuses to delete objects it does not manage', async () => {
      api.seed([foreign(acmeNamespace)]);
      await expect(target.delete([acmeNamespace])).rejects.toBeInstanceOf(
        NotAllowedError,
      );
      expect(writes()).toEqual([]);
    });
  });

  describe('updateShared', () => {
    const envoyRef = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'tenant-mesh-system',
      name: 'central-envoy-tenants',
    };
    const addTenant =
      (tenantId: string) =>
      (
        current: Parameters<Parameters<KubernetesTarget['updateShared']>[1]>[0],
      ) => {
        const base = current ?? {
          apiVersion: envoyRef.apiVersion,
          kind: envoyRef.kind,
          metadata: { name: envoyRef.name, namespace: envoyRef.namespace },
        };
        const data = (base.data ?? {}) as Record<string, string>;
        return {
          ...base,
          data: { ...data, [tenantId]: `${tenantId}.example.com` },
        };
      };

    beforeEach(() => {
      api.seed([
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: envoyRef.namespace },
        },
      ]);
    });

    it('creates the object when absent, then writes with its resourceVersion', async () => {
      const created = await target.updateShared(envoyRef, addTenant('acme'));
      const updated = await target.updateShared(envoyRef, addTenant('globex'));

      expect(created).toMatchObject({
        changed: true,
        attempts: 1,
        conflicts: 0,
      });
      expect(updated.changed).toBe(true);
      const put = api.requests.find(r => r.method === 'PUT');
      expect(put).toMatchObject({ contentType: 'application/json' });
      expect(api.getObject(envoyRef)?.data).toEqual({
        acme: 'acme.example.com',
        globex: 'globex.example.com',
      });
    });

    it('sends nothing when the mutation changes nothing', async () => {
      await target.updateShared(envoyRef, addTenant('acme'));
      api.requests.length = 0;

      const result = await target.updateShared(envoyRef, addTenant('acme'));

      expect(result.changed).toBe(false);
      expect(writes()).toEqual([]);
    });

    it('re-reads and retries after a 409', async () => {
      await target.updateShared(envoyRef, addTenant('acme'));
      api.conflictNextPut();

      const result = await target.updateShared(envoyRef, addTenant('globex'));

      expect(result).toMatchObject({ attempts: 2, conflicts: 1 });
      expect(Object.keys(api.getObject(envoyRef)?.data ?? {})).toEqual([
        'acme',
        'globex',
      ]);
    });

    it('refuses a mutation that returns another object', async () => {
      const error = await target
        .updateShared(envoyRef, current => ({
          ...addTenant('acme')(current),
          metadata: { name: 'other', namespace: envoyRef.namespace },
        }))
        .catch(e => e);

      expect(error).toBeInstanceOf(InputError);
      expect(writes()).toEqual([]);
    });

    it('gives up with a ConflictError after maxAttempts', async () => {
      await target.updateShared(envoyRef, addTenant('acme'));
      api.inject({ method: 'PUT', code: 409, reason: 'Conflict', times: 3 });

      const error = await target
        .updateShared(envoyRef, addTenant('globex'), { maxAttempts: 3 })
        .catch(e => e);

      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toContain(
        'ConfigMap tenant-mesh-system/central-envoy-tenants',
      );
    });

    it('loses no update with 20 concurrent writers', async () => {
      const tenants = Array.from({ length: 20 }, (_, i) => `tenant-${i}`);

      // 20 attempts are always enough: a writer's 409 means another writer
      // succeeded, and each writer succeeds once.
      const results = await Promise.all(
        tenants.map(t =>
          target.updateShared(envoyRef, addTenant(t), { maxAttempts: 20 }),
        ),
      );

      expect(Object.keys(api.getObject(envoyRef)?.data ?? {}).sort()).toEqual(
        [...tenants].sort(),
      );
      const conflicts = results.reduce((sum, r) => sum + r.conflicts, 0);
      console.info(
        `20 concurrent updateShared: ${conflicts} retries after 409, ${api.requests.length} requests`,
      );
    });
  });
});
