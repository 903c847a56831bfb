import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LoggerService } from '@backstage/backend-plugin-api';

/** The user pool that carries a tenant's tag. */
export interface TenantUserPool {
  userPoolId: string;
  name: string;
  arn?: string;
}

/** Outcome of {@link TenantCognito.ensureUserPool}. */
export interface EnsureUserPoolResult {
  userPoolId: string;
  arn?: string;
  /** True when this call created the pool, false when it adopted one. */
  created: boolean;
  /** Names of the pool settings this call changed to match the plan. */
  updated: string[];
}

/** Outcome of {@link TenantCognito.ensureUserPoolClient}; never the secret. */
export interface EnsureUserPoolClientResult {
  clientId: string;
  created: boolean;
  /** Names of the client settings this call changed to match the plan. */
  updated: string[];
}

/** Whether a hosted-UI domain prefix can be used by a tenant. */
export type DomainAvailability =
  | { state: 'available' }
  | { state: 'ours'; userPoolId: string }
  | { state: 'unsupported'; reason: string };

/** Outcome of {@link TenantCognito.ensureUserPoolDomain}. */
export type EnsureUserPoolDomainResult =
  | { state: 'created' | 'exists'; hostedUiUrl: string }
  | { state: 'unsupported'; reason: string };

/** The app client settings that the status backend shows; never the secret. */
export interface UserPoolClientSummary {
  clientId: string;
  clientName?: string;
  hasSecret: boolean;
  callbackUrls: string[];
  logoutUrls: string[];
  allowedOAuthFlows: string[];
  allowedOAuthScopes: string[];
  allowedOAuthFlowsUserPoolClient: boolean;
  explicitAuthFlows: string[];
  supportedIdentityProviders: string[];
  readAttributes: string[];
  accessTokenValidity?: number;
  idTokenValidity?: number;
  refreshTokenValidity?: number;
  tokenValidityUnits?: {
    accessToken?: string;
    idToken?: string;
    refreshToken?: string;
  };
}

/** Read-only view of one tenant's Cognito resources, for the status backend. */
export interface TenantCognitoStatus {
  pool?: {
    userPoolId: string;
    name?: string;
    arn?: string;
    mfaConfiguration?: string;
    tags: Record<string, string>;
  };
  client?: UserPoolClientSummary;
  domain:
    | { state: 'missing' }
    | { state: 'present'; domainPrefix: string; status?: string }
    | { state: 'unsupported'; reason: string };
  /** Settings that differ from the plan, one sentence each; empty when none. */
  drift: string[];
}

/** What every Cognito step needs: the client, and where to log. */
export interface CognitoContext {
  client: CognitoIdentityProviderClient;
  logger?: LoggerService;
}
