import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, FormattingOptions } from 'vscode-languageserver-types';
import { format as formatJsonText, type Edit } from 'jsonc-parser';
import { format as prettierFormat } from 'prettier/standalone';
import * as prettierYaml from 'prettier/plugins/yaml';
import type { DocumentFormat } from '../document/document';
import { splitLines } from '../document/lineBreaks';
import { yamlTooDeep } from '../document/yamlDepth';
import { MAX_DEPTH } from '../document/parseYaml';
import { parseText } from '../document/parseText';
import { jsonTooDeep } from '../document/parseJson';
import { diffLines, type Hunk } from '../util/lineDiff';

/**
 * The largest documents formatted, so that formatting answers within about two seconds: prettier
 * reads and prints YAML at 100 to 300 KB per second of CPU, jsonc-parser formats JSON about ten times faster.
 * Larger documents are left as they are.
 */
export const MAX_FORMAT_CHARS: Record<DocumentFormat, number> = { yaml: 128 * 1024, json: 1024 * 1024 };

/**
 * The formatted text of a text whose lines all end in LF (comments kept); undefined when it
 * cannot be parsed, or nests deeper than the readers read (the formatter's parser recurses too).
 */
async function formatLf(text: string, format: DocumentFormat, options: FormattingOptions): Promise<string | undefined> {
  if (text.length > MAX_FORMAT_CHARS[format]) return undefined;
  if (format === 'json') {
    // Each level is indented further: formatting 5,000 nested brackets would write 25 million spaces.
    if (jsonTooDeep(text) >= 0) return undefined;
    const edits = formatJsonText(text, undefined, {
      tabSize: options.tabSize,
      insertSpaces: options.insertSpaces,
      eol: '\n',
      keepLines: false,
    });
    return applyInOnePass(text, edits);
  }
  // Only a document the readers read without a syntax error: prettier would fail on it anyway
  // (after seconds, on a large one), and its parser recurses through the nesting that yaml's error
  // recovery builds, which the readers bound but prettier does not.
  if (yamlTooDeep(text, MAX_DEPTH) >= 0 || longBlankRun(text)) return undefined;
  if (
    parseText(text, 'yaml').parts.some((p) =>
      p.problems.some((q) => q.code === 'yaml.syntax' || q.code === 'document.too-deep'),
    )
  )
    return undefined;
  try {
    return await prettierFormat(text, {
      parser: 'yaml',
      plugins: [prettierYaml],
      tabWidth: options.tabSize || 2,
      useTabs: false,
      proseWrap: 'preserve',
      printWidth: 10_000,
      endOfLine: 'lf',
    });
  } catch {
    // Unparseable YAML is not formatted: the user sees its syntax diagnostics instead.
    return undefined;
  }
}

/**
 * Whether a text holds more than 1,000 spaces and tabs in a row: prettier's YAML printer trims
 * trailing blanks with `/[ \t]+\n*$/`, which backtracks quadratically on such a run (88,000 spaces
 * took 20 s).
 */
function longBlankRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (++run > 1000) return true;
    } else run = 0;
  }
  return false;
}

/**
 * jsonc-parser's edits applied in one pass: its own `applyEdits` copies the whole text once per
 * edit, which took minutes on a 500 KB file with an edit on every line.
 */
function applyInOnePass(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) continue;
    out.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  out.push(text.slice(at));
  return out.join('');
}

/**
 * Formatting edits for a document or a range. The text is formatted with its lines joined by LF,
 * then only the changed lines become edits, each line written with the line ending the line at
 * its place had (LF, CRLF or CR: mixed endings stay as they are). For a range, only the changes
 * inside it are kept.
 */
export async function formatDocument(
  doc: TextDocument,
  format: DocumentFormat,
  options: FormattingOptions,
  range?: Range,
): Promise<TextEdit[]> {
  const text = doc.getText();
  if (text.length > MAX_FORMAT_CHARS[format]) return [];
  const { lines, breaks } = splitLines(text);
  const lf = lines.join('\n');
  const formatted = await formatLf(lf, format, options);
  if (formatted === undefined || formatted === lf) return [];
  const next = formatted.split('\n');
  const starts: number[] = [0];
  for (let i = 0; i < lines.length; i++) starts.push(starts[i] + lines[i].length + breaks[i].length);
  const edits: TextEdit[] = [];
  let delta = 0;
  // Past 1,000 changed lines the differing middle becomes one edit: the diff's time and memory grow
  // with the number of changes times the number of lines.
  for (const h of diffLines(lines, next, 1000)) {
    const newStart = h.oldStart + delta;
    delta += h.lines.length - (h.oldEnd - h.oldStart);
    if (range && h.oldEnd <= range.start.line && !(h.oldStart === h.oldEnd && h.oldStart === range.start.line))
      continue;
    if (range && h.oldStart > range.end.line) continue;
    const { from, to, body } = hunkEdit(h, newStart, next.length, lines.length, breaks, starts);
    edits.push({ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, newText: body });
  }
  return edits;
}

/**
 * The text replacing one hunk. New lines take the line ending of the old line at their place in
 * the hunk (or the nearest old line with one); the text's last line keeps having none.
 */
function hunkEdit(
  h: Hunk,
  newStart: number,
  newCount: number,
  oldCount: number,
  breaks: string[],
  starts: number[],
): { from: number; to: number; body: string } {
  const near = (i: number): string => {
    for (let k = Math.min(i, oldCount - 1); k >= 0; k--) if (breaks[k]) return breaks[k];
    for (let k = Math.max(0, i + 1); k < oldCount; k++) if (breaks[k]) return breaks[k];
    return '\n';
  };
  const at = (j: number): number => (h.oldEnd > h.oldStart ? Math.min(h.oldStart + j, h.oldEnd - 1) : h.oldStart - 1);
  let from = starts[h.oldStart];
  const to = starts[h.oldEnd];
  let body = '';
  if (h.oldEnd === oldCount && h.oldStart === oldCount) {
    // Lines added after the old last line, which now needs a line ending of its own.
    for (const line of h.lines) body += near(oldCount - 1) + line;
    return { from, to, body };
  }
  h.lines.forEach((line, j) => {
    body += line + (newStart + j === newCount - 1 ? '' : near(at(j)));
  });
  if (h.oldEnd === oldCount && h.lines.length === 0 && h.oldStart > 0) {
    // The last lines removed: the line before them becomes the last and loses its line ending.
    from -= breaks[h.oldStart - 1].length;
  }
  return { from, to, body };
}
