/**
 * The upstream corpus (test/fixtures/upstream): Prometheus' and Alertmanager's own test data and
 * examples, with the verdict upstream's tests give each file (cases.json), and public dashboards
 * and rule collections. Each file is validated by the real core with the default settings, as
 * the kind its case names; the figures say how many good files get false errors and how many bad
 * files get the problem upstream reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { fixturesDir, service, settings } from './service';

export const corpusDir = path.join(fixturesDir, 'upstream');

export interface Expectation {
  code: string;
  path?: Array<string | number>;
}

export interface CorpusCase {
  /** Path under test/fixtures/upstream. */
  file: string;
  kind: 'prometheus' | 'prometheus-rules' | 'alertmanager' | 'grafana-dashboard';
  verdict: 'good' | 'bad';
  /** The upstream test the verdict comes from. */
  source: string;
  /** The error upstream reports (bad files). */
  upstream?: string;
  /** The problem the linter reports (bad files with parity). */
  expect?: Expectation;
  /** Why the linter cannot report it (bad files without parity; docs/upstream-parity.md explains each). */
  gap?: string;
}

export interface CorpusData {
  cases: CorpusCase[];
  inputs: Array<{ file: string; why: string }>;
}

export function loadCorpus(): CorpusData {
  return JSON.parse(fs.readFileSync(path.join(corpusDir, 'cases.json'), 'utf8')) as CorpusData;
}

export interface CaseResult {
  case: CorpusCase;
  errors: Diagnostic[];
  /** Bad files: an error with the expected code (and path) is among them. */
  right: boolean;
}

const samePath = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether a diagnostic is the expected problem: its code, at the expected path when one is named. */
export function matches(d: Diagnostic, e: Expectation): boolean {
  if (d.code !== e.code || d.severity !== DiagnosticSeverity.Error) return false;
  return !e.path || samePath((d.data as { path?: unknown } | undefined)?.path, e.path);
}

export function documentOf(c: CorpusCase): TextDocument {
  const file = path.join(corpusDir, c.file);
  const json = /\.json$/.test(c.file);
  return TextDocument.create(URI.file(file).toString(), json ? 'json' : 'yaml', 1, fs.readFileSync(file, 'utf8'));
}

/** Validate one case with the default settings, associated with its kind. */
export function runCase(c: CorpusCase): CaseResult {
  const diagnostics = service().doValidation(documentOf(c), settings({ schemas: { [c.kind]: ['**/*'] } }));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  const right = c.verdict === 'bad' && !!c.expect && errors.some((d) => matches(d, c.expect!));
  return { case: c, errors, right };
}

export interface FigureRow {
  set: string;
  files: number;
  /** Good files with at least one error, and their errors. */
  falseFiles?: number;
  falseErrors?: number;
  /** Bad files with the expected error; with no error at all; with other errors only. */
  right?: number;
  missed?: number;
  wrong?: number;
}

const SETS: Array<{ set: string; test: (c: CorpusCase) => boolean }> = [
  { set: 'Prometheus config, good', test: (c) => c.kind === 'prometheus' && c.verdict === 'good' },
  { set: 'Prometheus config, bad', test: (c) => c.kind === 'prometheus' && c.verdict === 'bad' },
  { set: 'Alertmanager, good', test: (c) => c.kind === 'alertmanager' && c.verdict === 'good' },
  { set: 'Alertmanager, bad', test: (c) => c.kind === 'alertmanager' && c.verdict === 'bad' },
  {
    set: 'Rule files, good (incl. public rule collections)',
    test: (c) => c.kind === 'prometheus-rules' && c.verdict === 'good',
  },
  { set: 'Rule files, bad', test: (c) => c.kind === 'prometheus-rules' && c.verdict === 'bad' },
  { set: 'Grafana dashboards, real', test: (c) => c.kind === 'grafana-dashboard' },
];

export function figures(results: readonly CaseResult[]): FigureRow[] {
  return SETS.map(({ set, test }) => {
    const rs = results.filter((r) => test(r.case));
    const row: FigureRow = { set, files: rs.length };
    if (set.endsWith('bad')) {
      row.right = rs.filter((r) => r.right).length;
      row.missed = rs.filter((r) => !r.right && r.errors.length === 0).length;
      row.wrong = rs.filter((r) => !r.right && r.errors.length > 0).length;
    } else {
      row.falseFiles = rs.filter((r) => r.errors.length > 0).length;
      row.falseErrors = rs.reduce((n, r) => n + r.errors.length, 0);
    }
    return row;
  });
}

/** The figures as a Markdown table (the layout). */
export function figuresTable(rows: readonly FigureRow[]): string {
  const lines = ['| set | files | files with false errors | bad files with the right error |', '|---|---|---|---|'];
  for (const r of rows) {
    const falseCol = r.falseFiles === undefined ? '–' : `${r.falseFiles} (${r.falseErrors} errors)`;
    const rightCol = r.right === undefined ? '–' : `${r.right} (${r.missed} missed, ${r.wrong} wrong)`;
    lines.push(`| ${r.set} | ${r.files} | ${falseCol} | ${rightCol} |`);
  }
  return lines.join('\n');
}
