import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  createLanguageService,
  defaultDocumentSettings,
  type DocumentSettings,
  type LanguageService,
} from '../../core/src/languageService';
import { FileGate, loadBundledSchemas } from '../../node/src/index';

/** The repository root (tests run from out/test/...). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

let shared: LanguageService | undefined;

/** User schema files read through the gate, as the shells read them (the repository and the temporary folder are the roots). */
const gate = new FileGate({ roots: [repoRoot, os.tmpdir()] });
export function readFileUri(uri: string): string | undefined {
  const r = gate.readUri(uri, { named: true });
  return r.ok ? r.text : undefined;
}

/** A language service over the real bundled schemas, reading user schemas from disk. */
export function service(): LanguageService {
  if (!shared)
    shared = createLanguageService({
      bundled: loadBundledSchemas(path.join(repoRoot, 'schemas')),
      readFile: readFileUri,
    });
  return shared;
}

export function freshService(): LanguageService {
  return createLanguageService({ bundled: loadBundledSchemas(path.join(repoRoot, 'schemas')), readFile: readFileUri });
}

let version = 1;
export function doc(text: string, name = 'test.tenant.yaml', dir = fixturesDir): TextDocument {
  const uri = URI.file(path.join(dir, name)).toString();
  return TextDocument.create(uri, /\.json$/.test(name) ? 'tenant-json' : 'tenant-yaml', version++, text);
}

export function settings(extra: Partial<DocumentSettings> = {}): DocumentSettings {
  return { ...defaultDocumentSettings, workspaceFolders: [URI.file(repoRoot).toString()], ...extra };
}

export function validate(
  text: string,
  name = 'test.tenant.yaml',
  extra: Partial<DocumentSettings> = {},
  dir = fixturesDir,
): Diagnostic[] {
  return service().doValidation(doc(text, name, dir), settings(extra));
}

/** A diagnostic as golden files and assertions see it: code, range as text, data path. */
export interface Shot {
  code: string;
  range: string;
  path?: Array<string | number>;
}

export function shot(d: Diagnostic): Shot {
  const r = d.range;
  const s: Shot = {
    code: String(d.code),
    range: `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`,
  };
  const data = d.data as { path?: Array<string | number> } | undefined;
  if (data?.path) s.path = data.path;
  return s;
}

/** Compare with a golden JSON file; `UPDATE_GOLDEN=1` rewrites it. */
export function golden(file: string, actual: unknown): unknown {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    return actual;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The text of a fixture file. */
export function fixture(rel: string): string {
  return fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
}
