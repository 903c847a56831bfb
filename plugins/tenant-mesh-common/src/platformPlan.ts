import { InputError } from '@backstage/errors';
import { planCentralEnvoyObjects } from './centralEnvoyObjects';
import { ExtensionProvider } from './extensionProvider';
import { planGatewayAuthzPolicy } from './gatewayAuthzPolicy';
import { planIdentityHeaderFilter } from './identityHeaderFilter';
import {
  IstiodValues,
  IstioOperatorOverlay,
  planIstiodValues,
  planIstioOperatorOverlay,
} from './istioInstallValues';
import { planSharedObjectsOf, SharedPlan } from './sharedObjects';
import { KubernetesObject, PlatformSettings, TenantPlan } from './types';

/**
 * The Secret with the gateway's certificate. The platform team provides it
 * (cert-manager, or an import); Tenant Mesh only names it and never renders
 * a Secret (W8).
 *
 * @public
 */
export interface TlsCredentialRef {
  /** The namespace of the ingress gateway pods, where Istio reads it. */
  namespace: string;
  name: string;
  type: 'kubernetes.io/tls';
  keys: ['tls.crt', 'tls.key'];
  /** Names the certificate must cover as subjectAltNames (W20). */
  hosts: string[];
}

/** What exists once per cluster. @public */
export interface PlatformInstallPlan {
  /**
   * Objects that do not change when a tenant is onboarded, in apply order:
   * the central Envoy and its namespace, then the gateway-wide policy.
   */
  objects: KubernetesObject[];
  /**
   * The objects the platform shares with its tenants (Gateway, the Envoy's
   * ConfigMaps), exactly as the tenant plan renders them: they change with
   * every tenant, so they are delivered with the tenants, not here.
   */
  shared: SharedPlan;
  extensionProvider: ExtensionProvider;
  istioOperator: IstioOperatorOverlay;
  istiodValues: IstiodValues;
  tlsCredential: TlsCredentialRef;
}

/**
 * The platform plan: everything that exists once per cluster, from the same
 * `tenantMesh` settings as the tenant plan. `tenants` (already planned) only
 * feed the shared objects.
 *
 * @throws InputError when the settings would put the central Envoy into the
 *   ingress gateway's namespace: its namespace-wide STRICT and ALLOW
 *   policies would then refuse the gateway's public traffic.
 * @public
 */
export function planPlatform(
  platform: PlatformSettings,
  opts: { tenants?: TenantPlan[] } = {},
): PlatformInstallPlan {
  if (platform.envoy.namespace === platform.gateway.namespace) {
    throw new InputError(
      `Invalid platform settings:\ntenantMesh.envoy.namespace: must differ from tenantMesh.gateway.namespace (${platform.gateway.namespace})`,
    );
  }

  const shared = planSharedObjectsOf(opts.tenants ?? [], platform);
  const provider = shared.extensionProvider;
  return {
    objects: [
      ...planCentralEnvoyObjects({ platform, envoy: shared.envoy }),
      planGatewayAuthzPolicy(platform),
      planIdentityHeaderFilter(platform),
    ],
    shared,
    extensionProvider: provider,
    istioOperator: planIstioOperatorOverlay(provider),
    istiodValues: planIstiodValues(provider),
    tlsCredential: {
      namespace: platform.gateway.namespace,
      name: platform.gateway.credentialName,
      type: 'kubernetes.io/tls',
      keys: ['tls.crt', 'tls.key'],
      hosts: platform.baseDomains.map(domain => `*.${domain}`),
    },
  };
}
