/** The tenant-config language service: a pure library over text documents, with all I/O injected. */
export * from './languageService';
export type { Problem } from './problem';
export * from './codes';
export type { Association, AssociationSource } from './schema/associations';
export type { BundledSchemas, CatalogEntry, ReadFile } from './schema/store';
export type { ParsedDocument, DocumentPart, DocumentFormat } from './document/document';
export type * from './document/ast';
export { messages } from './messages';
export { createWorkspaceIndex, type WorkspaceIndex } from './workspace/index';
export { migrateDocument, type DocumentMigration } from './migrate/api';
export { latestVersion, versionsOf } from './migrate/registry';
