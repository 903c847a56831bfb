import { CognitoPlan } from '@tenant-mesh/plugin-tenant-mesh-common';
import { describeTenant } from './describeTenant';
import { ensureUserPool } from './ensureUserPool';
import { ensureUserPoolClient } from './ensureUserPoolClient';
import { findTaggedUserPool } from './findUserPool';
import { checkDomainAvailable, ensureUserPoolDomain } from './userPoolDomain';
import {
  CognitoContext,
  DomainAvailability,
  EnsureUserPoolClientResult,
  EnsureUserPoolDomainResult,
  EnsureUserPoolResult,
  TenantCognitoStatus,
  TenantUserPool,
} from './types';
import { withClientSecret } from './withClientSecret';

/**
 * The Cognito side of a tenant: idempotent steps that create or adopt the
 * user pool, app client and hosted-UI domain, each callable on its own so
 * that an action can checkpoint every remote change, and a read-only view
 * for the status backend.
 */
export class TenantCognito {
  constructor(private readonly ctx: CognitoContext) {}

  /** The user pool tagged with the tenant id, if there is one. */
  async findUserPool(tenantId: string): Promise<TenantUserPool | undefined> {
    const pool = await findTaggedUserPool(this.ctx, tenantId);
    if (!pool?.Id) {
      return undefined;
    }
    return { userPoolId: pool.Id, name: pool.Name ?? '', arn: pool.Arn };
  }

  /** Whether the prefix is free or already the tenant's; call before the pool exists. */
  checkDomainAvailable(
    domainPrefix: string,
    options: { expectedPoolId?: string } = {},
  ): Promise<DomainAvailability> {
    return checkDomainAvailable(this.ctx, { domainPrefix, ...options });
  }

  /** Creates or adopts the tenant's user pool and converges its settings. */
  ensureUserPool(
    plan: CognitoPlan,
    tenantId: string,
  ): Promise<EnsureUserPoolResult> {
    return ensureUserPool(this.ctx, { plan, tenantId });
  }

  /** Creates or converges the tenant's app client; never returns the secret. */
  ensureUserPoolClient(
    userPoolId: string,
    plan: CognitoPlan,
  ): Promise<EnsureUserPoolClientResult> {
    return ensureUserPoolClient(this.ctx, { userPoolId, plan });
  }

  /** Hands the app client's secret to `fn` and nowhere else. */
  withClientSecret<T>(
    userPoolId: string,
    clientId: string,
    fn: (secret: string) => Promise<T>,
  ): Promise<T> {
    return withClientSecret(this.ctx, { userPoolId, clientId }, fn);
  }

  /** Attaches the hosted-UI domain prefix once; `unsupported` on the emulator. */
  ensureUserPoolDomain(
    userPoolId: string,
    domainPrefix: string,
  ): Promise<EnsureUserPoolDomainResult> {
    return ensureUserPoolDomain(this.ctx, { userPoolId, domainPrefix });
  }

  /**
   * Read-only view of the tenant's Cognito resources and their drift. With
   * the known `userPoolId` the pool is described by id, not found by a scan.
   */
  describeTenant(
    tenantId: string,
    plan: CognitoPlan,
    options: { userPoolId?: string } = {},
  ): Promise<TenantCognitoStatus> {
    return describeTenant(this.ctx, { tenantId, plan, ...options });
  }
}
