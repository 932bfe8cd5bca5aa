import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFormat, DocumentPart } from '../document/document';
import { parseYaml, splitYamlStream } from '../document/parseYaml';
import { parseJson } from '../document/parseJson';
import { toValue } from '../document/value';
import { LruCache } from '../util/lru';
import type { LoadedSchema, SchemaStore } from '../schema/store';
import type { SchemaGraph } from '../schema/resolve';
import type { Association } from '../schema/associations';
import { indexAt } from '../util/search';

/** What a feature needs from the service: the schema of a document and its graph. */
export interface FeatureContext {
  store: SchemaStore;
  /** The chunks of a YAML stream, computed once per document version. */
  chunks(doc: TextDocument): Array<{ start: number; text: string }>;
  graph(): SchemaGraph;
  association(doc: TextDocument): Association;
  format(doc: TextDocument): DocumentFormat;
}

/** The schema that applies to a document, when it loads. */
export function schemaOf(ctx: FeatureContext, doc: TextDocument): LoadedSchema | undefined {
  const a = ctx.association(doc);
  if (!a.schemaUri) return undefined;
  const s = ctx.store.get(a.schemaUri);
  return s.error ? undefined : s;
}

/**
 * Read only the document (of a stream) that holds an offset, with the stream's offsets. A
 * completion or hover in one tenant of a 150,000-line stream reads a few hundred lines.
 * `patch` replaces a range of that chunk before reading (completion blanks the line being typed).
 */
export function partAtOffset(
  text: string,
  format: DocumentFormat,
  offset: number,
  patch?: { offset: number; length: number; text: string },
  knownChunks?: Array<{ start: number; text: string }>,
): { part: DocumentPart | undefined; text: string } {
  const apply = (t: string, base: number): string => {
    if (!patch) return t;
    const s = patch.offset - base;
    if (s < 0 || s > t.length) return t;
    return t.slice(0, s) + patch.text + t.slice(s + patch.length);
  };
  if (format === 'json') {
    const t = apply(text, 0);
    return { part: cachedParts(-1, t, () => [parseJson(t)], false)[0], text: t };
  }
  const chunks = knownChunks ?? splitYamlStream(text);
  const chunk = chunks[indexAt(chunks.length, (i) => chunks[i].start, offset)];
  const chunkText = apply(chunk.text, chunk.start);
  const parts = cachedParts(chunk.start, chunkText, () => parseYaml(chunkText, chunk.start));
  let part = parts[0];
  for (const p of parts) if (p.start <= offset) part = p;
  // Keep the full text for offset arithmetic: the chunk is placed back at its start.
  const full = patch ? text.slice(0, chunk.start) + chunkText + text.slice(chunk.start + chunk.text.length) : text;
  return { part, text: full };
}

/**
 * Recently read chunks (hover and code actions come in bursts on the same document), bounded by
 * an estimate of their trees' size (32 bytes per character, as the language service's caches).
 */
const partCache = new LruCache<string, DocumentPart[]>(32, {
  maxBytes: 64 << 20,
  sizeOf: (key) => 32 * key.length,
});
/**
 * The last chunk read, matched by the identity of its text first: code actions ask once per
 * diagnostic, and building and hashing a cache key from a 2 MB text each time cost seconds.
 */
let lastRead: { start: number; text: string; parts: DocumentPart[] } | undefined;

/**
 * Parts read elsewhere (validation reads a document's first chunk at offset 0, as the features
 * do): the next feature request on that text uses them instead of reading the text again.
 */
export function rememberParts(start: number, text: string, parts: DocumentPart[]): void {
  lastRead = { start, text, parts };
}

function cachedParts(start: number, text: string, read: () => DocumentPart[], lru = true): DocumentPart[] {
  if (lastRead && lastRead.start === start && lastRead.text === text) return lastRead.parts;
  const key = `${start}\u0000${text}`;
  let parts = lru ? partCache.get(key) : undefined;
  if (!parts) {
    parts = read();
    if (lru) partCache.set(key, parts);
  }
  lastRead = { start, text, parts };
  return parts;
}
const valueCache = new WeakMap<DocumentPart, unknown>();

export function valueOf(part: DocumentPart | undefined): unknown {
  if (!part?.root) return undefined;
  if (valueCache.has(part)) return valueCache.get(part);
  const v = toValue(part.root, part.hasAliases);
  const value = v.bomb ? undefined : v.value;
  valueCache.set(part, value);
  return value;
}
