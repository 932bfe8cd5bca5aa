/** The language service of a linter run, over the bundled schemas shipped beside the bundle. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../core/src/index';
import { findSchemasDir, loadBundledSchemas, readFileUri } from '../../server/src/schemaFiles';

export function createService(): LanguageService {
  return createLanguageService({ bundled: loadBundledSchemas(findSchemasDir(__dirname)), readFile: readFileUri });
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
