/**
 * The analysis of a linter run: files with their texts and settings in, the same files with their
 * diagnostics out (plain data). Every file is given to the host first, so the cross-file index has
 * them all before any is checked; then each file's diagnostics (own and cross-file) are asked for.
 */
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisHost, DocumentSettings, FileText } from '../../core/src/index';

export interface SourceFile {
  /** Absolute path. */
  file: string;
  text: string;
  /** What the reader found in the file's bytes (encodings). */
  problems?: FileText['problems'];
  /** Named on the command line: linted even when no schema applies. */
  explicit: boolean;
  settings: DocumentSettings;
  /** Left out of the cross-file index (still linted alone). */
  excludedFromIndex: boolean;
}

export interface AnalyzedFile {
  file: string;
  uri: string;
  languageId: 'yaml' | 'json';
  text: string;
  /** The catalog id of the schema that applies (`tenant`, …), if any. */
  kind?: string;
  diagnostics: Diagnostic[];
}

export interface Analysis {
  files: AnalyzedFile[];
  /** Files found in folders or globs that no schema applies to (not linted). */
  noKind: string[];
}

export const languageOf = (file: string): 'yaml' | 'json' => (/\.json$/i.test(file) ? 'json' : 'yaml');

/** Give a file's text to the host (kept, not indexed) and return its uri. */
export function load(host: AnalysisHost, file: Pick<SourceFile, 'file' | 'text' | 'problems' | 'settings'>): string {
  const uri = URI.file(file.file).toString();
  host.setFile(uri, { text: file.text, problems: file.problems ?? [] }, file.settings, { index: false, keep: true });
  return uri;
}

/** The kind of config a file is, and whether any schema applies to it. */
export function kindOf(
  host: AnalysisHost,
  file: Pick<SourceFile, 'file' | 'text' | 'problems' | 'settings'>,
): { associated: boolean; kind?: string } {
  const doc = host.document(load(host, file))!;
  return { associated: host.hasSchema(doc, file.settings), kind: host.kindOf(doc, file.settings) };
}

export function analyze(host: AnalysisHost, files: SourceFile[], crossFile: boolean): Analysis {
  const docs: Array<{ source: SourceFile; uri: string }> = [];
  const noKind: string[] = [];
  for (const source of files) {
    const uri = URI.file(source.file).toString();
    host.setFile(uri, { text: source.text, problems: source.problems ?? [] }, source.settings, {
      index: crossFile && !source.excludedFromIndex,
      keep: true,
    });
    if (!source.explicit && !host.hasSchema(host.document(uri)!, source.settings)) {
      host.forget(uri);
      noKind.push(source.file);
      continue;
    }
    docs.push({ source, uri });
  }
  host.finishLoading();
  const out: AnalyzedFile[] = docs.map(({ source, uri }) => ({
    file: source.file,
    uri,
    languageId: languageOf(source.file),
    text: source.text,
    kind: host.kindOf(host.document(uri)!, source.settings),
    diagnostics: host.diagnostics(uri, source.settings),
  }));
  return { files: out, noKind };
}
