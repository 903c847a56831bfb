import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GitRepositoryTarget,
  KubernetesTarget,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { FakeKubernetesApi } from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { fixedClusterProvider } from '@tenant-mesh/plugin-tenant-mesh-node';
import { DeliveryTarget } from '../delivery/deliveryTarget';

/** A KubernetesTarget for the fake API, through a kubeconfig file as in production. */
export function fakeClusterTarget(api: FakeKubernetesApi): KubernetesTarget {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'tm-kube-')), 'config');
  writeFileSync(kubeconfig, api.kubeConfig());
  return KubernetesTarget.fromKubeconfigFile(kubeconfig);
}

/** The cluster delivery target on the fake API. */
export function clusterDelivery(api: FakeKubernetesApi): DeliveryTarget {
  return {
    kind: 'cluster',
    cluster: fixedClusterProvider(fakeClusterTarget(api), 'the fake cluster'),
  };
}

/** A GitOps delivery target on a fresh folder, optionally with a secrets cluster. */
export function gitopsDelivery(
  secretsApi?: FakeKubernetesApi,
): Extract<DeliveryTarget, { kind: 'gitops' }> {
  const repositoryPath = join(mkdtempSync(join(tmpdir(), 'tm-git-')), 'gitops');
  return {
    kind: 'gitops',
    repository: new GitRepositoryTarget({ dir: repositoryPath }),
    repositoryPath,
    ...(secretsApi
      ? {
          secretsCluster: fixedClusterProvider(
            fakeClusterTarget(secretsApi),
            'the fake secrets cluster',
          ),
        }
      : {}),
  };
}

/** The namespaces the platform installs before any tenant: the gateway's and the central Envoy's. */
export function seedPlatformNamespaces(api: FakeKubernetesApi) {
  api.seed(
    ['istio-ingress', 'tenant-authz'].map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
  );
}
