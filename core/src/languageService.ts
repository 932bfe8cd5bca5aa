import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { splitYamlStream } from './document/parseYaml';
import type { DocumentFormat, DocumentPart, ParsedDocument } from './document/document';
import { parseText } from './document/parseText';
import { SchemaStore, type LoadedSchema } from './schema/store';
import { SchemaGraph } from './schema/resolve';
import { associate, type Association } from './schema/associations';
import { createValidationPlan } from './validation/plan';
import { checkedChars } from './validation/chunk';
import type { Problem } from './problem';
import { createDocument } from './host/documents';
import { LruCache } from './util/lru';
import { rememberParts, type FeatureContext } from './features/context';
import { doComplete } from './features/completion/completion';
import { doHover } from './features/hover';
import { documentSymbols, foldingRanges, selectionRanges } from './features/structure';
import { documentLinks } from './features/links';
import { formatDocument } from './features/format';
import { codeActions, FIX_ALL_KIND } from './features/fixes/codeActions';
import { compareChunks, WHOLE_TEXT_SHARE, type Comparison } from './features/fixes/compare';
import { applyOffsetEdits, type OffsetEdit } from './features/fixes/edits';
import { touchedChars } from './features/fixes/budget';

export {
  CACHE_BYTES,
  defaultDocumentSettings,
  PROBLEM_BYTES,
  TREE_BYTES_PER_CHAR,
  type CacheBytes,
  type DocumentSettings,
  type LanguageService,
  type LanguageServiceOptions,
  type SchemaInfo,
  type CrossFileProblems,
} from './serviceTypes';
import {
  CACHE_BYTES,
  PROBLEM_BYTES,
  TREE_BYTES_PER_CHAR,
  type DocumentSettings,
  type LanguageService,
  type LanguageServiceOptions,
} from './serviceTypes';
export { FIX_ALL_KIND };
import { toComparable, toDiagnostics } from './problemDiagnostics';
export { toComparable, toDiagnostics };

export { EDITOR_VERIFY_MS, type VerifyBudget } from './features/fixes/budget';

export function formatOf(doc: { languageId: string; uri: string }): DocumentFormat {
  if (/json/i.test(doc.languageId)) return 'json';
  if (/yaml|yml/i.test(doc.languageId)) return 'yaml';
  return /\.jsonc?$/i.test(doc.uri) ? 'json' : 'yaml';
}

