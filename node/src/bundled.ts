/**
 * The files we ship: the bundled schemas with their catalog, and the diagnostics reference. Read
 * once at start-up with plain file access (they are ours, beside the bundle); every other file
 * goes through the gate (gate.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { BundledSchemas, CatalogEntry } from '../../core/src/index';

/** Find the bundled `schemas/` folder next to the running bundle (dist/) or the sources. */
export function findSchemasDir(from: string = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas', 'catalog.json');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
  }
  throw new Error(`bundled schemas not found near ${from}`);
}

/** Read the catalog and every bundled schema file (once, at start-up: about 300 KB of JSON). */
export function loadBundledSchemas(dir: string = findSchemasDir()): BundledSchemas {
  const catalog = (JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as { schemas: CatalogEntry[] })
    .schemas;
  const schemas: Record<string, object> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.schema.json')) {
        const schema = JSON.parse(fs.readFileSync(full, 'utf8')) as { $id?: string };
        const id = schema.$id ?? URI.file(full).toString();
        schemas[id] = schema;
      }
    }
  };
  walk(dir);
  return { catalog, schemas, folderUri: URI.file(dir).toString() };
}

/** docs/diagnostics.md beside the bundle, for diagnostic links. */
export function findDiagnosticsDoc(schemasDir: string): string | undefined {
  const file = path.join(path.dirname(schemasDir), 'docs', 'diagnostics.md');
  return fs.existsSync(file) ? URI.file(file).toString() : undefined;
}
