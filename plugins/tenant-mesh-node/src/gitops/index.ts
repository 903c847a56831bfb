/** Delivery of Tenant Mesh's manifests to a GitOps repository. */
export { GitRepositoryTarget } from './gitRepositoryTarget';
export { gitBlobId } from './committedFiles';
export type {
  GitFile,
  GitLogEntry,
  GitRepositoryTargetOptions,
  GitWriteResult,
} from './gitRepositoryTarget';
export type { TreeChanges } from './commitMessage';
export type { FileLockOptions } from './fileLock';