/** Read a whole text into parts (YAML streams chunk by chunk). */
export { parseText };

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const store = new SchemaStore(options.bundled, options.readFile);
  let graph = new SchemaGraph(store.objects, (u) => store.bundledUri(u));
  const generations = new WeakMap<LoadedSchema, number>();
  const bounds = { ...CACHE_BYTES, ...options.cacheBytes };
  let nextGeneration = 1;
  /** Problems of one chunk of text under one schema, offsets relative to the chunk. */
  const chunkCache = new LruCache<string, Problem[]>(20_000, {
    maxBytes: bounds.chunkProblems,
    sizeOf: (key, problems) => 2 * key.length + PROBLEM_BYTES * problems.length,
  });
  const parseCache = new LruCache<string, { version: number; parsed: ParsedDocument }>(64, {
    maxBytes: bounds.trees,
    sizeOf: (_, { parsed }) => TREE_BYTES_PER_CHAR * parsed.text.length,
  });
  /**
   * The parts of the last first chunk validated: a document of one chunk (most files) is then read
   * once for its diagnostics and its index facts, not twice.
   */
  let lastFirstChunk: { text: string; format: DocumentFormat; parts: DocumentPart[] } | undefined;
  let verifying = false;

  const generationOf = (s: LoadedSchema | undefined): number => {
    if (!s) return 0;
    let g = generations.get(s);
    if (g === undefined) generations.set(s, (g = nextGeneration++));
    return g;
  };

  /**
   * The last association of each document: a linter or server run asks several times per document
   * (its kind, whether a schema applies, validation, facts) with the same text and settings.
   */
  const associationCache = new LruCache<
    string,
    { text: string; schemas: DocumentSettings['schemas']; folders: string[]; bundledOnly?: boolean; a: Association }
  >(64);
  const getAssociation = (doc: TextDocument, settings: DocumentSettings): Association => {
    const text = doc.getText();
    const hit = associationCache.get(doc.uri);
    if (
      hit &&
      hit.schemas === settings.schemas &&
      hit.folders === settings.workspaceFolders &&
      hit.bundledOnly === settings.bundledOnly &&
      hit.text === text
    )
      return hit.a;
    const a = associateOnce(doc, settings);
    associationCache.set(doc.uri, {
      text,
      schemas: settings.schemas,
      folders: settings.workspaceFolders,
      bundledOnly: settings.bundledOnly,
      a,
    });
    return a;
  };
  const associateOnce = (doc: TextDocument, settings: DocumentSettings): Association => {
    const a = associate(
      { uri: doc.uri, text: doc.getText(), settings: settings.schemas, workspaceFolders: settings.workspaceFolders },
      store,
    );
    if (settings.bundledOnly && a.schemaUri && !store.isBundled(a.schemaUri)) {
      return {
        source: a.source,
        detail: a.detail,
        problem: { code: 'schema.untrusted-workspace', offset: 0, length: 0, args: { uri: a.schemaUri } },
      };
    }
    return a;
  };

  // Cached per uri and version, and checked against the text: documents read from disk all have version 0.
  const chunkCache2 = new LruCache<
    string,
    { version: number; text: string; chunks: Array<{ start: number; text: string }> }
  >(64, { maxBytes: bounds.texts, sizeOf: (_, { text }) => 2 * text.length });
  const chunksOf = (doc: TextDocument): Array<{ start: number; text: string }> => {
    const text = doc.getText();
    const hit = chunkCache2.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit.chunks;
    const chunks = formatOf(doc) === 'json' ? [{ start: 0, text }] : splitYamlStream(text);
    // Candidate texts of fix verification (negative versions) do not push the document out.
    if (doc.version >= 0) chunkCache2.set(doc.uri, { version: doc.version, text, chunks });
    return chunks;
  };
  const features = (settings: DocumentSettings): FeatureContext => ({
    store,
    chunks: chunksOf,
    graph: () => graph,
    association: (doc) => getAssociation(doc, settings),
    format: (doc) => formatOf(doc),
  });

  return {
    store,
    getAssociation,
    doComplete: (doc, position, settings) => doComplete(features(settings), doc, position),
    doHover: (doc, position, settings) => doHover(features(settings), doc, position),
    getDocumentSymbols(doc) {
      return documentSymbols(doc, this.parse(doc));
    },
    getFoldingRanges(doc) {
      return foldingRanges(doc, this.parse(doc));
    },
    getSelectionRanges(doc, positions) {
      return selectionRanges(doc, this.parse(doc), positions);
    },
    getDocumentLinks(doc, settings) {
      return documentLinks(features(settings), doc, this.parse(doc));
    },
    format: (doc, options, range) => formatDocument(doc, formatOf(doc), options, range),
    getCodeActions(doc, range, context, settings, crossFile, budget) {
      const now = budget?.now ?? Date.now;
      const started = budget?.start ?? now();
      const all = { ...settings, severity: {}, maxProblems: 100_000 };
      let v = 0;
      // Re-reading a file for the index costs a full parse (about 0.5 ms per KB): at most about a
      // megabyte of candidate text per request, 40 candidates for small files, one for large ones.
      let crossBudget = Math.min(40, Math.max(1, Math.floor(1_000_000 / Math.max(1, doc.getText().length))));
      const check = (d: TextDocument, cross: boolean): Diagnostic[] => {
        const own = this.doValidation(d, all);
        if (!crossFile || !cross) return own;
        let extra: Problem[];
        try {
          extra = crossFile(d.getText());
        } catch {
          extra = [];
        }
        return [...own, ...toDiagnostics(d, extra, all)];
      };
      const before = now();
      const current = check(doc, true);
      const text = doc.getText();
      // Computed rather than cached (over 50 ms), the current diagnostics give the rate to expect.
      const spent = now() - before;
      const rate = spent > 50 ? spent / Math.max(1, text.length) : 0;
      const plan = this.validationPlan(doc, all);
      const chunkDiagnostics = new Map<number, Diagnostic[]>();
      const currentChunk = (i: number): Diagnostic[] => {
        let ds = chunkDiagnostics.get(i);
        if (!ds) chunkDiagnostics.set(i, (ds = toComparable(plan.chunkProblems(i), all)));
        return ds;
      };
      // Fix-all and the quick fixes of one request verify the same candidates: each is checked once.
      const seen = new Map<string, Comparison>();
      const compare = (edits: OffsetEdit[], cross: boolean): Comparison => {
        const withIndex = cross && !!crossFile && crossBudget > 0;
        const key = (withIndex ? '1' : '0') + JSON.stringify(edits);
        const hit = seen.get(key);
        if (hit) return hit;
        if (seen.size > 500) seen.clear();
        const candidate = applyOffsetEdits(text, edits);
        const cdoc = createDocument(doc.uri, candidate, -1 - v++, doc.languageId);
        let c: Comparison | undefined;
        verifying = true;
        const work = checkedChars.total;
        try {
          if (withIndex) crossBudget--;
          else
            c = compareChunks(
              plan,
              text,
              this.validationPlan(cdoc, all),
              candidate,
              (problems) => toComparable(problems, all),
              currentChunk,
            );
          // Checked on another basis, or with the index: the whole texts are compared.
          c ??= { before: current, after: check(cdoc, withIndex), kept: () => false, checked: candidate.length };
        } finally {
          verifying = false;
        }
        // What was checked, every re-check of a chunk included (the indentation hint checks a chunk
        // again per key it tries to move), plus the passes over the whole text (a full read with the index).
        c.checked =
          checkedChars.total - work + (withIndex ? candidate.length : Math.ceil(candidate.length / WHOLE_TEXT_SHARE));
        seen.set(key, c);
        return c;
      };
      const cost = (edits: OffsetEdit[], cross: boolean): number =>
        touchedChars(plan.parts, edits) +
        (cross && crossFile && crossBudget > 0 ? text.length : Math.ceil(text.length / WHOLE_TEXT_SHARE));
      return codeActions(features(settings), doc, range, context, {
        current,
        compare,
        cost,
        time: budget ? { now, start: started, budgetMs: budget.ms, rate } : undefined,
        unverified: budget?.unverified,
      });
    },
    getSchemaInfo(doc, settings) {
      const a = getAssociation(doc, settings);
      const title = a.schemaUri ? (store.entry(a.schemaUri)?.title ?? store.get(a.schemaUri).title) : '';
      return { schemaUri: a.schemaUri, title, source: a.source, detail: a.detail };
    },
    parse(doc) {
      const hit = parseCache.get(doc.uri);
      const text = doc.getText();
      if (hit && hit.version === doc.version && hit.parsed.text === text) return hit.parsed;
      const format = formatOf(doc);
      const last = lastFirstChunk;
      const parsed =
        last && last.text === text && last.format === format
          ? { format, text, parts: last.parts }
          : parseText(text, format);
      parseCache.set(doc.uri, { version: doc.version, parsed });
      return parsed;
    },
    forgetDocument(uri) {
      parseCache.delete(uri);
      chunkCache2.delete(uri);
      associationCache.delete(uri);
    },
    cacheBytes: () => ({ chunkProblems: chunkCache.byteSize, trees: parseCache.byteSize, texts: chunkCache2.byteSize }),
    invalidateSchema(uri) {
      store.invalidate(uri);
      graph = new SchemaGraph(store.objects, (u) => store.bundledUri(u));
      chunkCache.clear();
      associationCache.clear();
    },
    doValidation(doc, settings) {
      const steps = this.validationSteps(doc, settings);
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    },
    *validationSteps(doc, settings) {
      const plan = this.validationPlan(doc, settings);
      for (const i of plan.pending) {
        plan.runHere(i);
        if (plan.chunks > 1) yield;
      }
      return plan.finish();
    },
    validationPlan(doc, settings) {
      return createValidationPlan(
        {
          store,
          graph,
          cache: chunkCache,
          chunks: chunksOf,
          association: (d) => getAssociation(d, settings),
          generation: generationOf,
          format: formatOf,
          diagnostics: (d, problems) => toDiagnostics(d, problems, settings, options.diagnosticsDocUri),
          read: (job, format, parts) => {
            // A candidate text of fix verification is read once: the document's own tree stays.
            if (job.later || verifying) return;
            lastFirstChunk = { text: job.text, format, parts };
            rememberParts(format === 'json' ? -1 : 0, job.text, parts);
          },
        },
        doc,
      );
    },
  };
}
