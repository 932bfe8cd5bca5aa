import type { TextDocument } from 'vscode';
import { languages } from 'vscode';

/** Our own language ids, given by file name patterns (see `contributes.languages`). */
export const TENANT_LANGUAGES = ['tenant-yaml', 'tenant-json'] as const;

/**
 * Every document the server is told about: our languages, plus plain YAML and JSON, which the
 * server validates only when something associates a schema with them (modeline, `$schema`,
 * the `tenantConfig.schemas` setting). Untitled documents are included so new files are checked.
 */
export const documentSelector: { scheme: string; language: string }[] = [...TENANT_LANGUAGES, 'yaml', 'json'].flatMap(
  (language) => ['file', 'untitled'].map((scheme) => ({ scheme, language })),
);

export function isServed(document: TextDocument): boolean {
  return languages.match(documentSelector, document) > 0;
}
