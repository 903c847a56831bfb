import { JsonObject } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { platformConfig } from './__fixtures__/tenants';
import { readTenantCatalogConfig } from './readTenantCatalogConfig';

const read = (tenantMesh: JsonObject) =>
  readTenantCatalogConfig(mockServices.rootConfig({ data: { tenantMesh } }));

describe('readTenantCatalogConfig', () => {
  it('reads the GitOps repository and refreshes every 10 seconds by default', () => {
    const config = read({
      ...platformConfig,
      delivery: { target: 'gitops', gitops: { repository: '/data/gitops' } },
    });

    expect(config.source).toEqual({
      target: 'gitops',
      repositoryPath: '/data/gitops',
    });
    expect(config.schedule).toEqual({
      frequency: { seconds: 10 },
      timeout: { minutes: 1 },
      scope: 'global',
    });
    expect(config.platform.namespaces.tenant).toBe('tenant-{id}');
  });

  it('reads a configured schedule', () => {
    const config = read({
      ...platformConfig,
      catalog: { schedule: { frequency: 'PT1M', timeout: { seconds: 20 } } },
    });

    expect(config.schedule).toMatchObject({
      frequency: { minutes: 1 },
      timeout: { seconds: 20 },
    });
  });

  it.each([
    ['no delivery block', {}, { target: 'none' }],
    [
      'the cluster target',
      { delivery: { target: 'cluster' } },
      { target: 'cluster' },
    ],
  ])('reads %s', (_case, extra, source) => {
    expect(read({ ...platformConfig, ...extra }).source).toEqual(source);
  });

  it('refuses an unknown delivery target, naming the key', () => {
    expect(() =>
      read({ ...platformConfig, delivery: { target: 'ftp' } }),
    ).toThrow(
      new InputError(
        'tenantMesh.delivery.target must be gitops or cluster, got "ftp"',
      ),
    );
  });

  it('refuses the GitOps target without a repository', () => {
    expect(() =>
      read({ ...platformConfig, delivery: { target: 'gitops', gitops: {} } }),
    ).toThrow(/tenantMesh\.delivery\.gitops\.repository/);
  });

  it('refuses invalid platform settings', () => {
    expect(() => read({ ...platformConfig, baseDomains: [] })).toThrow(
      /tenantMesh\.baseDomains/,
    );
  });

  it('refuses an invalid schedule', () => {
    expect(() =>
      read({
        ...platformConfig,
        catalog: { schedule: { frequency: 'often' } },
      }),
    ).toThrow(/frequency/);
  });
});
