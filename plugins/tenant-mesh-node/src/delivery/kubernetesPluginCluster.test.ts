import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubernetesTarget } from '../kubernetes';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '../testUtils/fakeKubernetesApi';
import { readClusterAccess } from './deliverySettings';
import {
  kubeConfigOfKubernetesPluginCluster,
  readKubernetesPluginCluster,
} from './kubernetesPluginCluster';

const KEY = 'tenantMesh.status.cluster.kubernetesCluster';

/** app-config with the Kubernetes plugin's config locator listing these clusters. */
function rootConfig(clusters: object[]) {
  return new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        { type: 'catalog' },
        { type: 'config', clusters },
      ],
    },
  });
}

describe('readKubernetesPluginCluster', () => {
  it('reads a cluster as the Kubernetes plugin does, token in its auth metadata', () => {
    const config = rootConfig([
      {
        name: 'prod',
        url: 'https://prod.example.net',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'sa-token',
        caData: 'Q0E=',
      },
    ]);

    expect(readKubernetesPluginCluster(config, 'prod', KEY)).toEqual({
      name: 'prod',
      url: 'https://prod.example.net',
      skipTLSVerify: false,
      caData: 'Q0E=',
      caFile: undefined,
      authMetadata: {
        'kubernetes.io/auth-provider': 'serviceAccount',
        serviceAccountToken: 'sa-token',
      },
    });
  });

  it('keeps the role an EKS cluster is reached with', () => {
    const config = rootConfig([
      {
        name: 'eks',
        url: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'tenants',
        },
        assumeRole: 'arn:aws:iam::123456789012:role/tenant-mesh',
      },
    ]);

    expect(
      readKubernetesPluginCluster(config, 'eks', KEY).authMetadata,
    ).toEqual({
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/x-k8s-aws-id': 'tenants',
      'kubernetes.io/aws-assume-role':
        'arn:aws:iam::123456789012:role/tenant-mesh',
    });
  });

  it('names the key and the clusters there are when the name is not one of them', () => {
    const config = rootConfig([
      { name: 'prod', url: 'https://p', authProvider: 'serviceAccount' },
    ]);

    const read = () => readKubernetesPluginCluster(config, 'staging', KEY);

    expect(read).toThrow(
      `${KEY} names the cluster staging, which kubernetes.clusterLocatorMethods (type config) does not list; it lists prod`,
    );
    // A config mistake, not a bad request: never a 400.
    expect(read).not.toThrow(InputError);
  });

  it.each(['google', 'oidc', 'aks'])(
    'refuses a cluster reached with the signed-in user’s token (%s)',
    authProvider => {
      const config = rootConfig([
        { name: 'prod', url: 'https://p', authProvider },
      ]);

      const read = () => readKubernetesPluginCluster(config, 'prod', KEY);

      expect(read).toThrow(
        new RegExp(
          `^${KEY}: the cluster prod authenticates with ${authProvider}; Tenant Mesh reads and writes as the backend`,
        ),
      );
      expect(read).not.toThrow(InputError);
    },
  );

  it('is one of the ways a cluster access block may name, and only one', () => {
    const config = rootConfig([
      { name: 'prod', url: 'https://p', authProvider: 'serviceAccount' },
    ]);
    const access = (block: object) =>
      readClusterAccess(
        new ConfigReader(block),
        'tenantMesh.status.cluster',
        config,
      );

    expect(access({ kubernetesCluster: 'prod' }).kubernetesCluster?.name).toBe(
      'prod',
    );
    expect(() =>
      access({ kubernetesCluster: 'prod', inCluster: true }),
    ).toThrow(
      'tenantMesh.status.cluster must set exactly one of kubeconfig, inCluster, entityRef or kubernetesCluster, got inCluster and kubernetesCluster',
    );
  });
});

describe('kubeConfigOfKubernetesPluginCluster', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await startFakeKubernetesApi({ token: 'plugin-sa-token' });
  });

  afterEach(() => api.close());

  it('reaches the cluster with the token of the Kubernetes plugin’s config', async () => {
    api.seed([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'tenant-acme' },
      },
    ]);
    const config = rootConfig([
      {
        name: 'fake',
        url: api.url,
        // The fake serves plain HTTP, which client-node allows only so.
        skipTLSVerify: true,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'plugin-sa-token',
      },
    ]);
    const cluster = readKubernetesPluginCluster(config, 'fake', KEY);

    const kubeConfig = await kubeConfigOfKubernetesPluginCluster(
      cluster,
      config,
    );
    const reader = KubernetesTarget.fromKubeConfig(kubeConfig).reader();

    expect(
      (await reader.list({ apiVersion: 'v1', kind: 'Namespace' })).map(
        n => n.metadata.name,
      ),
    ).toEqual(['tenant-acme']);
  });

  it('is refused by the cluster with another token', async () => {
    const config = rootConfig([
      {
        name: 'fake',
        url: api.url,
        // The fake serves plain HTTP, which client-node allows only so.
        skipTLSVerify: true,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'stale-token',
      },
    ]);
    const cluster = readKubernetesPluginCluster(config, 'fake', KEY);

    const kubeConfig = await kubeConfigOfKubernetesPluginCluster(
      cluster,
      config,
    );
    const reader = KubernetesTarget.fromKubeConfig(kubeConfig).reader();

    await expect(
      reader.list({ apiVersion: 'v1', kind: 'Namespace' }),
    ).rejects.toThrow(/401|Unauthorized/);
  });
});

describe('an EKS cluster of the Kubernetes plugin', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    // Signing is local: with keys in the environment no AWS call is made.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY =
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    process.env.AWS_REGION = 'us-east-1';
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('gets the token the Kubernetes plugin signs for the cluster (aws)', async () => {
    const config = rootConfig([
      {
        name: 'eks',
        url: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'tenants',
        },
      },
    ]);
    const cluster = readKubernetesPluginCluster(config, 'eks', KEY);

    const kubeConfig = await kubeConfigOfKubernetesPluginCluster(
      cluster,
      config,
    );

    const token = kubeConfig.getCurrentUser()?.token ?? '';
    expect(token).toMatch(/^k8s-aws-v1\./);
    const presigned = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
    );
    expect(presigned.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(presigned.searchParams.get('X-Amz-SignedHeaders')).toContain(
      'x-k8s-aws-id',
    );
    expect(kubeConfig.getCurrentCluster()?.server).toBe(
      'https://ABC.gr7.us-east-1.eks.amazonaws.com',
    );
  });
});
