export interface Config {
  tenantMesh?: {
    /** How `GET /api/tenant-mesh/tenants/:id/status` reads a tenant's live state. */
    status?: {
      /**
       * The cluster whose objects and pods the status reads. Unset: the
       * delivery cluster (`delivery.cluster`), else the cluster the GitOps
       * repository is synced to (`delivery.gitops.secretsCluster`); with none
       * of them, routing and pods are `unknown`. The service account needs
       * get and list only, on the tenants' objects and pods, the shared
       * Gateway, AuthorizationPolicies and central Envoy ConfigMaps, istiod's
       * meshConfig ConfigMap, and Secrets (only their key names are kept).
       */
      cluster?: {
        /** Path of a kubeconfig file. */
        kubeconfig?: string;
        /** Context of the kubeconfig; its current context when unset. */
        context?: string;
        /** Use the service account of the pod the backend runs in. */
        inCluster?: boolean;
        /** A catalog Resource of spec.type kubernetes-cluster. */
        entityRef?: string;
        /**
         * Service-account token for `entityRef`.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * The name of a cluster of the Kubernetes plugin
         * (`kubernetes.clusterLocatorMethods`, type `config`), reached with
         * that plugin's own auth: serviceAccount, aws (EKS),
         * googleServiceAccount or localKubectlProxy.
         */
        kubernetesCluster?: string;
      };
      /**
       * `<namespace>/<name>` of the ConfigMap istiod reads its meshConfig
       * from (key `mesh`), to check that the CUSTOM provider exists.
       * Default `istio-system/istio`; a revisioned install uses
       * `istio-system/istio-<revision>`.
       */
      meshConfigMap?: string;
      /**
       * An unauthenticated request to the tenant's host through the ingress
       * gateway, which must redirect to the tenant's hosted UI. Unset: no
       * login probe.
       */
      loginProbe?: {
        /** Base URL of the ingress gateway, e.g. `https://gateway.internal:443`. */
        gatewayUrl: string;
      };
    };
  };
}
