import { checkEnvoyResource } from '../envoy/checkEnvoyResource';
import {
  Gateway,
  type IGateway,
} from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import {
  EnvoyFilter,
  type IEnvoyFilter,
} from '@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter';
import {
  VirtualService,
  type IVirtualService,
} from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import {
  AuthorizationPolicy,
  type IAuthorizationPolicy,
} from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import {
  PeerAuthentication,
  type IPeerAuthentication,
} from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import {
  Deployment,
  type IDeployment,
} from 'kubernetes-models/apps/v1/Deployment';
import {
  NetworkPolicy,
  type INetworkPolicy,
} from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {
  PodDisruptionBudget,
  type IPodDisruptionBudget,
} from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace, type INamespace } from 'kubernetes-models/v1/Namespace';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import {
  ServiceAccount,
  type IServiceAccount,
} from 'kubernetes-models/v1/ServiceAccount';

/** How one kind is checked beyond what its model's `validate()` covers. */
export interface KindSchema {
  /** The kubernetes-models class; `validate()` throws on a schema violation. */
  model: new (data: Record<string, unknown>) => { validate(): void };
  /** The models accept unknown fields, so a typo such as `sepc` would pass unnoticed. */
  fields: ReadonlySet<string>;
  specFields?: ReadonlySet<string>;
  /** Namespaces and Services need a DNS label (no dots); other kinds a DNS subdomain. */
  name: 'label' | 'subdomain';
  /** Checks of embedded configuration the model types as opaque, e.g. Envoy config. */
  check?: (
    obj: Record<string, unknown>,
  ) => Array<{ path: string; message: string }>;
}

/**
 * An EnvoyFilter's patches carry raw Envoy configuration the Istio model does not check: every
 * `typed_config` in a patch value is checked against Envoy's v3 API by its `@type`.
 */
function envoyFilterPatchProblems(obj: Record<string, unknown>) {
  const spec = (obj.spec ?? {}) as IEnvoyFilter['spec'];
  return (spec?.configPatches ?? []).flatMap((patch, index) => {
    const value = patch.patch?.value as {
      typed_config?: Record<string, unknown>;
    };
    const typed = value?.typed_config;
    if (!typed || typeof typed['@type'] !== 'string') {
      return [];
    }
    return checkEnvoyResource(typed['@type'], typed).map(problem => ({
      path: `spec.configPatches[${index}].patch.value.typed_config${
        problem.path ? `.${problem.path}` : ''
      }`,
      message: problem.message,
    }));
  });
}

/** Every key of `T`, across the members of a union. */
type KeysOf<T> = T extends unknown ? keyof T : never;

/**
 * The field names of `T`. Listing them as an object makes the compiler check the list against
 * the model's type: a field missing here or not in the model is a type error.
 */
function fieldsOf<T>(fields: Record<KeysOf<NonNullable<T>>, true>) {
  return new Set(Object.keys(fields));
}

const TYPE_META = { apiVersion: true, kind: true, metadata: true } as const;
const WITH_SPEC = { ...TYPE_META, spec: true, status: true } as const;

