/**
 * Suppression comments in YAML: `# tenant-config-disable-next-line <code>[, <code>…] [-- reason]`
 * and `# tenant-config-disable-file <code>[, <code>…] [-- reason]`. Only real comments count (a
 * `#` line inside a block scalar is text), found with the YAML tokenizer.
 */
import { Parser } from 'yaml';
import { startIndexAt } from '../util/search';

export type DirectiveKind = 'next-line' | 'file';

export interface DirectiveCode {
  code: string;
  /** Offset of the code in the text. */
  offset: number;
}

export interface Directive {
  kind: DirectiveKind;
  /** The directive keyword as written (`tenant-config-disable-next-line`). */
  keyword: string;
  codes: DirectiveCode[];
  reason?: string;
  /** The comment's offset and length in the text. */
  offset: number;
  length: number;
  /** For `next-line`: the 0-based line it applies to (the next line with content), or -1. */
  targetLine: number;
}

const DIRECTIVE = /^#\s*(tenant-config-disable-(next-line|file))(?=\s|$)/;

interface Comment {
  offset: number;
  source: string;
}

/** Every comment token of a YAML text (bounded: tokens are visited once, depth-limited). */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 300 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const t = v as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      out.push({ offset: t.offset, source: t.source });
      return;
    }
    for (const k of Object.keys(t)) {
      const x = (t as Record<string, unknown>)[k];
      if (x && typeof x === 'object') visit(x, depth + 1);
    }
  };
  try {
    for (const token of new Parser().parse(text)) visit(token, 0);
  } catch {
    // The tokenizer does not throw on input; should it, there are no directives to honour.
  }
  return out;
}

/** 0-based line of an offset, with a table of line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  return startIndexAt(starts, offset);
}

/** The first line after `line` with something other than blanks or a comment; -1 when there is none. */
function nextContentLine(text: string, starts: number[], line: number): number {
  for (let l = line + 1; l < starts.length; l++) {
    const end = l + 1 < starts.length ? starts[l + 1] : text.length;
    const content = text.slice(starts[l], end).trim();
    if (content && !content.startsWith('#')) return l;
  }
  return -1;
}

/** The suppression directives of a YAML text. */
export function readDirectives(text: string): Directive[] {
  if (!text.includes('tenant-config-disable-')) return [];
  const starts = lineStarts(text);
  const out: Directive[] = [];
  for (const c of comments(text)) {
    const m = DIRECTIVE.exec(c.source);
    if (!m) continue;
    const kind = m[2] as DirectiveKind;
    let rest = c.source.slice(m[0].length);
    const restOffset = c.offset + m[0].length;
    let reason: string | undefined;
    const sep = /\s--(\s|$)/.exec(rest);
    if (sep) {
      reason = rest.slice(sep.index + sep[0].length).trim() || undefined;
      rest = rest.slice(0, sep.index);
    }
    const codes: DirectiveCode[] = [];
    for (const word of rest.matchAll(/[^\s,]+/g)) codes.push({ code: word[0], offset: restOffset + word.index! });
    const line = lineOf(starts, c.offset);
    out.push({
      kind,
      keyword: m[1],
      codes,
      reason,
      offset: c.offset,
      length: c.source.length,
      targetLine: kind === 'next-line' ? nextContentLine(text, starts, line) : -1,
    });
  }
  return out;
}
