import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, FormattingOptions } from 'vscode-languageserver-types';
import { format as formatJsonText, applyEdits } from 'jsonc-parser';
import { format as prettierFormat } from 'prettier/standalone';
import * as prettierYaml from 'prettier/plugins/yaml';
import type { DocumentFormat } from '../document/document';
import { diffLines } from '../util/lineDiff';

/** The formatted text of a whole document (comments kept); undefined when it cannot be parsed. */
export async function formattedText(
  text: string,
  format: DocumentFormat,
  options: FormattingOptions,
): Promise<string | undefined> {
  if (format === 'json') {
    const edits = formatJsonText(text, undefined, {
      tabSize: options.tabSize,
      insertSpaces: options.insertSpaces,
      eol: text.includes('\r\n') ? '\r\n' : '\n',
      keepLines: false,
    });
    return applyEdits(text, edits);
  }
  try {
    return await prettierFormat(text, {
      parser: 'yaml',
      plugins: [prettierYaml],
      tabWidth: options.tabSize || 2,
      useTabs: false,
      proseWrap: 'preserve',
      printWidth: 10_000,
      endOfLine: text.includes('\r\n') ? 'crlf' : 'lf',
    });
  } catch {
    // Unparseable YAML is not formatted: the user sees its syntax diagnostics instead.
    return undefined;
  }
}

/**
 * Formatting edits for a document or a range: the whole text is formatted, then only the changed
 * lines become edits, and for a range only the changes inside it are kept.
 */
export async function formatDocument(
  doc: TextDocument,
  format: DocumentFormat,
  options: FormattingOptions,
  range?: Range,
): Promise<TextEdit[]> {
  const text = doc.getText();
  if (text.length > 10 * 1024 * 1024) return [];
  const formatted = await formattedText(text, format, options);
  if (formatted === undefined || formatted === text) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const oldLines = text.split(eol);
  const newLines = formatted.split(eol);
  const edits: TextEdit[] = [];
  for (const h of diffLines(oldLines, newLines)) {
    if (range && h.oldEnd <= range.start.line && !(h.oldStart === h.oldEnd && h.oldStart === range.start.line))
      continue;
    if (range && h.oldStart > range.end.line) continue;
    const start = { line: h.oldStart, character: 0 };
    const newText = h.lines.map((l) => l + eol).join('');
    if (h.oldEnd >= oldLines.length) {
      // The last line has no line break after it.
      const end = { line: oldLines.length - 1, character: oldLines[oldLines.length - 1].length };
      const body = h.lines.join(eol);
      edits.push({
        range: { start, end },
        newText: h.oldStart === oldLines.length && h.oldStart > 0 ? eol + body : body,
      });
      if (h.oldStart === oldLines.length) edits[edits.length - 1].range.start = end;
    } else {
      edits.push({ range: { start, end: { line: h.oldEnd, character: 0 } }, newText });
    }
  }
  return edits;
}
