import { PlatformInstallPlan } from './platformPlan';
import { KubernetesObject, LintFinding } from './types';

/** One place the mesh config is kept, as the lint reads it. @public */
export interface MeshConfigSource {
  /** Names the source in findings, e.g. `IstioOperator tenant-mesh`. */
  source: string;
  meshConfig: {
    extensionProviders?: Array<{
      name?: string;
      envoyExtAuthzHttp?: { service?: string; port?: number };
    }>;
  };
}

const lintError = (
  object: string,
  message: string,
  fix: string,
): LintFinding => ({ level: 'error', object, message, fix });
const portOf = (service: KubernetesObject) =>
  (service.spec as { ports?: Array<{ port?: number }> } | undefined)?.ports?.[0]
    ?.port;

/**
 * Where the mesh config is kept in a platform plan: the IstioOperator
 * overlay and the istiod Helm values, checked separately so that a change
 * in one of them only is found.
 *
 * @public
 */
export function platformMeshConfigs(
  plan: PlatformInstallPlan,
): MeshConfigSource[] {
  return [
    {
      source: `IstioOperator ${plan.istioOperator.metadata.name}`,
      meshConfig: plan.istioOperator.spec.meshConfig,
    },
    { source: 'istiod Helm values', meshConfig: plan.istiodValues.meshConfig },
  ];
}

/**
 * Findings of mesh config sources that lack the provider the platform's
 * policies name, or point it elsewhere than the central Envoy's Service.
 *
 * @public
 */
export function meshConfigFindings(
  sources: MeshConfigSource[],
  platform: { provider: string; service?: KubernetesObject },
): LintFinding[] {
  const { provider, service } = platform;
  return sources.flatMap(({ source, meshConfig }) => {
    const providers = meshConfig.extensionProviders ?? [];
    const entry = providers.find(p => p.name === provider);
    if (!entry) {
      const available = providers.map(p => p.name).join(', ') || 'none';
      return [
        lintError(
          source,
          `has no extension provider "${provider}" (available: ${available}); istiod would deny every request the CUSTOM policies match (B09)`,
          'tenantMesh.extAuthzProvider',
        ),
      ];
    }
    if (!service) return [];
    const fqdn = `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    const port = portOf(service);
    const target = entry.envoyExtAuthzHttp ?? {};
    if (target.service !== fqdn) {
      return [
        lintError(
          source,
          `provider "${provider}" sends checks to ${target.service}, not to the central Envoy ${fqdn}`,
          'tenantMesh.envoy.name, tenantMesh.envoy.namespace',
        ),
      ];
    }
    if (target.port !== port) {
      return [
        lintError(
          source,
          `provider "${provider}" sends checks to port ${target.port}; the central Envoy listens on ${port}`,
          'tenantMesh.envoy.port',
        ),
      ];
    }
    return [];
  });
}
