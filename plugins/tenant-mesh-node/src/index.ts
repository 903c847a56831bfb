export {};
export * from './cognito';
export * from './manifests';
export * from './kubernetes';
export * from './gitops';
export * from './records';
export * from './secrets';
export * from './delivery';
