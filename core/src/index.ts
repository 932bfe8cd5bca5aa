/** The tenant-config language service: a pure library over text documents, with all I/O injected. */
export * from './languageService';
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
export { KINDS, isKind, type Kind } from './kinds';
export * from './codes';
export type { Association, AssociationSource } from './schema/associations';
export type { BundledSchemas, CatalogEntry, ReadFile } from './schema/store';
export type { ParsedDocument, DocumentPart, DocumentFormat } from './document/document';
export type * from './document/ast';
export { messages } from './messages';
export { createWorkspaceIndex, type WorkspaceIndex } from './workspace/index';
