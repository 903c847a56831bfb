/**
 * Cognito create-or-adopt for tenants, and the read-only view the status
 * backend compares with the plan.
 */
export { TenantCognito } from './TenantCognito';
export {
  cognitoClientFromConfig,
  createCognitoClient,
} from './createCognitoClient';
export type {
  AwsCredentialIdentityProvider,
  CognitoClientOptions,
} from './createCognitoClient';
export { compareClientWithPlan } from './compareWithPlan';
export { isUnsupportedByEmulator, toCognitoError } from './cognitoErrors';
export type { CognitoCallContext } from './cognitoErrors';
export { summarizeClient } from './describeTenant';
export * from './types';
