/** Test utilities of Tenant Mesh's server-side clients. */
export { startFakeKubernetesApi } from './fakeKubernetesApi';
export type {
  FakeKubernetesApi,
  FakeObjectRef,
  FaultRule,
  RecordedRequest,
} from './fakeKubernetesApi';
export type { KubernetesStatus } from './fakeKubernetesStatus';
export { callCognitoLocal, startCognitoLocal } from './cognitoLocal';
export type { CognitoLocal } from './cognitoLocal';
