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
      timeout: { seconds: 30 },
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
      { delivery: { target: 'cluster', cluster: { inCluster: true } } },
      { target: 'cluster', cluster: { inCluster: true } },
    ],
  ])('reads %s', (_case, extra, source) => {
    expect(read({ ...platformConfig, ...extra }).source).toEqual(source);
  });

  // The same rules as the scaffolder module's, which reads the block too.
  it.each([
    [
      'an unknown delivery target',
      { target: 'ftp' },
      'tenantMesh.delivery.target must be gitops or cluster, got "ftp"',
    ],
    [
      'the cluster target without a cluster',
      { target: 'cluster' },
      'tenantMesh.delivery.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got none',
    ],
    [
      'a cluster reached two ways',
      { target: 'cluster', cluster: { inCluster: true, kubeconfig: '/k' } },
      'tenantMesh.delivery.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got kubeconfig and inCluster',
    ],
    [
      'a secrets cluster without a way to reach it',
      { target: 'gitops', gitops: { repository: '/r', secretsCluster: {} } },
      'tenantMesh.delivery.gitops.secretsCluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got none',
    ],
  ])('refuses %s as bad config, naming the key', (_case, delivery, message) => {
    const readDelivery = () => read({ ...platformConfig, delivery });

    expect(readDelivery).toThrow(message);
    expect(readDelivery).not.toThrow(InputError);
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
