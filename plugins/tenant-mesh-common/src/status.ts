/**
 * The answers of the status routes of `/api/tenant-mesh`, shared by the
 * backend that computes them and the cards that show them.
 */

import { LintFinding } from './types';

/**
 * How a check came out. `unknown` means it could not be checked (no cluster
 * configured, Cognito unreachable, the emulator lacks the API), never "fine".
 *
 * @public
 */
export type CheckState = 'ok' | 'warning' | 'error' | 'unknown';

/** A link a person can follow from a check, e.g. the hosted UI. @public */
export interface StatusLink {
  title: string;
  url: string;
}

/**
 * One check: a hop of the routing path, one Cognito resource, one login
 * probe.
 *
 * @public
 */
export interface StatusCheck {
  /** Stable key, e.g. `virtual-service`, `user-pool`; cards key rows by it. */
  id: string;
  /** What is checked, for a person: `VirtualService tenant-acme/tenant-acme`. */
  title: string;
  state: CheckState;
  /** A sentence a person can act on: what is wrong and what to do; or what was found. */
  reason: string;
  /** The object checked, as `Kind namespace/name`, when it is a Kubernetes object. */
  object?: string;
  links?: StatusLink[];
}

/** What the plan and the live objects say about one part of a tenant. @public */
export interface StatusSection {
  /** The worst state of its checks. */
  state: CheckState;
  /** The reason of the worst check, or a summary when all are ok. */
  reason: string;
}

/**
 * The routing of a tenant's host: the request path (host → gateway →
 * VirtualService → service), the authorizer path (CUSTOM policy → central
 * Envoy → the tenant's oauth2-proxy), and how what is delivered agrees with
 * the plan. Its state is the worst of all three.
 *
 * @public
 */
export interface RoutingStatus extends StatusSection {
  path: StatusCheck[];
  authorizer: StatusCheck[];
  /**
   * Against the plan: the tenant's manifests in the GitOps repository (when
   * delivery is gitops) and the lint of the live objects (`lint` holds its
   * findings).
   */
  plan: StatusCheck[];
}

/**
 * The tenant's login: user pool, app client, hosted-UI domain, oauth2-proxy
 * and its Secret, the issuer's discovery document, and the login probe.
 *
 * @public
 */
export interface AuthStatus extends StatusSection {
  checks: StatusCheck[];
  /** The tenant's hosted UI, when its domain is known. */
  hostedUiUrl?: string;
}

/** A pod that is not running well, with the reason to look at first. @public */
export interface PodTrouble {
  name: string;
  /** `Pending`, `Running`, `Failed`, … */
  phase: string;
  restarts: number;
  /** `CrashLoopBackOff`, `ImagePullBackOff`, `Unschedulable`, `NotReady`, … */
  reason: string;
  /** What Kubernetes said, plus a proposed fix when one is known. */
  message: string;
}

/**
 * The pods of one of the tenant's namespaces. The counts are absent when the
 * pods could not be read (no cluster, or the cluster did not answer): a
 * count of 0 always means none were found.
 *
 * @public
 */
export interface NamespacePods {
  namespace: string;
  /** Pods whose containers are all ready. */
  ready?: number;
  total?: number;
  /** Container restarts, summed over the namespace's pods. */
  restarts?: number;
  /** Pods in trouble, worst first. */
  troubled: PodTrouble[];
}

/** The pods of the tenant's namespaces. @public */
export interface PodHealth extends StatusSection {
  namespaces: NamespacePods[];
}

/** The lint of the plan, run on the live objects. @public */
export interface LintStatus extends StatusSection {
  findings: LintFinding[];
}

/** The record a tenant's status was planned from. @public */
export interface TenantRecordRef {
  /**
   * Where records are kept: `gitops`, a file of the GitOps repository;
   * `cluster`, a ConfigMap of the tenant's namespace (cluster target).
   */
  source: 'gitops' | 'cluster';
  /**
   * `gitops`: repository-relative path, e.g. `tenants/acme/tenant.yaml`;
   * `cluster`: the ConfigMap, e.g. `ConfigMap tenant-acme/tenant-mesh-record`.
   */
  path: string;
  /** The commit of the repository the record was read at, when it has one. */
  commit?: string;
}

/** Whether the status could read a cluster, and which. @public */
export interface StatusClusterInfo {
  configured: boolean;
  /** Where the cluster comes from, without credentials. */
  description?: string;
}

/**
 * `GET /api/tenant-mesh/tenants/:id/status`.
 *
 * @public
 */
export interface TenantStatus {
  tenantId: string;
  host: string;
  /** The worst state of the four sections. */
  state: CheckState;
  reason: string;
  /** ISO 8601 time of the reads the answer is made of. */
  checkedAt: string;
  cluster: StatusClusterInfo;
  /** Where the tenant is recorded, when known. */
  record?: TenantRecordRef;
  routing: RoutingStatus;
  auth: AuthStatus;
  pods: PodHealth;
  lint: LintStatus;
}

/** One row of `GET /api/tenant-mesh/tenants`. @public */
export interface TenantSummary {
  tenantId: string;
  host: string;
  /** The catalog owner of the tenant, when it is in the catalog. */
  owner?: string;
  /** `resource:default/<id>`, when the tenant is in the catalog. */
  entityRef?: string;
  state: CheckState;
  reason: string;
  routing: CheckState;
  auth: CheckState;
  pods: CheckState;
}

/**
 * `GET /api/tenant-mesh/tenants`: every recorded tenant with its overall
 * state, from one set of reads for all of them.
 *
 * @public
 */
export interface TenantList {
  items: TenantSummary[];
  checkedAt: string;
  cluster: StatusClusterInfo;
  /**
   * Why tenants may be missing from `items`, e.g. no delivery is
   * configured, so no records are read.
   */
  incomplete?: string;
}

const ORDER: Record<CheckState, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

/**
 * How bad a state is, for sorting: ok 0, unknown 1, warning 2, error 3.
 *
 * @public
 */
export function stateRank(state: CheckState): number {
  return ORDER[state];
}

/**
 * The worst of some states: error over warning over unknown over ok. An
 * empty list is `unknown`: nothing was checked.
 *
 * @public
 */
export function worstState(states: readonly CheckState[]): CheckState {
  if (states.length === 0) {
    return 'unknown';
  }
  return states.reduce((worst, s) => (ORDER[s] > ORDER[worst] ? s : worst));
}

/**
 * A section from its checks: the worst state, and the reason of the first
 * check in that state; `okReason` when every check is ok.
 *
 * @public
 */
export function summarizeChecks(
  checks: readonly StatusCheck[],
  okReason: string,
): StatusSection {
  const state = worstState(checks.map(c => c.state));
  if (state === 'ok') {
    return { state, reason: okReason };
  }
  const worst = checks.find(c => c.state === state);
  return { state, reason: worst ? worst.reason : 'Nothing was checked.' };
}
