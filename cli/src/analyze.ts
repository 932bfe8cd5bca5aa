/**
 * The analysis of a linter run: files with their texts and settings in, the same files with their
 * diagnostics out (plain data). Every file is read and associated first, the cross-file index is
 * built from all of them, then each is validated and given its index problems.
 */
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createWorkspaceIndex, toDiagnostics, type DocumentSettings, type LanguageService } from '../../core/src/index';

export interface SourceFile {
  /** Absolute path. */
  file: string;
  text: string;
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

function documentOf(file: SourceFile): TextDocument {
  return TextDocument.create(URI.file(file.file).toString(), languageOf(file.file), 1, file.text);
}

/** The catalog id of the schema that applies to a file, and whether any schema does. */
export function kindOf(
  service: LanguageService,
  file: Pick<SourceFile, 'file' | 'text' | 'settings'>,
): { associated: boolean; kind?: string } {
  const doc = TextDocument.create(URI.file(file.file).toString(), languageOf(file.file), 1, file.text);
  const association = service.getAssociation(doc, file.settings);
  return {
    associated: association.source !== 'none',
    kind: association.schemaUri ? service.store.entry(association.schemaUri)?.id : undefined,
  };
}

export function analyze(service: LanguageService, files: SourceFile[], crossFile: boolean): Analysis {
  const docs: Array<{ source: SourceFile; doc: TextDocument; kind: string | undefined }> = [];
  const noKind: string[] = [];
  for (const source of files) {
    const doc = documentOf(source);
    const association = service.getAssociation(doc, source.settings);
    if (!source.explicit && association.source === 'none') {
      noKind.push(source.file);
      continue;
    }
    docs.push({
      source,
      doc,
      kind: association.schemaUri ? service.store.entry(association.schemaUri)?.id : undefined,
    });
  }
  // The names each file defines and references, as the language server indexes a workspace.
  const index = crossFile ? createWorkspaceIndex() : undefined;
  if (index)
    for (const { source, doc, kind } of docs)
      if (kind && !source.excludedFromIndex) index.update(doc.uri, kind, service.parse(doc), { dependents: false });
  const out: AnalyzedFile[] = [];
  for (const { source, doc, kind } of docs) {
    const diagnostics = service.doValidation(doc, source.settings);
    if (index?.has(doc.uri)) diagnostics.push(...toDiagnostics(doc, index.problemsFor(doc.uri), source.settings));
    out.push({
      file: source.file,
      uri: doc.uri,
      languageId: languageOf(source.file),
      text: source.text,
      kind,
      diagnostics,
    });
  }
  return { files: out, noKind };
}
