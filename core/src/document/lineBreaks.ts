/**
 * Line breaks as YAML 1.2 and LSP clients see them (LF, CRLF and a lone CR), and the characters
 * YAML 1.1 readers (libyaml, PyYAML, Go's yaml.v2, SnakeYAML) also take for line breaks: NEL
 * (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). Outside quoted scalars
 * those three make the two families read different keys from the same bytes.
 */

/** The text with every lone CR turned into LF: same length, so every offset stays valid. */
export function normalizeLoneCr(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}

/** The offset where the line holding `offset` starts (after LF, CRLF or a lone CR). */
export function lineStartOf(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return 0;
}

/** The offset where the line holding `offset` ends, before its line break (or the text's end). */
export function lineEndOf(text: string, offset: number): number {
  for (let i = Math.max(0, offset); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** The line break at `offset` (`\r\n`, `\n`, `\r`), or '' when there is none there. */
export function breakAt(text: string, offset: number): string {
  const c = text.charCodeAt(offset);
  if (c === 10) return '\n';
  if (c === 13) return text.charCodeAt(offset + 1) === 10 ? '\r\n' : '\r';
  return '';
}

/** The offset just past the line break that ends the line holding `offset` (the text's end on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  return end + breakAt(text, end).length;
}

/**
 * The line break to write on the line holding `offset`: its own, else the one of the nearest line
 * before it that has one, else the text's first, else LF.
 */
export function eolNear(text: string, offset: number): string {
  const own = breakAt(text, lineEndOf(text, offset));
  if (own) return own;
  const start = lineStartOf(text, offset);
  if (start > 0) {
    const prev = text.charCodeAt(start - 1);
    if (prev === 10) return start >= 2 && text.charCodeAt(start - 2) === 13 ? '\r\n' : '\n';
    return '\r';
  }
  return firstBreak(text);
}

/** The text's first line break, or LF when it has none. */
export function firstBreak(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** Lines and the break that ends each (the last line's is ''). */
export function splitLines(text: string): { lines: string[]; breaks: string[] } {
  const lines: string[] = [];
  const breaks: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lines.push(text.slice(start, i));
    const br = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : text[i];
    breaks.push(br);
    i += br.length - 1;
    start = i + 1;
  }
  lines.push(text.slice(start));
  breaks.push('');
  return { lines, breaks };
}

export const UNICODE_BREAKS: Readonly<Record<string, string>> = {
  '\u0085': 'NEXT LINE (NEL)',
  '\u2028': 'LINE SEPARATOR',
  '\u2029': 'PARAGRAPH SEPARATOR',
};

/**
 * Offsets of NEL, LS and PS outside the given quoted ranges (sorted, non-overlapping), at most
 * `limit` of them.
 */
export function unicodeBreaksOutside(text: string, quoted: Array<[number, number]>, limit = 100): number[] {
  const out: number[] = [];
  const re = /[\u0085\u2028\u2029]/g;
  let q = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < limit) {
    const at = m.index;
    while (q < quoted.length && quoted[q][1] <= at) q++;
    if (q < quoted.length && quoted[q][0] <= at && at < quoted[q][1]) continue;
    out.push(at);
  }
  return out;
}

/** `U+2028` for a character. */
export function codePointName(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
