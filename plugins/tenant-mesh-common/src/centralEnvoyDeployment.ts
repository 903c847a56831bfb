import {
  ENVOY_BOOTSTRAP_FILE,
  ENVOY_CONFIG_ROOT,
  ENVOY_HEALTH_PORT,
  ENVOY_READY_PATH,
} from './envoyBootstrap';
import { EnvoyConfigPlan } from './envoyConfig';
import { fnv1a64 } from './hash';
import { sharedLabels } from './labels';
import { centralEnvoyPodLabels } from './meshObjects';
import { CONFIG_CHECKSUM_ANNOTATION } from './oauth2ProxyObjects';
import { KubernetesObject, PlatformSettings } from './types';

/** The uid of the `envoy` user in the upstream image. */
const ENVOY_UID = 101;

/*
 * Shutdown, in order. The pod leaves the Service's endpoints when it starts
 * terminating; the preStop sleep keeps Envoy serving while the ingress
 * gateways learn that from istiod, so no new check is sent to a pod that is
 * about to exit. A check lasts at most the provider timeout (5 s), so checks
 * already in flight end within the sleep. The sidecar drains longer than
 * the sleep, or it would cut the checks it still carries, and the grace
 * period covers both.
 */
const PRE_STOP_SLEEP_SECONDS = 15;
const SIDECAR_DRAIN = '25s';
const TERMINATION_GRACE_SECONDS = 40;

/** `tenant-authz-routes-3` → `routes-3`: short, unique volume names. */
function volumeName(configMap: string, platform: PlatformSettings): string {
  return configMap.slice(platform.envoy.name.length + 1);
}

/**
 * The central Envoy's Deployment: the stock, pinned upstream image (W5) with
 * its configuration mounted from ConfigMaps.
 *
 * Each ConfigMap is mounted as a whole directory, never with `subPath`: the
 * kubelet swaps a directory's files atomically when the ConfigMap changes,
 * and Envoy's `watched_directory` reloads the routes on that swap, so a
 * tenant is added without an image build, a restart or a dropped check. The
 * bootstrap is not watched; its checksum on the pod template rolls the pods
 * when it changes, one at a time and only after a new pod is ready
 * (maxUnavailable 0, W6).
 *
 * @public
 */
export function planCentralEnvoyDeployment(opts: {
  platform: PlatformSettings;
  envoy: EnvoyConfigPlan;
}): KubernetesObject {
  const { platform } = opts;
  const { envoy } = platform;
  // Fresh copies everywhere: a shared object would be written as a YAML
  // alias, which reviewers should not have to resolve.
  const podLabels = () => centralEnvoyPodLabels(platform);
  const labels = () => ({ ...sharedLabels('authorizer'), ...podLabels() });
  const spread = (topologyKey: string, whenUnsatisfiable: string) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: podLabels() },
    // Count only the pods of one revision, so a rollout's surge pod does
    // not skew the spread.
    matchLabelKeys: ['pod-template-hash'],
  });

  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: envoy.name,
      namespace: envoy.namespace,
      labels: labels(),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: podLabels() },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      template: {
        metadata: {
          labels: labels(),
          annotations: {
            [CONFIG_CHECKSUM_ANNOTATION]: fnv1a64(
              JSON.stringify(opts.envoy.bootstrap),
            ),
            'proxy.istio.io/config': `terminationDrainDuration: ${SIDECAR_DRAIN}\n`,
          },
        },
        spec: {
          // The principal the tenants' auth namespaces admit comes from
          // this service account.
          serviceAccountName: envoy.serviceAccount,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          // The image starts as root and drops to `envoy` in its entrypoint;
          // running as that uid from the start needs no root at all.
          securityContext: {
            runAsNonRoot: true,
            runAsUser: ENVOY_UID,
            runAsGroup: ENVOY_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            spread('topology.kubernetes.io/zone', 'ScheduleAnyway'),
            spread('kubernetes.io/hostname', 'DoNotSchedule'),
          ],
          containers: [
            {
              name: 'envoy',
              image: envoy.image,
              command: ['envoy'],
              args: [
                '--config-path',
                `${ENVOY_CONFIG_ROOT}/bootstrap/${ENVOY_BOOTSTRAP_FILE}`,
                // Routes reload from files, never by hot restart; this also
                // keeps Envoy's shared memory apart from the sidecar's.
                '--disable-hot-restart',
                '--log-level',
                'info',
              ],
              ports: [
                { name: 'checks', containerPort: envoy.port, protocol: 'TCP' },
                {
                  name: 'health',
                  containerPort: ENVOY_HEALTH_PORT,
                  protocol: 'TCP',
                },
              ],
              readinessProbe: {
                httpGet: { path: ENVOY_READY_PATH, port: 'health' },
                periodSeconds: 5,
                timeoutSeconds: 2,
                failureThreshold: 2,
              },
              lifecycle: {
                preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } },
              },
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { memory: '256Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: opts.envoy.mounts.map(mount => ({
                name: volumeName(mount.configMap, platform),
                mountPath: mount.mountPath,
                readOnly: true,
              })),
            },
          ],
          volumes: opts.envoy.mounts.map(mount => ({
            name: volumeName(mount.configMap, platform),
            configMap: { name: mount.configMap },
          })),
        },
      },
    },
  };
}
