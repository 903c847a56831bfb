import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  PlatformSettings,
  StatusCheck,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  TenantCognito,
  TenantCognitoStatus,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { cognitoChecks, cognitoUnknownChecks, issuerCheck } from './authChecks';
import { CACHE_TTL_MS, problemText, withinReadTimeout } from './deadline';
import { loginProbeCheck } from './loginProbe';

/**
 * The auth checks that ask Cognito and the network: pool, client, domain,
 * the issuer's discovery document and the optional login probe.
 */
export class CognitoStatus {
  readonly #platform: PlatformSettings;
  readonly #cognito: TenantCognito;
  readonly #cache: CacheService;
  readonly #logger: LoggerService;
  readonly #loginProbeGatewayUrl?: string;

  constructor(options: {
    platform: PlatformSettings;
    cognito: TenantCognito;
    cache: CacheService;
    logger: LoggerService;
    loginProbeGatewayUrl?: string;
  }) {
    this.#platform = options.platform;
    this.#cognito = options.cognito;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#loginProbeGatewayUrl = options.loginProbeGatewayUrl;
  }

  async checks(options: {
    plan: TenantPlan;
    /** From the record or the catalog entity, so no pool scan is needed. */
    userPoolId?: string;
    fresh?: boolean;
  }): Promise<{ checks: StatusCheck[]; hostedUiUrl?: string }> {
    const { plan } = options;
    let cognito: TenantCognitoStatus;
    try {
      cognito = await withinReadTimeout(this.#describe(options));
    } catch (error) {
      // Errors of the Cognito client name the operation, never a secret.
      this.#logger.warn('Could not read Cognito for a status', {
        tenantId: plan.spec.tenantId,
        error: problemText(error),
      });
      return {
        checks: cognitoUnknownChecks(
          plan,
          `Cognito could not be read: ${problemText(error)}.`,
        ),
      };
    }
    const { checks, hostedUiUrl } = cognitoChecks(plan, cognito);
    const clientId = plan.spec.identity?.clientId ?? cognito.client?.clientId;
    const gatewayUrl = this.#loginProbeGatewayUrl;
    const extra = await Promise.all([
      issuerCheck({
        plan,
        platform: this.#platform,
        userPoolId: cognito.pool?.userPoolId,
        poolExists: Boolean(cognito.pool),
      }),
      ...(gatewayUrl ? [loginProbeCheck({ plan, gatewayUrl, clientId })] : []),
    ]);
    return { checks: [...checks, ...extra], hostedUiUrl };
  }

  async #describe(options: {
    plan: TenantPlan;
    userPoolId?: string;
    fresh?: boolean;
  }): Promise<TenantCognitoStatus> {
    const { plan, userPoolId, fresh } = options;
    const key = `cognito:${plan.spec.tenantId}`;
    if (!fresh) {
      const cached = (await this.#cache.get(key)) as
        | TenantCognitoStatus
        | undefined;
      if (cached) {
        return cached;
      }
    }
    // The summary carries whether the client has a secret, never the secret.
    const described = await this.#cognito.describeTenant(
      plan.spec.tenantId,
      plan.cognito,
      { userPoolId },
    );
    await this.#cache.set(key, described as never, { ttl: CACHE_TTL_MS });
    return described;
  }
}
