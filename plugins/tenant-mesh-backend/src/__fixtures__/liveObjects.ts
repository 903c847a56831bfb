import {
  extensionProviderYaml,
  KubernetesObject,
  PlatformSettings,
  planCentralEnvoyDeployment,
  planGatewayAuthzPolicy,
  planSharedObjectsOf,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';

const STARTED = '2026-01-01T00:00:00Z';

/** A running, ready pod of a Deployment, as the kubelet reports it. */
export function readyPod(deployment: KubernetesObject): KubernetesObject {
  const template = (
    deployment.spec as {
      template: {
        metadata: { labels: Record<string, string> };
        spec: { containers: Array<{ name: string; image: string }> };
      };
    }
  ).template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${deployment.metadata.name}-7d9f8-abcde`,
      namespace: deployment.metadata.namespace,
      labels: template.metadata.labels,
    },
    spec: { containers: template.spec.containers },
    status: {
      phase: 'Running',
      startTime: STARTED,
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      containerStatuses: template.spec.containers.map(c => ({
        name: c.name,
        image: c.image,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: STARTED } },
      })),
    },
  };
}

/** The same pod crash-looping on a refused cookie secret (B02). */
export function crashLoopingPod(pod: KubernetesObject): KubernetesObject {
  const status = pod.status as {
    containerStatuses: Array<Record<string, unknown>>;
  };
  return {
    ...pod,
    status: {
      ...status,
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
      containerStatuses: status.containerStatuses.map(c => ({
        ...c,
        ready: false,
        started: false,
        restartCount: 7,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container',
          },
        },
        lastState: {
          terminated: {
            reason: 'Error',
            exitCode: 1,
            message:
              'invalid configuration: cookie_secret must be 16, 24, or 32 bytes to create an AES cipher, but is 44 bytes',
          },
        },
      })),
    },
  };
}

/**
 * A Deployment as the API server returns it once rolled out: its generation
 * observed, every replica updated and ready, and the defaults it adds.
 */
export function readyDeployment(
  deployment: KubernetesObject,
): KubernetesObject {
  const spec = deployment.spec as { replicas?: number };
  const replicas = spec.replicas ?? 1;
  return {
    ...deployment,
    metadata: { ...deployment.metadata, generation: 1 },
    spec: {
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      ...spec,
      replicas,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${deployment.metadata.name}-7d9f8" has successfully progressed.`,
        },
      ],
    },
  };
}

/** What the cluster holds for tenants delivered and running well. */
export function liveTenantObjects(plan: TenantPlan): KubernetesObject[] {
  const { namespace, name, keys } = plan.secretRef;
  const deployments = plan.objects.filter(o => o.kind === 'Deployment');
  return [
    ...plan.objects.map(o =>
      o.kind === 'Deployment' ? readyDeployment(o) : o,
    ),
    ...deployments.map(readyPod),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        labels: deployments[0]?.metadata.labels ?? {},
      },
      type: 'Opaque',
      data: {
        [keys.clientSecret]: Buffer.from('client-secret-value').toString(
          'base64',
        ),
        [keys.cookieSecret]: Buffer.from(
          'cookie secret value of 32 bytes!',
        ).toString('base64'),
      },
    },
  ];
}

/**
 * istiod's meshConfig ConfigMap of a default install, with the extension
 * providers given (by default the platform's, as Install on your cluster
 * sets it up).
 */
export function meshConfigMap(
  platform: PlatformSettings,
  mesh = `accessLogFile: /dev/stdout\n${extensionProviderYaml(platform)}`,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace: 'istio-system', name: 'istio' },
    data: { mesh },
  };
}

/** The shared objects of these tenants, as the platform delivery leaves them. */
export function liveSharedObjects(
  plans: TenantPlan[],
  platform: PlatformSettings,
): KubernetesObject[] {
  const shared = planSharedObjectsOf(plans, platform);
  return [
    ...shared.objects,
    planGatewayAuthzPolicy(platform),
    readyDeployment(
      planCentralEnvoyDeployment({ platform, envoy: shared.envoy }),
    ),
    meshConfigMap(platform),
  ];
}
