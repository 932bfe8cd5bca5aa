/**
 * Where a file stops being valid JSON or YAML, said without quoting it: the parsers' own messages
 * quote the text around the error, and a file that is not what it claims to be (an environment
 * file named as a schema, say) must not have its first characters shown in a diagnostic or a log.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { phrase } from '../messages';

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: end - start + 1 };
}

/** "not valid JSON at line L, column C" for a text `JSON.parse` rejected. */
export function jsonErrorDetail(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return phrase('file.not-json', lineAndColumn(text, errors[0]?.offset ?? 0));
}

/** "not valid YAML at line L, column C" from the yaml library's error (its message is not used). */
export function yamlErrorDetail(error: unknown): string {
  const pos = (error as { linePos?: Array<{ line: number; col: number }> } | undefined)?.linePos?.[0];
  return phrase('file.not-yaml', { line: pos?.line ?? 1, column: pos?.col ?? 1 });
}
