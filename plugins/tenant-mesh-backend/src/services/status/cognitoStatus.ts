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
import { InFlight } from './inFlight';
import { loginProbeCheck } from './loginProbe';

/** The checks of Cognito and the network, and the tenant's hosted UI. */
export interface CognitoChecks {
  checks: StatusCheck[];
  hostedUiUrl?: string;
  /** False when Cognito did not answer; such an answer is not cached. */
  cognitoAnswered: boolean;
}

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
  readonly #inFlight = new InFlight();

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

  /**
   * The checks, cached briefly as a whole: Cognito, the issuer's discovery
   * document and the login probe are each a remote call, and every view of
   * a tenant page asks for all of them.
   */
  async checks(options: {
    plan: TenantPlan;
    /** From the record or the catalog entity, so no pool scan is needed. */
    userPoolId?: string;
    fresh?: boolean;
  }): Promise<CognitoChecks> {
    // The pool id comes from the caller's view of the catalog: part of the key.
    const key = `cognito:${options.plan.spec.tenantId}:${
      options.userPoolId ?? ''
    }`;
    if (!options.fresh) {
      const cached = (await this.#cache.get(key)) as CognitoChecks | undefined;
      if (cached) {
        return cached;
      }
    }
    return this.#inFlight.run(key, async () => {
      const result = await this.#check(options);
      if (result.cognitoAnswered) {
        await this.#cache.set(key, result as never, { ttl: CACHE_TTL_MS });
      }
      return result;
    });
  }

  async #check(options: {
    plan: TenantPlan;
    userPoolId?: string;
  }): Promise<CognitoChecks> {
    const { plan, userPoolId } = options;
    let cognito: TenantCognitoStatus;
    try {
      // The summary carries whether the client has a secret, never the secret.
      cognito = await withinReadTimeout(
        this.#cognito.describeTenant(plan.spec.tenantId, plan.cognito, {
          userPoolId,
        }),
      );
    } catch (error) {
      // Errors of the Cognito client name the operation, never a secret.
      this.#logger.warn('Could not read Cognito for a status', {
        tenantId: plan.spec.tenantId,
        error: problemText(error),
      });
      return {
        cognitoAnswered: false,
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
      ...(gatewayUrl
        ? [
            loginProbeCheck({
              plan,
              gatewayUrl,
              clientId,
              hostedUi: hostedUiUrl !== undefined,
            }),
          ]
        : []),
    ]);
    return {
      cognitoAnswered: true,
      checks: [...checks, ...extra],
      ...(hostedUiUrl ? { hostedUiUrl } : {}),
    };
  }
}
