import { ExtensionProvider } from './extensionProvider';
import { sharedLabels } from './labels';
import { KubernetesObject } from './types';

/** The part of Istio's `meshConfig` Tenant Mesh sets. @public */
export interface MeshConfigPart {
  extensionProviders: ExtensionProvider[];
}

/** An `istioctl install` overlay carrying a `meshConfig` part. @public */
export interface IstioOperatorOverlay extends KubernetesObject {
  apiVersion: 'install.istio.io/v1alpha1';
  kind: 'IstioOperator';
  spec: { meshConfig: MeshConfigPart };
}

/** Values of Istio's `istiod` Helm chart carrying a `meshConfig` part. @public */
export interface IstiodValues {
  meshConfig: MeshConfigPart;
}

/** Name of the IstioOperator overlay. @public */
export const ISTIO_OPERATOR_NAME = 'tenant-mesh';

/*
 * The extension provider lives in the mesh config, which Istio's installers
 * own: `istioctl install` and `helm upgrade istiod` rewrite the `istio`
 * ConfigMap from their inputs, so a patch of that ConfigMap is lost on the
 * next upgrade (W21). It is therefore delivered as installer input, in both
 * forms; a cluster uses the one its Istio was installed with.
 */

/**
 * The provider as an IstioOperator overlay for `istioctl install -f`.
 *
 * @public
 */
export function planIstioOperatorOverlay(
  provider: ExtensionProvider,
): IstioOperatorOverlay {
  return {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name: ISTIO_OPERATOR_NAME, labels: sharedLabels('mesh') },
    spec: { meshConfig: { extensionProviders: [provider] } },
  };
}

/**
 * The provider as values of the `istiod` Helm chart (`helm upgrade -f`).
 *
 * @public
 */
export function planIstiodValues(provider: ExtensionProvider): IstiodValues {
  return { meshConfig: { extensionProviders: [provider] } };
}
