export interface Config {
  tenantMesh?: {
    /** Where `tenant-mesh:deliver` puts a tenant's Kubernetes objects. */
    delivery?: {
      /**
       * `gitops`: commit the manifests to a Git repository that a GitOps
       * controller syncs; `cluster`: server-side apply them to one cluster.
       */
      target: 'gitops' | 'cluster';
      gitops?: {
        /** Path of a local Git repository; created on first use. */
        repository: string;
        /**
         * A cluster that receives the oauth2-proxy Secret directly, because
         * secrets are never committed. Without it the Secret is not written
         * and the step says so.
         */
        secretsCluster?: {
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
      };
      /** The cluster of the `cluster` target; exactly one way to reach it. */
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
    };
  };
}
