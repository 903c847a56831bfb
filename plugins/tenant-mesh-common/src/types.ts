/*
 * The shared vocabulary of Tenant Mesh. Everything here is plain data: the plan is computed from
 * a TenantSpec and the PlatformSettings by pure functions, and consumed by the scaffolder
 * actions (to make it real), the status backend (to compare it with what is live) and the CLI.
 */

/** A duration as Cognito and oauth2-proxy understand it after conversion, written `30m`, `1h`, `30d`. */
export type Duration = string;

/** How multi-factor authentication is set on a tenant's user pool. */
export type MfaMode = 'off' | 'optional' | 'on';

/** What the tenant runs behind its host. */
export type TenantWorkload = 'bookinfo' | 'none';

/** Token lifetimes of the tenant's app client. */
export interface TokenValidity {
  idToken: Duration;
  accessToken: Duration;
  refreshToken: Duration;
}

/** oauth2-proxy session options a platform team sets per tenant. */
export interface SessionOptions {
  /**
   * Lifetime of the session cookie (`cookie_expire`); `0` makes it a browser
   * session cookie, dropped when the browser closes.
   */
  cookieExpire: Duration;
  /** Refresh the session this often (`cookie_refresh`); `0` turns refreshing off. */
  cookieRefresh: Duration;
  /**
   * Keep tokens out of the session cookie (`session_cookie_minimal`), for
   * users whose tokens make the cookie too big (B06). oauth2-proxy then has no
   * tokens to send on, so it refuses `set_authorization_header`,
   * `pass_access_token` and a `cookie_refresh` above 0: with this on, the
   * config sets `set_authorization_header = false`, the upstream receives
   * only the `X-Auth-Request-*` identity headers (no `Authorization` bearer),
   * and `passAccessToken` must be off and `cookieRefresh` `"0"`.
   */
  cookieMinimal: boolean;
  /** Pass the access token upstream (`pass_access_token`). */
  passAccessToken: boolean;
  /** Accept bearer JWTs from API clients (`skip_jwt_bearer_tokens`). */
  skipJwtBearerTokens: boolean;
  /** Other app client ids whose tokens this tenant accepts (`oidc_extra_audiences`). */
  extraAudiences: string[];
  /** Accept users whose email is not verified. Insecure; logged as a warning. */
  allowUnverifiedEmail: boolean;
}

/**
 * Ids that exist once the tenant's Cognito resources were provisioned. The plan needs them for
 * the oauth2-proxy configuration; before provisioning they are absent and that part is pending.
 */
export interface TenantIdentity {
  userPoolId: string;
  clientId: string;
}

/** One tenant as a platform engineer writes it (a tenant file, or Create Tenant's form). */
export interface TenantSpec {
  /** Lowercase DNS label; every derived name is built from it. */
  tenantId: string;
  displayName: string;
  /** The tenant's public hostname, under one of the platform's base domains. */
  host: string;
  /** Entity ref of the owning group, e.g. `group:default/platform-team`. */
  owner: string;
  mfa?: MfaMode;
  tokenValidity?: Partial<TokenValidity>;
  session?: Partial<SessionOptions>;
  workload?: TenantWorkload;
  /** Overrides the derived hosted-UI domain prefix. */
  domainPrefix?: string;
  identity?: TenantIdentity;
}

/** A TenantSpec with every default applied and the host in canonical form. */
export interface ResolvedTenantSpec
  extends Required<Omit<TenantSpec, 'identity' | 'domainPrefix'>> {
  tokenValidity: TokenValidity;
  session: SessionOptions;
  domainPrefix: string;
  identity?: TenantIdentity;
}

/** The platform's settings, read from the `tenantMesh` key of app-config.yaml. */
export interface PlatformSettings {
  /** Hosts must be a subdomain of one of these. */
  baseDomains: string[];
  namespaces: {
    /** Pattern of the tenant's workload namespace; `{id}` is the tenant id. */
    tenant: string;
    /** Pattern of the namespace of the tenant's oauth2-proxy. */
    auth: string;
  };
  /** The label that turns on sidecar injection, e.g. `istio-injection: enabled` or `istio.io/rev: stable`. */
  meshInjection: { label: string; value: string };
  /** The mesh's trust domain, for SPIFFE principals in policies. */
  trustDomain: string;
  gateway: {
    name: string;
    namespace: string;
    selector: Record<string, string>;
    serviceAccount: string;
    /** Secret with the certificate for the base domains, in the gateway's namespace. */
    credentialName: string;
  };
  /** Name of the CUSTOM provider in meshConfig.extensionProviders. */
  extAuthzProvider: string;
  envoy: {
    namespace: string;
    name: string;
    serviceAccount: string;
    port: number;
    image: string;
  };
  oauth2Proxy: {
    image: string;
    version: string;
  };
  cognito: {
    region: string;
    /** Set for the cognito-local emulator; absent for AWS. */
    endpoint?: string;
    defaults: {
      mfa: MfaMode;
      tokenValidity: TokenValidity;
    };
  };
}

/** One problem with an input, reported before anything happens. */
export interface ValidationProblem {
  /** Dotted path of the field, e.g. `host` or `session.cookieRefresh`. */
  field: string;
  /** Short id of the rule, e.g. `dns-label`, `max-length`, `base-domain`. */
  rule: string;
  /** A sentence a person can act on. */
  message: string;
}

/** A Kubernetes object as plain data. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Cognito's desired state for one tenant, shaped like the AWS SDK's request inputs. */
export interface CognitoPlan {
  region: string;
  /** Tag that finds the pool again; pool names are not unique in Cognito. */
  tags: Record<string, string>;
  userPool: {
    PoolName: string;
    [field: string]: unknown;
  };
  /** CreateUserPoolClient input without UserPoolId. */
  userPoolClient: {
    ClientName: string;
    CallbackURLs: string[];
    LogoutURLs: string[];
    [field: string]: unknown;
  };
  /**
   * SetUserPoolMfaConfig input without UserPoolId, applied after the pool is
   * created: CreateUserPool cannot turn on software-token MFA.
   */
  mfa?: {
    MfaConfiguration: 'OFF' | 'OPTIONAL' | 'ON';
    SoftwareTokenMfaConfiguration: { Enabled: boolean };
  };
  domainPrefix: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` once the pool id is known. */
  issuerUrl?: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  hostedUiUrl: string;
}

/** Where the tenant's secrets live; the plan never holds their values. */
export interface SecretRef {
  namespace: string;
  name: string;
  keys: { clientSecret: string; cookieSecret: string };
}

/** The tenant's entry in the central Envoy: which host goes to which oauth2-proxy. */
export interface EnvoyTenantRoute {
  tenantId: string;
  host: string;
  /** `<service>.<namespace>.svc.cluster.local:<port>` of the tenant's oauth2-proxy. */
  upstream: string;
}

/** Everything that must exist for one tenant. */
export interface TenantPlan {
  spec: ResolvedTenantSpec;
  cognito: CognitoPlan;
  secretRef: SecretRef;
  /** The tenant's own Kubernetes objects, in apply order. */
  objects: KubernetesObject[];
  envoyRoute: EnvoyTenantRoute;
  /** Parts that cannot be planned yet, with the reason (e.g. waiting for Cognito ids). */
  pending: string[];
}

/** A cross-object check result. */
export interface LintFinding {
  level: 'error' | 'warning';
  /** `Kind namespace/name` of the object the finding is about. */
  object: string;
  message: string;
  /** The setting or field to change, when there is one. */
  fix?: string;
}
