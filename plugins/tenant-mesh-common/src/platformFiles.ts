import { stringify } from 'yaml';
import { PlatformInstallPlan } from './platformPlan';
import { objectFileName, toYaml, YAML_OPTIONS } from './renderYaml';

/** Where the platform's files go, beside `tenants/` and `shared/`. @public */
export const PLATFORM_FOLDER = 'platform';

const HELM_HEADER = [
  '# Values for the istiod Helm chart: helm upgrade istiod istio/istiod -f <your values> -f this file.',
  '# Helm replaces lists: if your values list other extensionProviders, add this entry to that list instead.',
  '',
].join('\n');

const OPERATOR_HEADER = [
  '# Overlay for istioctl: istioctl install -f <your IstioOperator> -f this file.',
  '# Overlays replace lists: if yours lists other extensionProviders, add this entry to that list instead.',
  '',
].join('\n');

/**
 * The files of the platform plan: `platform/<nn>-<kind>-<name>.yaml` in apply
 * order (for `kubectl apply -f platform/`), and under `platform/istio/` the
 * installer inputs, which are not applied to the cluster but passed to
 * `istioctl` or Helm.
 *
 * @public
 */
export function planPlatformFiles(
  plan: PlatformInstallPlan,
): Array<{ path: string; content: string }> {
  return [
    ...plan.objects.map((object, i) => ({
      path: `${PLATFORM_FOLDER}/${objectFileName(i, object)}`,
      content: toYaml([object]),
    })),
    {
      path: `${PLATFORM_FOLDER}/istio/istiooperator-${plan.istioOperator.metadata.name}.yaml`,
      content: `${OPERATOR_HEADER}${toYaml([plan.istioOperator])}`,
    },
    {
      path: `${PLATFORM_FOLDER}/istio/istiod-values.yaml`,
      content: `${HELM_HEADER}${stringify(plan.istiodValues, YAML_OPTIONS)}`,
    },
  ];
}
