/** The Node side of the shells: file access for the language server and the linter. */
export { FileGate, localPath, within, type GateOptions, type ReadOptions } from './gate';
export { decode, bomOf, invalidUtf8 } from './decode';
export {
  walk,
  folderSkipReason,
  SKIPPED_FOLDERS,
  CONFIG_FILE,
  WALK_MAX_DEPTH,
  WALK_MAX_FILES,
  type Skipped,
  type SkipReason,
  type WalkOptions,
  type WalkResult,
} from './walk';
export { compileExclude, describeUnusable, isExcluded, type Exclude, type UnusableGlob } from './exclude';
export {
  findSchemasDir,
  loadBundledSchemas,
  findDiagnosticsDoc,
  hashSchemaTexts,
  schemasHash,
  validatorsDir,
  type ValidatorsManifest,
} from './bundled';
export {
  WorkerPool,
  poolSize,
  poolWorkerData,
  serveRequests,
  type PoolReply,
  type PoolRequest,
  type WorkerPoolOptions,
} from './workerPool';
export { IndexPool, indexRequest, serveIndexRequests, type IndexJob, type IndexRequest } from './indexPool';
