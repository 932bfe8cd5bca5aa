/**
 * Documents over the size limit (the `tenantConfig.largeDocumentLimit` setting) get structure
 * only: folding by indentation and the top-level keys as symbols, both from one scan of the lines
 * (no tree is built, so memory stays near the text's own size), and one diagnostic that says why
 * nothing else is offered.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { say } from '../messages';
import type { Problem } from '../problem';

/** The most folding ranges and symbols reported (editors show no more). */
const MAX_RANGES = 5000;
const MAX_SYMBOLS = 5000;

const megabytes = (n: number): string => String(Math.round((n / 1_000_000) * 10) / 10);

/** The diagnostic of a document of `size` characters over `limit`, on its first line. */
export function largeDocumentProblem(text: string, limit: number): Problem {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? Math.min(text.length, 200) : Math.min(nl, 200);
  return {
    code: 'document.too-large',
    offset: 0,
    length: first,
    message: say('document.too-large', [], { size: megabytes(text.length), limit: megabytes(limit) }),
    data: { size: text.length, limit },
  };
}

interface Line {
  start: number;
  end: number;
  /** Indentation in characters; -1 for a blank or comment-only line. */
  indent: number;
}

/** Each line's extent and indentation, in one pass. */
function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    const blank = i >= end || c === 13 || c === 35; /* # */
    yield { start, end, indent: blank ? -1 : i - start };
    if (end >= text.length) break;
    start = end + 1;
  }
}

/** Folding ranges by indentation: a line folds the lines below it that are indented deeper. */
export function largeFolding(doc: TextDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const open: Array<{ line: number; indent: number }> = [];
  let line = -1;
  let lastContent = -1;
  const close = (indent: number): void => {
    while (open.length && open[open.length - 1].indent >= indent) {
      const o = open.pop()!;
      if (lastContent > o.line && out.length < MAX_RANGES) out.push({ startLine: o.line, endLine: lastContent });
    }
  };
  for (const l of lines(doc.getText())) {
    line++;
    if (l.indent < 0) continue;
    close(l.indent);
    open.push({ line, indent: l.indent });
    lastContent = line;
  }
  close(-1);
  return out.sort((a, b) => a.startLine - b.startLine);
}

const YAML_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\-?:,][^#]*?)\s*:(?:\s|$)/;
const JSON_KEY = /^\s*"((?:[^"\\]|\\.)*)"\s*:/;

/**
 * The document's top-level keys as symbols (YAML: unindented keys, in every document of a stream;
 * JSON: the keys of the least indented lines that hold one), each spanning to the next.
 */
export function largeSymbols(doc: TextDocument, format: 'yaml' | 'json'): DocumentSymbol[] {
  const text = doc.getText();
  const found: Array<{ name: string; line: number; start: number; length: number }> = [];
  let line = -1;
  let jsonIndent = Number.POSITIVE_INFINITY;
  for (const l of lines(text)) {
    line++;
    if (found.length >= MAX_SYMBOLS) break;
    if (format === 'yaml') {
      if (l.indent !== 0) continue;
      const m = YAML_KEY.exec(text.slice(l.start, Math.min(l.end, l.start + 1024)));
      if (m) found.push({ name: m[1].replace(/^["']|["']$/g, ''), line, start: l.start, length: m[1].length });
    } else {
      if (l.indent < 0 || l.indent > jsonIndent) continue;
      const m = JSON_KEY.exec(text.slice(l.start, Math.min(l.end, l.start + 1024)));
      if (!m) continue;
      if (l.indent < jsonIndent) {
        jsonIndent = l.indent;
        found.length = 0;
      }
      found.push({ name: m[1], line, start: l.start, length: m[1].length + 2 });
    }
  }
  const indent = format === 'json' && Number.isFinite(jsonIndent) ? jsonIndent : 0;
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return found.map((f, i) => ({
    name: f.name || '""',
    kind: SymbolKind.Key,
    // To the end of the line before the next key (or of the document).
    range: {
      start: { line: f.line, character: 0 },
      end: doc.positionAt(i + 1 < found.length ? found[i + 1].start - 1 : Math.max(end, f.start)),
    },
    selectionRange: {
      start: { line: f.line, character: indent },
      end: { line: f.line, character: indent + f.length },
    },
  }));
}
