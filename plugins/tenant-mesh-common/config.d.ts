export interface Config {
  /** Tenant Mesh: the platform every tenant is onboarded onto. */
  tenantMesh?: {
    /**
     * Tenant hosts must be exactly one label under one of these domains,
     * e.g. `example.com` for `acme.example.com`.
     * @visibility frontend
     */
    baseDomains: string[];
    /** Namespace patterns; `{id}` is replaced by the tenant id. */
    namespaces?: {
      /**
       * The tenant's workload namespace. Default `tenant-{id}`. Must differ
       * from `auth`; a tenant id whose namespace could be another tenant's
       * (`acme-auth` next to `acme`), or a platform or system namespace, is
       * refused.
       */
      tenant?: string;
      /** The namespace of the tenant's oauth2-proxy. Default `tenant-{id}-auth`. */
      auth?: string;
    };
    /** The namespace label that turns on sidecar injection. Default `istio-injection: enabled`. */
    meshInjection?: {
      /** Label key, e.g. `istio-injection` or `istio.io/rev`. */
      label: string;
      /** Label value, e.g. `enabled` or a revision. */
      value: string;
    };
    /** The mesh's trust domain, for principals in policies. Default `cluster.local`. */
    trustDomain?: string;
    /** The shared ingress Gateway that binds every tenant host. */
    gateway: {
      /** Gateway name. Default `tenant-gateway`. */
      name?: string;
      /** Namespace of the Gateway and the ingress gateway pods. Default `istio-ingress`. */
      namespace?: string;
      /** Labels of the ingress gateway pods. Default `istio: ingressgateway`. */
      selector?: { [label: string]: string };
      /** Service account of the ingress gateway pods. Default `istio-ingressgateway`. */
      serviceAccount?: string;
      /** Secret with the certificate of the base domains, in the gateway namespace. */
      credentialName: string;
    };
    /** Name of the CUSTOM provider in meshConfig.extensionProviders. Default `tenant-authz`. */
    extAuthzProvider?: string;
    /** The central Envoy that routes checks to each tenant's oauth2-proxy. */
    envoy?: {
      /** Default `tenant-authz`; must differ from the gateway's namespace. */
      namespace?: string;
      /** Name of its Deployment and Service. Default `tenant-authz`. */
      name?: string;
      /** Default `tenant-authz`. */
      serviceAccount?: string;
      /**
       * Port of its check listener (and of its Service). Default 8080; not
       * 9901 or 9902, the admin API's (loopback only) and readiness ports.
       */
      port?: number;
      /** Pinned image. */
      image?: string;
    };
    /** oauth2-proxy image and pinned version. */
    oauth2Proxy?: {
      image?: string;
      version?: string;
    };
    /** Amazon Cognito. */
    cognito: {
      /** AWS region of every user pool, e.g. `us-east-1`. */
      region: string;
      /** Endpoint of the cognito-local emulator; leave unset for AWS. */
      endpoint?: string;
      /** Defaults of tenants that do not set their own. */
      defaults?: {
        /** `off`, `optional` or `on` (software tokens). Default `optional`. */
        mfa?: 'off' | 'optional' | 'on';
        /** Durations such as `30m`, `1h`, `30d`. Defaults `1h`, `1h`, `1d`. */
        tokenValidity?: {
          idToken?: string;
          accessToken?: string;
          refreshToken?: string;
        };
      };
    };
  };
}