/** The kinds Tenant Mesh renders, keyed by `apiVersion kind`. */
export const KIND_SCHEMAS: ReadonlyMap<string, KindSchema> = new Map([
  [
    'v1 Namespace',
    {
      model: Namespace,
      fields: fieldsOf<INamespace>(WITH_SPEC),
      name: 'label',
    },
  ],
  [
    'v1 ConfigMap',
    {
      model: ConfigMap,
      fields: fieldsOf<IConfigMap>({
        ...TYPE_META,
        binaryData: true,
        data: true,
        immutable: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'v1 Secret',
    {
      model: Secret,
      fields: fieldsOf<ISecret>({
        ...TYPE_META,
        data: true,
        immutable: true,
        stringData: true,
        type: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'v1 ServiceAccount',
    {
      model: ServiceAccount,
      fields: fieldsOf<IServiceAccount>({
        ...TYPE_META,
        automountServiceAccountToken: true,
        imagePullSecrets: true,
        secrets: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'v1 Service',
    {
      model: Service,
      fields: fieldsOf<IService>(WITH_SPEC),
      specFields: fieldsOf<IService['spec']>({
        allocateLoadBalancerNodePorts: true,
        clusterIP: true,
        clusterIPs: true,
        externalIPs: true,
        externalName: true,
        externalTrafficPolicy: true,
        healthCheckNodePort: true,
        internalTrafficPolicy: true,
        ipFamilies: true,
        ipFamilyPolicy: true,
        loadBalancerClass: true,
        loadBalancerIP: true,
        loadBalancerSourceRanges: true,
        ports: true,
        publishNotReadyAddresses: true,
        selector: true,
        sessionAffinity: true,
        sessionAffinityConfig: true,
        trafficDistribution: true,
        type: true,
      }),
      name: 'label',
    },
  ],
  [
    'apps/v1 Deployment',
    {
      model: Deployment,
      fields: fieldsOf<IDeployment>(WITH_SPEC),
      specFields: fieldsOf<IDeployment['spec']>({
        minReadySeconds: true,
        paused: true,
        progressDeadlineSeconds: true,
        replicas: true,
        revisionHistoryLimit: true,
        selector: true,
        strategy: true,
        template: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'policy/v1 PodDisruptionBudget',
    {
      model: PodDisruptionBudget,
      fields: fieldsOf<IPodDisruptionBudget>(WITH_SPEC),
      specFields: fieldsOf<IPodDisruptionBudget['spec']>({
        maxUnavailable: true,
        minAvailable: true,
        selector: true,
        unhealthyPodEvictionPolicy: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'networking.k8s.io/v1 NetworkPolicy',
    {
      model: NetworkPolicy,
      fields: fieldsOf<INetworkPolicy>({ ...TYPE_META, spec: true }),
      specFields: fieldsOf<INetworkPolicy['spec']>({
        egress: true,
        ingress: true,
        podSelector: true,
        policyTypes: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'networking.istio.io/v1alpha3 EnvoyFilter',
    {
      model: EnvoyFilter,
      fields: fieldsOf<IEnvoyFilter>(WITH_SPEC),
      specFields: fieldsOf<IEnvoyFilter['spec']>({
        configPatches: true,
        priority: true,
        targetRefs: true,
        workloadSelector: true,
      }),
      name: 'subdomain',
      check: envoyFilterPatchProblems,
    },
  ],
  [
    'networking.istio.io/v1 Gateway',
    {
      model: Gateway,
      fields: fieldsOf<IGateway>(WITH_SPEC),
      specFields: fieldsOf<IGateway['spec']>({ selector: true, servers: true }),
      name: 'subdomain',
    },
  ],
  [
    'networking.istio.io/v1 VirtualService',
    {
      model: VirtualService,
      fields: fieldsOf<IVirtualService>(WITH_SPEC),
      specFields: fieldsOf<IVirtualService['spec']>({
        exportTo: true,
        gateways: true,
        hosts: true,
        http: true,
        tcp: true,
        tls: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'security.istio.io/v1 AuthorizationPolicy',
    {
      model: AuthorizationPolicy,
      fields: fieldsOf<IAuthorizationPolicy>(WITH_SPEC),
      specFields: fieldsOf<IAuthorizationPolicy['spec']>({
        action: true,
        provider: true,
        rules: true,
        selector: true,
        targetRef: true,
        targetRefs: true,
      }),
      name: 'subdomain',
    },
  ],
  [
    'security.istio.io/v1 PeerAuthentication',
    {
      model: PeerAuthentication,
      fields: fieldsOf<IPeerAuthentication>(WITH_SPEC),
      specFields: fieldsOf<IPeerAuthentication['spec']>({
        mtls: true,
        portLevelMtls: true,
        selector: true,
      }),
      name: 'subdomain',
    },
  ],
]);
