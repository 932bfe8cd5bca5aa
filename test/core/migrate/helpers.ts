import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot, fixturesDir } from '../../support/service';

export const migrationsDir = path.join(fixturesDir, 'migrations');

interface CatalogEntry {
  id: string;
  fileMatch: string[];
}

const catalog = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'catalog.json'), 'utf8')) as { schemas: CatalogEntry[] }
).schemas;

/** A file name the catalog associates with the kind, in YAML or JSON (undefined when the kind has none). */
export function fileNameFor(kind: string, format: 'yaml' | 'json'): string | undefined {
  const entry = catalog.find((e) => e.id === kind);
  const glob = entry?.fileMatch.find((g) => (format === 'json' ? /\.json$/.test(g) : /\.ya?ml$/.test(g)));
  return glob?.replace(/^\*/, 'fixture');
}

/** The fixture of a step in both formats: the file written by hand, and the other derived from it. */
export function stepInputs(kind: string, step: string): Array<{ format: 'yaml' | 'json'; text: string; file: string }> {
  const base = path.join(migrationsDir, kind, step);
  const out: Array<{ format: 'yaml' | 'json'; text: string; file: string }> = [];
  if (fs.existsSync(base + '.yaml')) {
    const text = fs.readFileSync(base + '.yaml', 'utf8');
    out.push({ format: 'yaml', text, file: base + '.yaml' });
    out.push({ format: 'json', text: JSON.stringify(parse(text), null, 2) + '\n', file: base + '.yaml (as JSON)' });
  } else if (fs.existsSync(base + '.json')) {
    const text = fs.readFileSync(base + '.json', 'utf8');
    out.push({ format: 'json', text, file: base + '.json' });
    out.push({ format: 'yaml', text: stringify(JSON.parse(text)), file: base + '.json (as YAML)' });
  }
  return out;
}

/** The comments of a YAML text (`# …` to the end of the line), in order. */
export function comments(text: string): string[] {
  return [...text.matchAll(/(?:^|\s)(#[^\n]*)/g)].map((m) => m[1].trim());
}

/** Compare with a golden text file, byte for byte; `UPDATE_GOLDEN=1` (or a missing file) writes it. */
export function goldenText(file: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.writeFileSync(file, actual);
    return actual;
  }
  return fs.readFileSync(file, 'utf8');
}
