import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, defaultDocumentSettings, type LanguageService } from '../../core/src/languageService';
import { loadBundledSchemas } from '../../node/src/index';
import { fixturesDir, repoRoot } from './service';

/** The vendored JSON-Schema-Test-Suite (see test/fixtures/json-schema-test-suite/SOURCE.md). */
export const suiteDir = path.join(fixturesDir, 'json-schema-test-suite');

export interface Dialect {
  /** Folder under `tests/`. */
  dir: string;
  name: string;
  /** The meta-schema URI a schema of this dialect declares in `$schema`. */
  metaSchema: string;
}

export const DIALECTS: Dialect[] = [
  { dir: 'draft4', name: 'draft-04', metaSchema: 'http://json-schema.org/draft-04/schema#' },
  { dir: 'draft6', name: 'draft-06', metaSchema: 'http://json-schema.org/draft-06/schema#' },
  { dir: 'draft7', name: 'draft-07', metaSchema: 'http://json-schema.org/draft-07/schema#' },
  { dir: 'draft2019-09', name: '2019-09', metaSchema: 'https://json-schema.org/draft/2019-09/schema' },
  { dir: 'draft2020-12', name: '2020-12', metaSchema: 'https://json-schema.org/draft/2020-12/schema' },
];

export type DataFormat = 'yaml' | 'json';

export interface CaseResult {
  /** `draft7/ref.json#3/1`: file, group index, test index. */
  id: string;
  description: string;
  format: DataFormat;
  expected: boolean;
  /** What the service said: valid, invalid, or the schema problem that stopped it. */
  actual: boolean | string;
  ok: boolean;
}

interface Group {
  description: string;
  schema: unknown;
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

/** Schema problems that mean the case was not run (the schema did not load, a pattern is not enforced). */
const SETUP_CODES = /^schema\.(load-error|compile-error|remote-not-fetched|unsafe-pattern|pattern-not-enforced)$/;

/** `http://localhost:1234/…` is the suite's `remotes/` folder; schemas of the cases are held in memory. */
function reader(memory: Map<string, string>): (uri: string) => string | undefined {
  return (uri) => {
    const held = memory.get(uri);
    if (held !== undefined) return held;
    const m = /^http:\/\/localhost:1234\/([^?#]+)$/.exec(uri);
    if (!m) return undefined;
    const file = path.join(suiteDir, 'remotes', ...m[1].split('/'));
    if (!file.startsWith(path.join(suiteDir, 'remotes') + path.sep)) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
}

const ROOT = 'file:///json-schema-test-suite';
let version = 1;

/** Run every case of one dialect, each test's data as a YAML and as a JSON document tied by settings. */
export function runDialect(dialect: Dialect, service?: LanguageService): CaseResult[] {
  const memory = new Map<string, string>();
  const svc =
    service ??
    createLanguageService({ bundled: loadBundledSchemas(path.join(repoRoot, 'schemas')), readFile: reader(memory) });
  const results: CaseResult[] = [];
  const dir = path.join(suiteDir, 'tests', dialect.dir);
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const groups = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Group[];
    groups.forEach((group, g) => {
      let schema = group.schema;
      // The suite's draft-04/06/07 schemas name no dialect: the folder does. Declare it, as a user would.
      if (schema && typeof schema === 'object' && !Array.isArray(schema) && !('$schema' in schema))
        schema = { $schema: dialect.metaSchema, ...schema };
      const schemaUri = `${ROOT}/${dialect.dir}/${file.replace(/\.json$/, '')}/${g}.schema.json`;
      memory.set(schemaUri, JSON.stringify(schema));
      const settings = {
        ...defaultDocumentSettings,
        maxProblems: 100_000,
        workspaceFolders: [ROOT],
        schemas: { [schemaUri]: ['case.yaml', 'case.json'] },
      };
      group.tests.forEach((t, i) => {
        for (const format of ['yaml', 'json'] as const) {
          const text = format === 'yaml' ? stringify(t.data) : JSON.stringify(t.data, null, 2);
          const doc = TextDocument.create(`${ROOT}/case.${format}`, format, version++, text);
          let actual: boolean | string;
          try {
            const diags = svc.doValidation(doc, settings);
            const setup = diags.find((d) => SETUP_CODES.test(String(d.code)));
            actual = setup ? String(setup.code) : !diags.some((d) => d.severity === DiagnosticSeverity.Error);
          } catch (e) {
            actual = `threw: ${String((e as Error)?.message ?? e)}`;
          }
          results.push({
            id: `${dialect.dir}/${file}#${g}/${i}`,
            description: `${group.description} / ${t.description}`,
            format,
            expected: t.valid,
            actual,
            ok: actual === t.valid,
          });
        }
      });
      svc.invalidateSchema(schemaUri);
    });
  }
  return results;
}

export interface Figures {
  dialect: string;
  format: DataFormat;
  passed: number;
  total: number;
  percent: number;
}

export function figures(dialect: Dialect, results: CaseResult[]): Figures[] {
  return (['yaml', 'json'] as const).map((format) => {
    const mine = results.filter((r) => r.format === format);
    const passed = mine.filter((r) => r.ok).length;
    return {
      dialect: dialect.name,
      format,
      passed,
      total: mine.length,
      percent: Math.round((passed / Math.max(1, mine.length)) * 1000) / 10,
    };
  });
}
