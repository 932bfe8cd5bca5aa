/**
 * The façade for indexing workers: reading a file into facts and packing them for the trip back,
 * without the language service (a worker bundle stays small).
 */
export type { DocumentFormat } from './document/document';
export { parseText } from './document/parseText';
export { extractFile } from './workspace/extract';
export { factsFromWire, factsToWire, wireTransfer, type WireFacts } from './workspace/wire';
export type { FileFacts } from './workspace/types';
