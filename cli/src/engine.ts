/**
 * The engine of a linter run: the reading gate every file of the run goes through, and analysis
 * hosts over the bundled schemas shipped beside the bundle (one per project context: each holds
 * the cross-file index of its project root).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalysisHost, type AnalysisHost, type BundledSchemas } from '../../core/src/index';
import { FileGate, findSchemasDir, loadBundledSchemas, localPath } from '../../node/src/index';

export interface Engine {
  /** The host of the run's settings, project configurations and the files outside any project context. */
  host: AnalysisHost;
  /** Reads inside the roots (the project roots, the working folder, the folders given), and files the user named. */
  gate: FileGate;
  bundled: BundledSchemas;
  /** Another host on the same gate and schemas (for another project root's index). */
  newHost(): AnalysisHost;
}

/**
 * A host reading through the gate: workspace files inside the roots, schema files also when the
 * user named them, and the `.tenant-config.yaml` above a file wherever the file lies (the user
 * named the file: its project configuration is part of what they configured).
 */
export function hostOn(gate: FileGate, bundled: BundledSchemas): AnalysisHost {
  return createAnalysisHost({
    bundled,
    read: (uri, purpose) => {
      if (purpose === 'config') {
        const local = localPath(uri);
        if ('path' in local) gate.name([local.path]);
      }
      return gate.readUri(uri, { named: purpose !== 'workspace' });
    },
  });
}

export function createEngine(roots: string[]): Engine {
  const gate = new FileGate({ roots });
  const bundled = loadBundledSchemas(findSchemasDir(__dirname));
  return { host: hostOn(gate, bundled), gate, bundled, newHost: () => hostOn(gate, bundled) };
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
