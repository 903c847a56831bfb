import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterAccess,
  GitRepositoryTarget,
  readClusterAccess,
  readDeliverySettings,
} from '@tenant-mesh/plugin-tenant-mesh-node';

/** The cluster the status reads, and the key it was configured under. */
export interface StatusClusterSettings {
  access: ClusterAccess;
  /** e.g. `tenantMesh.status.cluster`, for messages; never a credential. */
  configKey: string;
}

/** What the plugin reads from the `tenantMesh` config key. */
export interface TenantMeshBackendConfig {
  platform: PlatformSettings;
  /** The GitOps repository holding the tenant records, when delivery is gitops. */
  repository?: GitRepositoryTarget;
  /** True when delivery is cluster: the records are ConfigMaps of the status cluster. */
  recordsOnCluster: boolean;
  /** Unset when no cluster is configured anywhere. */
  statusCluster?: StatusClusterSettings;
  /** Base URL of the ingress gateway for the login probe, when configured. */
  loginProbeGatewayUrl?: string;
  /** The ConfigMap istiod reads its meshConfig from. */
  meshConfigMap: { namespace: string; name: string };
  /** False when onboarding never writes the oauth2-proxy Secret (GitOps, no secrets cluster). */
  secretsDelivered: boolean;
}

const STATUS_KEY = 'tenantMesh.status';

/*
 * The status reads `tenantMesh.status.cluster`, else the cluster delivery
 * writes to, else the cluster the GitOps repository is synced to.
 */
function readStatusCluster(
  config: RootConfigService,
  delivery: ReturnType<typeof readDeliverySettings>,
): StatusClusterSettings | undefined {
  const own = config.getOptionalConfig(`${STATUS_KEY}.cluster`);
  if (own) {
    const configKey = `${STATUS_KEY}.cluster`;
    return { access: readClusterAccess(own, configKey, config), configKey };
  }
  if (delivery?.target === 'cluster') {
    return {
      access: delivery.cluster,
      configKey: 'tenantMesh.delivery.cluster',
    };
  }
  if (delivery?.target === 'gitops' && delivery.secretsCluster) {
    return {
      access: delivery.secretsCluster,
      configKey: 'tenantMesh.delivery.gitops.secretsCluster',
    };
  }
  return undefined;
}

function readGatewayUrl(config: RootConfigService): string | undefined {
  const key = `${STATUS_KEY}.loginProbe.gatewayUrl`;
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return undefined;
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(url.protocol);
    }
  } catch {
    throw new Error(`${key} must be an http or https URL`);
  }
  return value.replace(/\/+$/, '');
}

/** `istio-system/istio`, where a default Istio install keeps meshConfig. */
function readMeshConfigMap(config: RootConfigService): {
  namespace: string;
  name: string;
} {
  const key = `${STATUS_KEY}.meshConfigMap`;
  const value = config.getOptionalString(key) ?? 'istio-system/istio';
  const match =
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(
      value,
    );
  if (!match) {
    throw new Error(
      `${key} must be <namespace>/<name> of a ConfigMap, e.g. istio-system/istio, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return { namespace: match[1], name: match[3] };
}

/**
 * Reads and validates the plugin's settings, so that bad config stops the
 * backend at startup.
 *
 * @throws Error naming the key that is wrong and the rule it breaks; an
 *   InputError for invalid platform settings, whose reader also checks the
 *   CLI's user-chosen config files.
 */
export function readTenantMeshBackendConfig(
  config: RootConfigService,
): TenantMeshBackendConfig {
  const delivery = readDeliverySettings(config);
  const repository =
    delivery?.target === 'gitops'
      ? new GitRepositoryTarget({ dir: delivery.repository })
      : undefined;
  return {
    platform: readPlatformSettings(config.getOptional('tenantMesh')),
    repository,
    recordsOnCluster: delivery?.target === 'cluster',
    statusCluster: readStatusCluster(config, delivery),
    loginProbeGatewayUrl: readGatewayUrl(config),
    meshConfigMap: readMeshConfigMap(config),
    secretsDelivered:
      delivery?.target === 'cluster' ||
      (delivery?.target === 'gitops' && Boolean(delivery.secretsCluster)),
  };
}
