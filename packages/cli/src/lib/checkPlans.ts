import {
  KubernetesObject,
  LintFinding,
  PlatformInstallPlan,
  PlatformPlan,
  PlatformSettings,
  lintObjects,
  lintPlatform,
  platformMeshConfigs,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  SchemaProblem,
  checkEnvoyResource,
  checkIstioOperator,
  checkKubernetesObjects,
  checkMeshConfig,
} from '@tenant-mesh/plugin-tenant-mesh-node';

/** What `render` is about to write: tenants, the platform, or both. */
export interface RenderedPlans {
  settings: PlatformSettings;
  tenants?: PlatformPlan;
  platform?: PlatformInstallPlan;
}

const schemaLine = (kind: string) => (p: SchemaProblem) =>
  `${kind}: ${p.object}: ${p.path}: ${p.message}`;
const lintLine = (f: LintFinding) =>
  `lint: ${f.object}: ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`;

/**
 * Schema problems and lint errors of the plans, one line each: Kubernetes
 * and Istio models, Envoy's v3 API, the meshConfig of the installer inputs,
 * then the lint (of the platform with its tenants when both are given).
 */
export function checkPlans(plans: RenderedPlans): string[] {
  const { settings, tenants, platform } = plans;
  const tenantObjects: KubernetesObject[] = tenants
    ? [...tenants.tenants.flatMap(t => t.objects), ...tenants.shared]
    : [];
  const platformObjects = platform?.objects ?? [];
  const envoy = tenants?.envoy ?? platform?.shared.envoy;

  const schema = checkKubernetesObjects([
    ...tenantObjects,
    ...platformObjects,
  ]).map(schemaLine('schema'));
  const envoyProblems = envoy
    ? [
        ...checkEnvoyResource(
          'envoy.config.bootstrap.v3.Bootstrap',
          envoy.bootstrap,
        ),
        ...(tenants ? envoy.routeFiles : []).flatMap(file =>
          checkEnvoyResource(
            'envoy.service.discovery.v3.DiscoveryResponse',
            file,
          ),
        ),
      ].map(schemaLine('envoy'))
    : [];
  const mesh = platform
    ? [
        ...checkIstioOperator(platform.istioOperator),
        ...checkMeshConfig(platform.istiodValues.meshConfig, {
          object: 'istiod Helm values',
        }),
      ].map(schemaLine('meshConfig'))
    : [];
  const findings = platform
    ? lintPlatform({
        platform: settings,
        platformObjects,
        meshConfigs: platformMeshConfigs(platform),
        tenantObjects,
      })
    : lintObjects(tenantObjects, { platform: settings });
  const lint = findings.filter(f => f.level === 'error').map(lintLine);
  return [...schema, ...envoyProblems, ...mesh, ...lint];
}
