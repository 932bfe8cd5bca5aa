/**
 * The core's façade for the shells: the analysis host (host/) and the typed contracts. The
 * language service and the workspace index are the host's; shells do not reach past it.
 */
export * from './host/index';
export {
  defaultDocumentSettings,
  EDITOR_VERIFY_MS,
  FIX_ALL_KIND,
  parseText,
  type CrossFileProblems,
  type DocumentSettings,
  type SchemaInfo as ServiceSchemaInfo,
  type VerifyBudget,
} from './languageService';
export type {
  Problem,
  ProblemData,
  CommonData,
  ReadData,
  SchemaData,
  RefData,
  SecretData,
  DetailData,
  RefProblem,
  CodeOf,
  AnyProblemData,
} from './problem';
export { hasCode, inFamily, diagnosticData } from './problem';
export * from './codes';
export { KINDS, isKind, type Kind } from './kinds';
export type { Association, AssociationSource } from './schema/associations';
export type { BundledSchemas, CatalogEntry, ReadFile, UserSchemaCompiler } from './schema/store';
export type { CompiledUserSchema } from './schema/userCompile';
export type { ValidationPlan, SchemaRef } from './validation/plan';
export type { ChunkJob } from './validation/chunk';
// The analysis workers of the language server: chunks checked and user schemas compiled off the main thread.
export { createChunkChecker, remoteKey, type ChunkChecker, type RemoteSchemaRef } from './validation/checker';
export { precompileBundled, type PrecompiledModule, type PrecompiledSource } from './schema/precompile';
export { moduleFactory } from './schema/standalone';
export type { ParsedDocument, DocumentPart, DocumentFormat } from './document/document';
export type * from './document/ast';
export { messages } from './messages';
export {
  applySuppressions,
  pathSuppressionProblems,
  type SuppressOptions,
  type SuppressResult,
} from './suppress/suppress';
export { readDirectives, type Directive } from './suppress/directives';
export {
  PROJECT_CONFIG_FILE,
  PROJECT_SCHEMA_ID,
  configFolders,
  emptyProjectConfig,
  matchesGlobs,
  parsePointer,
  readProjectConfig,
  type PathSuppression,
  type ProjectConfig,
} from './project/config';
export { layerSettings, type LayeredSettings, type SettingsLayer } from './project/settings';
export type { DocumentMigration } from './migrate/api';
export { latestVersion, versionsOf } from './migrate/registry';
