import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readClusterAccess, readDeliverySettings } from './deliverySettings';

const KEY = 'tenantMesh.delivery';

/** app-config with this `tenantMesh.delivery` block. */
function withDelivery(delivery: object) {
  return new ConfigReader({ tenantMesh: { delivery } });
}

describe('readDeliverySettings', () => {
  it('is undefined without a delivery block', () => {
    expect(readDeliverySettings(new ConfigReader({}))).toBeUndefined();
  });

  it('reads the GitOps target with the cluster its secrets go to', () => {
    const config = withDelivery({
      target: 'gitops',
      gitops: {
        repository: '/data/gitops',
        secretsCluster: { inCluster: true },
      },
    });

    expect(readDeliverySettings(config)).toEqual({
      target: 'gitops',
      repository: '/data/gitops',
      secretsCluster: expect.objectContaining({ inCluster: true }),
    });
  });

  it('reads the cluster target', () => {
    const config = withDelivery({
      target: 'cluster',
      cluster: { kubeconfig: '/etc/kube/config', context: 'prod' },
    });

    expect(readDeliverySettings(config)).toEqual({
      target: 'cluster',
      cluster: expect.objectContaining({
        kubeconfig: '/etc/kube/config',
        context: 'prod',
      }),
    });
  });

  // Read at startup: a bad value is the operator's mistake, never a 400.
  it.each([
    [
      'an unknown target',
      { target: 'ftp' },
      `${KEY}.target must be gitops or cluster, got "ftp"`,
    ],
    [
      'a cluster reached no way',
      { target: 'cluster', cluster: {} },
      `${KEY}.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got none`,
    ],
    [
      'a cluster reached two ways',
      { target: 'cluster', cluster: { inCluster: true, entityRef: 'r:c' } },
      `${KEY}.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got inCluster and entityRef`,
    ],
    [
      'a context without a kubeconfig',
      { target: 'cluster', cluster: { inCluster: true, context: 'prod' } },
      `${KEY}.cluster.context needs ${KEY}.cluster.kubeconfig`,
    ],
    [
      'an entity without a token',
      { target: 'cluster', cluster: { entityRef: 'resource:default/c' } },
      `${KEY}.cluster.entityRef needs ${KEY}.cluster.serviceAccountToken, the token of a service account on that cluster`,
    ],
    [
      'a Kubernetes plugin cluster that is not listed',
      { target: 'cluster', cluster: { kubernetesCluster: 'prod' } },
      `${KEY}.cluster.kubernetesCluster names the cluster prod, which kubernetes.clusterLocatorMethods (type config) does not list; it lists none`,
    ],
  ])('refuses %s, naming the key and the rule', (_case, delivery, message) => {
    const read = () => readDeliverySettings(withDelivery(delivery));

    expect(read).toThrow(message);
    expect(read).not.toThrow(InputError);
  });
});

describe('readClusterAccess', () => {
  it('cannot read a Kubernetes plugin cluster without the root config', () => {
    const read = () =>
      readClusterAccess(
        new ConfigReader({ kubernetesCluster: 'prod' }),
        'tenantMesh.status.cluster',
      );

    expect(read).toThrow(
      "tenantMesh.status.cluster.kubernetesCluster cannot be read here: the Kubernetes plugin's clusters are not at hand",
    );
    expect(read).not.toThrow(InputError);
  });
});
