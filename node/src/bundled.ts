/**
 * The files we ship: the bundled schemas with their catalog, and the diagnostics reference. Read
 * once at start-up with plain file access (they are ours, beside the bundle); every other file
 * goes through the gate (gate.ts).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { moduleFactory, type BundledSchemas, type CatalogEntry, type PrecompiledModule } from '../../core/src/index';

/** Find the bundled `schemas/` folder next to the running bundle (dist/) or the sources. */
export function findSchemasDir(from: string = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas', 'catalog.json');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
  }
  throw new Error(`bundled schemas not found near ${from}`);
}

/** Where the build writes the precompiled validators of the bundled schemas (beside the bundle). */
export function validatorsDir(schemasDir: string): string {
  return path.join(path.dirname(schemasDir), 'dist', 'validators');
}

/** What the build records about the validators it generated: which schemas, and which module has each. */
export interface ValidatorsManifest {
  /** `schemasHash` of the schema files they were generated from. */
  schemasHash: string;
  /** The module (file name without `.js`) of each bundled `$id`. */
  modules: Record<string, string>;
}

/** The bundled schema files under a folder, sorted by their path relative to it. */
function schemaFiles(dir: string): Array<{ full: string; rel: string }> {
  const out: Array<{ full: string; rel: string }> = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.schema.json'))
        out.push({ full, rel: path.relative(dir, full).split(path.sep).join('/') });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** A digest of the bundled schema files (paths and bytes): precompiled validators are used only for the same files. */
export function hashSchemaTexts(files: Array<{ rel: string; text: string }>): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(f.rel).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

/** `hashSchemaTexts` of the bundled schema files of a folder (what the build records). */
export function schemasHash(dir: string): string {
  return hashSchemaTexts(schemaFiles(dir).map(({ full, rel }) => ({ rel, text: fs.readFileSync(full, 'utf8') })));
}

/**
 * Read the catalog and every bundled schema file (once, at start-up: about 300 KB of JSON), and
 * find the validators the build precompiled for them (`precompiled: false` to compile at run time).
 */
export function loadBundledSchemas(
  dir: string = findSchemasDir(),
  options: { precompiled?: boolean; load?: (file: string) => unknown } = {},
): BundledSchemas {
  const catalog = (JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as { schemas: CatalogEntry[] })
    .schemas;
  const schemas: Record<string, object> = {};
  const texts: Array<{ rel: string; text: string }> = [];
  for (const { full, rel } of schemaFiles(dir)) {
    const text = fs.readFileSync(full, 'utf8');
    texts.push({ rel, text });
    const schema = JSON.parse(text) as { $id?: string };
    schemas[schema.$id ?? URI.file(full).toString()] = schema;
  }
  const bundled: BundledSchemas = { catalog, schemas, folderUri: URI.file(dir).toString() };
  if (options.precompiled !== false) bundled.precompiled = precompiledModules(validatorsDir(dir), texts, options.load);
  return bundled;
}

/** The build's validator modules, when they were generated from these very schema files. */
function precompiledModules(
  dir: string,
  texts: Array<{ rel: string; text: string }>,
  loadFile?: (file: string) => unknown,
): BundledSchemas['precompiled'] {
  let manifest: ValidatorsManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ValidatorsManifest;
  } catch {
    return undefined;
  }
  if (manifest.schemasHash !== hashSchemaTexts(texts)) return undefined;
  const load = loadFile ?? createRequire(path.join(dir, 'manifest.json'));
  const factories = new Map<string, PrecompiledModule | undefined>();
  return (uri) => {
    const name = Object.prototype.hasOwnProperty.call(manifest.modules, uri) ? manifest.modules[uri] : undefined;
    if (!name) return undefined;
    if (!factories.has(name)) {
      try {
        const make = load(path.join(dir, `${name}.js`)) as Parameters<typeof moduleFactory>[0];
        factories.set(name, { name, factory: moduleFactory(make) });
      } catch {
        factories.set(name, undefined);
      }
    }
    return factories.get(name);
  };
}

/** docs/diagnostics.md beside the bundle, for diagnostic links. */
export function findDiagnosticsDoc(schemasDir: string): string | undefined {
  const file = path.join(path.dirname(schemasDir), 'docs', 'diagnostics.md');
  return fs.existsSync(file) ? URI.file(file).toString() : undefined;
}
