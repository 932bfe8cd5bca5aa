import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validate } from '../../support/service';

/** A rule diagnostic as the tests see it: code, `line:col-line:col`, the source text it covers, path and severity. */
export interface Hit {
  code: string;
  range: string;
  text: string;
  path: Array<string | number>;
  severity: 'error' | 'warning' | 'information' | 'hint';
  data: Record<string, unknown>;
}

const SEVERITY: Record<number, Hit['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

export function toHit(text: string, d: Diagnostic): Hit {
  const r = d.range;
  const from = offsetAt(text, r.start.line, r.start.character);
  const to = offsetAt(text, r.end.line, r.end.character);
  const data = (d.data ?? {}) as Record<string, unknown>;
  return {
    code: String(d.code),
    range: `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`,
    text: text.slice(from, to),
    path: (data.path ?? []) as Array<string | number>,
    severity: SEVERITY[d.severity ?? 1],
    data,
  };
}

/** Diagnostics of a document other than the schema's and the readers' (what the rules add). */
export function ruleHits(text: string, name: string): Hit[] {
  return validate(text, name)
    .filter((d) => !/^(schema|yaml|json|document)\./.test(String(d.code)))
    .map((d) => toHit(text, d));
}

/** Every diagnostic (schema ones too). */
export function allHits(text: string, name: string): Hit[] {
  return validate(text, name).map((d) => toHit(text, d));
}

/** The hits with a code (or code prefix ending in `.`). */
export function withCode(hits: Hit[], code: string): Hit[] {
  return hits.filter((h) => (code.endsWith('.') ? h.code.startsWith(code) : h.code === code));
}

/** `{ code, text, path }` triples, for compact deep-equal assertions. */
export const brief = (hits: Hit[]): Array<{ code: string; text: string; path: string }> =>
  hits.map((h) => ({ code: h.code, text: h.text, path: h.path.join('.') }));

/** The same document as JSON (two-space indented). */
export const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
