import { tenantLabels } from './labels';
import { PRODUCTPAGE_PORT } from './meshObjects';
import { KubernetesObject } from './types';

/** Pinned bookinfo productpage image. */
export const PRODUCTPAGE_IMAGE =
  'docker.io/istio/examples-bookinfo-productpage-v1:1.20.2';

/**
 * The sample workload: bookinfo's productpage alone (its details and
 * reviews calls fail soft, which is enough to show who is signed in).
 *
 * @public
 */
export function planBookinfoObjects(opts: {
  tenantId: string;
  namespace: string;
}): KubernetesObject[] {
  const select = { app: 'productpage', version: 'v1' };
  const metadata = {
    name: 'productpage',
    namespace: opts.namespace,
    labels: { ...tenantLabels(opts.tenantId, 'workload'), app: 'productpage' },
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata,
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: select },
        template: {
          metadata: {
            labels: { ...tenantLabels(opts.tenantId, 'workload'), ...select },
          },
          spec: {
            serviceAccountName: 'productpage',
            automountServiceAccountToken: false,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'productpage',
                image: PRODUCTPAGE_IMAGE,
                ports: [{ name: 'http', containerPort: PRODUCTPAGE_PORT }],
                resources: {
                  requests: { cpu: '50m', memory: '64Mi' },
                  limits: { memory: '256Mi' },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        selector: { app: 'productpage' },
        ports: [{ name: 'http', port: PRODUCTPAGE_PORT, targetPort: 'http' }],
      },
    },
  ];
}
