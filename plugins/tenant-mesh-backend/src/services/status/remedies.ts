/*
 * What a reason tells a person to do, in the same words everywhere.
 */

/**
 * How a person converges a tenant. The Create Tenant form refuses an id
 * that exists, so the re-run goes through the CLI or the REST API.
 */
export const RERUN =
  're-run the onboarding with tenant-mesh create <tenant file> or the scaffolder REST API (the form refuses an existing id)';

/** For Kubernetes objects, which a GitOps sync can also restore. */
export const CONVERGE = `${RERUN}, or let the GitOps sync apply the repository`;
