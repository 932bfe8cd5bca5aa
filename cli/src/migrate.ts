import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import { refusalText, type DocumentMigration } from '../../core/src/index';
import { createEngine } from './engine';
import { expandArgs } from './files';
import { findRoot } from './project';
import { createRunSettings, fileSettings, ignoredBy } from './settings';

export const MIGRATE_USAGE = `Usage: tenant-config migrate [options] <files | folders | globs>...

Upgrades configuration files to the latest format versions (docs/migrations.md): our own
kinds to the current schema_version, and the old shapes of upstream formats (Alertmanager
label maps, Grafana AngularJS panels, settings Prometheus 3 renamed). Comments, key order and
untouched lines are kept; a file is written only when the result has no new problem, and a
value that needs a decision is reported instead of guessed.

Options:
  --to <N>           migrate our kinds to format version N (default: the latest)
  --dry-run          write nothing; show the changes as a diff
  --check            write nothing; exit 1 when a file is not at the latest version
  --config <file>    a JSON settings file ({"schemas": {...}}), as for lint
  --ignore <glob>    skip files matching the glob (repeatable)
  -h, --help         show this help

Exit status: 0 done (or nothing to do), 1 a file needs a decision or (--check) a change,
2 usage or I/O error.`;

interface Options {
  to?: string;
  mode: 'write' | 'dry-run' | 'check';
  config?: string;
  ignore: string[];
  paths: string[];
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { mode: 'write', ignore: [], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '-h' || a === '--help') return 'help';
    else if (a.startsWith('--to')) {
      const v = value();
      if (!v || !/^\d+$/.test(v)) return '--to takes a format version number, e.g. --to 2';
      o.to = v;
    } else if (a === '--dry-run' || a === '--check') {
      if (o.mode !== 'write') return '--dry-run and --check cannot be combined';
      o.mode = a === '--check' ? 'check' : 'dry-run';
    } else if (a.startsWith('--config')) o.config = value();
    else if (a.startsWith('--ignore')) {
      const v = value();
      if (!v) return '--ignore takes a glob';
      o.ignore.push(v);
    } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
    else o.paths.push(a);
  }
  if (o.paths.length === 0) return 'no files given';
  return o;
}

const where = (file: string, d: Diagnostic): string =>
  `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;

/** `tenant-config migrate`: the argument vector after `migrate`. */
export function migrateMain(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd: string): number {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out(MIGRATE_USAGE);
    return 0;
  }
  if (typeof opts === 'string') {
    err(`tenant-config migrate: ${opts}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  const { root } = findRoot(cwd);
  const engine = createEngine([root, cwd]);
  const { host, gate } = engine;
  // Settings as for lint: the nearest .tenant-config.yaml, then --config.
  const run = createRunSettings(engine, cwd, { config: opts.config, ignore: opts.ignore, crossFile: false });
  if (typeof run === 'string') {
    err(`tenant-config migrate: ${run}`);
    return 2;
  }
  const { files, missing } = expandArgs(opts.paths, cwd, { root, ignoredBy: (f) => ignoredBy(run, f) });
  gate.setRoots([root, cwd, ...files.filter((f) => !f.explicit).map((f) => path.dirname(f.file))]);
  gate.name(files.filter((f) => f.explicit).map((f) => f.file));
  let ioError = false;
  for (const m of missing) {
    err(`tenant-config migrate: ${m}: no such file, folder or matching files`);
    ioError = true;
  }
  let changed = 0;
  let upToDate = 0;
  let blocked = 0;
  for (const f of files) {
    const rel = path.relative(cwd, f.file) || f.file;
    const read = gate.readPath(f.file, { named: f.explicit });
    if (!read.ok) {
      err(`tenant-config migrate: ${rel}: ${refusalText(read.refusal, read.errno)}`);
      ioError = true;
      continue;
    }
    const text = read.text;
    const uri = URI.file(f.file).toString();
    const settings = fileSettings(run, f.file).settings;
    gate.name(host.namedSchemaFiles(settings));
    host.setFile(uri, read, settings, { index: false, keep: true });
    const m = host.migrate(uri, settings, { to: opts.to });
    host.forget(uri);
    if (!m) continue;
    if (m.blockers.length || m.introduced.length) {
      blocked++;
      report(rel, m, out);
      continue;
    }
    if (m.text === text) {
      upToDate++;
      continue;
    }
    changed++;
    const what = describe(m);
    if (opts.mode === 'write') {
      try {
        fs.writeFileSync(f.file, m.text);
      } catch (e) {
        err(`tenant-config migrate: ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        ioError = true;
        continue;
      }
      out(`${rel}: migrated ${what}`);
    } else if (opts.mode === 'check') out(`${rel}: not at the latest version: ${what}`);
    else {
      out(`${rel}: would migrate ${what}`);
      out(unifiedDiff(rel, text, m.text));
    }
  }
  const verb = opts.mode === 'write' ? 'migrated' : opts.mode === 'check' ? 'to migrate' : 'would be migrated';
  err(`${changed} file(s) ${verb}, ${upToDate} up to date, ${blocked} need(s) a decision`);
  if (ioError) return 2;
  if (blocked > 0) return 1;
  return opts.mode === 'check' && changed > 0 ? 1 : 0;
}

function describe(m: DocumentMigration): string {
  const what =
    m.from && m.to && m.from !== m.to
      ? `from version ${m.from} to ${m.to}`
      : m.migrations.map((id) => id.replace('/', ' ').replace('-', ' → ')).join(', ');
  return `${what} (${m.changes} change${m.changes === 1 ? '' : 's'})`;
}

function report(file: string, m: DocumentMigration, out: (s: string) => void): void {
  for (const d of m.blockers) out(`${where(file, d)} needs a decision: ${d.message}`);
  for (const d of m.introduced)
    out(
      `${file}: not migrated: the result would have a new problem at line ${d.range.start.line + 1}: ${String(d.code)} ${d.message}`,
    );
}

/** A unified diff without context lines (`--dry-run`). */
function unifiedDiff(file: string, a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const lines = [`--- ${file}`, `+++ ${file} (migrated)`];
  let i = 0;
  let j = 0;
  // Both texts share most lines in order: walk them, resynchronising on the next common line.
  while (i < la.length || j < lb.length) {
    if (i < la.length && j < lb.length && la[i] === lb[j]) {
      i++;
      j++;
      continue;
    }
    const [ni, nj] = resync(la, lb, i, j);
    const start = (from: number, count: number): number => (count ? from + 1 : from);
    lines.push(`@@ -${start(i, ni - i)},${ni - i} +${start(j, nj - j)},${nj - j} @@`);
    for (let k = i; k < ni; k++) lines.push('-' + la[k]);
    for (let k = j; k < nj; k++) lines.push('+' + lb[k]);
    i = ni;
    j = nj;
  }
  return lines.join('\n');
}

function resync(a: string[], b: string[], i: number, j: number): [number, number] {
  for (let d = 1; d < a.length + b.length; d++)
    for (let x = 0; x <= d; x++) {
      const ni = i + x;
      const nj = j + d - x;
      if (
        ni <= a.length &&
        nj <= b.length &&
        (ni === a.length || nj === b.length ? ni === a.length && nj === b.length : a[ni] === b[nj])
      )
        return [ni, nj];
    }
  return [a.length, b.length];
}
