export { redactSecrets } from './redactSecrets';
