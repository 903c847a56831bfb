import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { FakeKubernetesApi, startFakeKubernetesApi } from '../testUtils';
import { acmeNamespace } from './__fixtures__/acmeObjects';
import {
  API_SERVER_ANNOTATION,
  API_SERVER_CA_ANNOTATION,
  kubeConfigFromClusterEntity,
} from './clusterEntity';
import { KubernetesTarget } from './clusterTarget';

describe('KubernetesTarget factories', () => {
  let api: FakeKubernetesApi;
  let dir: string;

  beforeEach(async () => {
    api = await startFakeKubernetesApi();
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-kube-'));
  });

  afterEach(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a kubeconfig file and sends its token', async () => {
    const path = join(dir, 'kubeconfig');
    await writeFile(path, api.kubeConfig());

    const target = KubernetesTarget.fromKubeconfigFile(path, 'fake');
    await target.apply([acmeNamespace]);

    expect(target.server).toBe(api.url);
    expect(api.objects()).toHaveLength(1);
  });

  it('refuses an unknown context', async () => {
    const path = join(dir, 'kubeconfig');
    await writeFile(path, api.kubeConfig());

    expect(() => KubernetesTarget.fromKubeconfigFile(path, 'prod')).toThrow(
      InputError,
    );
  });

  it('reads the service account of the pod it runs in', async () => {
    const accountDir = join(
      dir,
      'var/run/secrets/kubernetes.io/serviceaccount',
    );
    await mkdir(accountDir, { recursive: true });
    await writeFile(join(accountDir, 'token'), 'pod-token');
    await writeFile(join(accountDir, 'ca.crt'), 'not a real certificate');
    const env = { ...process.env };
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    try {
      const target = KubernetesTarget.inCluster({ pathPrefix: dir });
      expect(target.server).toBe('https://10.0.0.1:443');
    } finally {
      process.env = env;
    }
  });

  describe('from a catalog cluster entity', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'eks-prod',
        annotations: {
          [API_SERVER_ANNOTATION]: 'https://eks.example.com',
          [API_SERVER_CA_ANNOTATION]: 'LS0tLS1CRUdJTi0tLS0t',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
    };

    it('uses the annotations and the token passed in', () => {
      const kubeConfig = kubeConfigFromClusterEntity(entity, 'sa-token');

      expect(kubeConfig.getCurrentCluster()).toMatchObject({
        server: 'https://eks.example.com',
        caData: 'LS0tLS1CRUdJTi0tLS0t',
        skipTLSVerify: false,
      });
      expect(kubeConfig.getCurrentUser()?.token).toBe('sa-token');
      expect(
        KubernetesTarget.fromClusterEntity(entity, { token: 'sa-token' })
          .server,
      ).toBe('https://eks.example.com');
    });

    it.each([
      [{ ...entity, kind: 'Component' }, 'is not a Resource'],
      [{ ...entity, spec: { type: 'database' } }, 'is not a Resource'],
      [
        { ...entity, metadata: { name: 'eks-prod' } },
        `has no ${API_SERVER_ANNOTATION} annotation`,
      ],
    ])('refuses an entity that does not locate a cluster', (bad, message) => {
      expect(() => kubeConfigFromClusterEntity(bad, 'sa-token')).toThrow(
        message,
      );
    });

    it('refuses an empty token without printing it', () => {
      expect(() => kubeConfigFromClusterEntity(entity, '')).toThrow(
        'No service-account token given for resource:eks-prod',
      );
    });
  });
});
