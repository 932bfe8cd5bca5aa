/**
 * The engine of a linter run: the analysis host over the bundled schemas shipped beside the
 * bundle, and the reading gate every file of the run goes through.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalysisHost, type AnalysisHost } from '../../core/src/index';
import { FileGate, findSchemasDir, loadBundledSchemas } from '../../node/src/index';

export interface Engine {
  host: AnalysisHost;
  /** Reads inside the roots (the project root, the working folder, the folders given), and files the user named. */
  gate: FileGate;
}

export function createEngine(roots: string[]): Engine {
  const gate = new FileGate({ roots });
  const host = createAnalysisHost({
    bundled: loadBundledSchemas(findSchemasDir(__dirname)),
    read: (uri, purpose) => gate.readUri(uri, { named: purpose === 'schema' }),
  });
  return { host, gate };
}

/** The folder holding the bundled schemas, docs and package.json (the package root). */
export function packageRoot(): string {
  return path.dirname(findSchemasDir(__dirname));
}

/** The version of the installed package. */
export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
