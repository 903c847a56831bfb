/** One resource type the fake API server serves, as discovery describes it. */
export interface FakeResourceType {
  /** API group; empty for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The plural used in URLs. */
  plural: string;
  namespaced: boolean;
}

const core = (kind: string, plural: string, namespaced = true) => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  namespaced,
});

/** The resource types Tenant Mesh plans, plus the ones a status check reads. */
export const FAKE_RESOURCE_TYPES: readonly FakeResourceType[] = [
  core('Namespace', 'namespaces', false),
  core('ConfigMap', 'configmaps'),
  core('Secret', 'secrets'),
  core('Service', 'services'),
  core('ServiceAccount', 'serviceaccounts'),
  core('Pod', 'pods'),
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
  },
  {
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    namespaced: true,
  },
  {
    group: 'networking.istio.io',
    version: 'v1',
    kind: 'Gateway',
    plural: 'gateways',
    namespaced: true,
  },
  {
    group: 'networking.istio.io',
    version: 'v1',
    kind: 'VirtualService',
    plural: 'virtualservices',
    namespaced: true,
  },
  {
    group: 'networking.istio.io',
    version: 'v1alpha3',
    kind: 'EnvoyFilter',
    plural: 'envoyfilters',
    namespaced: true,
  },
  {
    group: 'security.istio.io',
    version: 'v1',
    kind: 'AuthorizationPolicy',
    plural: 'authorizationpolicies',
    namespaced: true,
  },
  {
    group: 'security.istio.io',
    version: 'v1',
    kind: 'PeerAuthentication',
    plural: 'peerauthentications',
    namespaced: true,
  },
];

const VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
] as const;

/** `group/version`, or just `version` for the core group. */
export function groupVersionOf(type: FakeResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** Finds a resource type by the group, version and plural of a URL. */
export function findResourceType(
  group: string,
  version: string,
  plural: string,
): FakeResourceType | undefined {
  return FAKE_RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

/** The body of `GET /api`. */
export function coreVersions() {
  return { kind: 'APIVersions', apiVersion: 'v1', versions: ['v1'] };
}

/** The body of `GET /apis`. */
export function apiGroupList() {
  const groups = [...new Set(FAKE_RESOURCE_TYPES.map(t => t.group))].filter(
    Boolean,
  );
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(name => {
      const versions = [
        ...new Set(
          FAKE_RESOURCE_TYPES.filter(t => t.group === name).map(t => t.version),
        ),
      ].map(version => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions, preferredVersion: versions[0] };
    }),
  };
}

/**
 * The body of `GET /api/v1` or `GET /apis/<group>/<version>`, or undefined
 * when the fake does not serve that group version.
 */
export function apiResourceList(group: string, version: string) {
  const types = FAKE_RESOURCE_TYPES.filter(
    t => t.group === group && t.version === version,
  );
  if (types.length === 0) {
    return undefined;
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf(types[0]),
    resources: types.map(t => ({
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: [...VERBS],
    })),
  };
}
