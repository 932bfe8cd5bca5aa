/** The cross-file workspace index: names defined and referenced across tenant config files. */
export { createWorkspaceIndex, type UpdateOptions, type WorkspaceIndex } from './workspaceIndex';
export { extractFile } from './extract';
export { factsFromWire, factsToWire, wireTransfer, type WireFacts } from './wire';
export { namespaceAtPath } from './navigation';
export { EXTRACTION, type ExtractionRow } from './table';
export { NAMESPACES, type NamespaceInfo, type Scoping } from './namespaces';

export type * from './types';
