/**
 * Cutting a YAML stream into documents at `---` lines, so that each can be read (and its
 * validation cached) alone.
 */

/** Whether offset `i` starts a real line: the text's start, or after LF, CRLF or a lone CR (never after NEL, LS or PS). */
function atLineStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return c === 10 || c === 13;
}

/** Whether a `---` at `i` is a document marker: followed by a blank, a line break or the end. */
function isMarker(text: string, i: number): boolean {
  if (!text.startsWith('---', i)) return false;
  const c = text.charCodeAt(i + 3);
  return i + 3 >= text.length || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether a chunk holds only blank lines and comments. */
function onlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) return true;
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c !== '\n' && c !== '\r') return false;
    while (i < text.length && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return true;
}

/** Whether the text holds a directive (`%YAML`, `%TAG`) at the start of a line. */
function hasDirective(text: string): boolean {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) if (atLineStart(text, i)) return true;
  return false;
}

/**
 * Split a YAML stream into chunks, each starting at a `---` line (the first at 0). A `---` at the
 * start of a line always starts a document in YAML, so each chunk reads the same alone as in the
 * stream; a line starts after LF, CRLF or a lone CR only, so a `---` after a LINE SEPARATOR inside
 * a quoted scalar does not cut it. Directives (`%YAML`) bind to the next document, so a stream with
 * directives is one chunk.
 */
export function splitYamlStream(text: string): Array<{ start: number; text: string }> {
  if (text.length === 0 || hasDirective(text)) return [{ start: 0, text }];
  const starts: number[] = [];
  for (let i = text.indexOf('---', 1); i >= 0; i = text.indexOf('---', i + 3)) {
    if (atLineStart(text, i) && isMarker(text, i)) starts.push(i);
  }
  if (starts.length === 0) return [{ start: 0, text }];
  const chunks: Array<{ start: number; text: string }> = [];
  let prev = 0;
  for (const s of starts) {
    chunks.push({ start: prev, text: text.slice(prev, s) });
    prev = s;
  }
  chunks.push({ start: prev, text: text.slice(prev) });
  // A first chunk holding only comments and blank lines belongs to the first document.
  if (chunks.length > 1 && onlyComments(chunks[0].text)) {
    chunks[1] = { start: 0, text: chunks[0].text + chunks[1].text };
    chunks.shift();
  }
  return chunks;
}
