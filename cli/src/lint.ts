/** `tenant-config lint`: files in, a report out, an exit status (0 clean, 1 problems, 2 usage or I/O error). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisHost } from '../../core/src/index';
import { compileExclude, describeUnusable, type WorkerPool } from '../../node/src/index';
import type { LintOptions } from './args';
import { analyze, createRunner, kindOf, languageOf, type Runner } from './analyze';
import { applyBaseline, createBaseline, readBaseline, writeBaseline } from './baseline';
import { LintCache, cacheEnvironment, defaultCacheFile } from './cache';
import { contextsOf, rootFiles, type LintedSource, type ProjectContext } from './context';
import { createEngine, packageRoot, version } from './engine';
import { uriOf } from './fileJob';
import { fixText, unifiedDiff, writeFixed } from './fix';
import { readInputs } from './inputs';
import type { Io } from './io';
import { listFiles } from './listFiles';
import { findRoot } from './project';
import { buildReport } from './report/build';
import { render } from './report/index';
import type { LintReport } from './report/model';
import { textSummary } from './report/text';
import { createRunSettings, type RunSettings } from './settings';
import { pathSuppressionsOf, suppress, type Linted } from './suppressions';
import { MIN_WORK_FOR_WORKERS, createLintPool, type LintAccess } from './worker';
import type { FileJob, FileResult } from './fileJob';

export type { Io } from './io';

const posix = (p: string): string => p.split(path.sep).join('/');
const isError = (d: Diagnostic): boolean => d.severity === DiagnosticSeverity.Error;

export async function lint(options: LintOptions, io: Io): Promise<number> {
  const workers: { pool?: WorkerPool<FileJob, FileResult> } = {};
  try {
    return await lintRun(options, io, workers);
  } finally {
    await workers.pool?.close();
  }
}

/** The run; `workers.pool` holds the workers once started (closed by the caller, whatever happens). */
async function lintRun(
  options: LintOptions,
  io: Io,
  workers: { pool?: WorkerPool<FileJob, FileResult> },
): Promise<number> {
  const fail = (message: string): number => {
    io.err(`tenant-config: ${message}`);
    return 2;
  };
  const cwd = io.cwd;
  const { root } = findRoot(cwd);
  // Files are read through the gate: inside the project roots, the working folder and the folders
  // given, or named by the user (the files given, --schema, --config, schemas in settings).
  const roots = [root, cwd, ...folderArgs(options.paths, cwd)];
  const engine = createEngine(roots);
  const run = createRunSettings(engine, cwd, options);
  if (typeof run === 'string') return fail(run);
  for (const line of describeUnusable(run.exclude.unusable)) io.err(`tenant-config: ${line}`);

  // Workers load while the files are read, when the files given are enough work for them.
  let current: AnalysisHost = engine.host;
  const startPool = (work: { lint: number; index: number }): WorkerPool<FileJob, FileResult> =>
    (workers.pool = createLintPool(
      work,
      io.env,
      () => current,
      () => undefined,
    ));
  const inputs = await readInputs(options, io, engine, run, root, (count) => {
    if (!options.listFiles && count >= MIN_WORK_FOR_WORKERS) startPool({ lint: count, index: 0 });
  });
  if (typeof inputs === 'string') return fail(inputs);
  let ioError = inputs.ioError;
  if (configErrors(run, io)) return 2;
  const contexts = contextsOf(run, inputs.files);
  if (typeof contexts === 'string') return fail(contexts);
  engine.gate.setRoots([...roots, ...contexts.flatMap((c) => (c.root ? [c.root] : []))]);

  if (options.listFiles) {
    const linted: Array<{ file: string; kind?: string }> = [];
    const noKind: Array<{ path: string; folder: false; reason: 'no-kind' }> = [];
    for (const f of inputs.files) {
      const k = kindOf(engine.host, f);
      if (f.explicit || k.associated) linted.push({ file: f.file, kind: k.kind });
      else noKind.push({ path: f.file, folder: false, reason: 'no-kind' });
    }
    const projectRoots = contexts.flatMap((c) => (c.root ? [c.root] : []));
    io.out(listFiles(cwd, linted, [...inputs.skipped, ...noKind], projectRoots));
    return linted.length === 0 ? fail('no files to lint') : ioError ? 2 : 0;
  }

  // The other files of each project root, indexed for the names they define and use.
  const given = new Set(inputs.files.map((f) => f.file));
  const others = contexts.map((c) => {
    if (!c.root) return [];
    const listing = rootFiles(engine, run, c.root, given);
    for (const u of listing.unread)
      io.err(`tenant-config: ${posix(path.relative(cwd, u.file))}: ${u.reason} (left out of the cross-file index)`);
    if (listing.limited)
      io.err(
        `tenant-config: ${posix(path.relative(cwd, c.root)) || '.'} holds too many files: the cross-file index lacks some`,
      );
    return listing.files;
  });

  const pool =
    workers.pool ?? startPool({ lint: inputs.files.length, index: others.reduce((n, o) => n + o.length, 0) });
  pool.share({ roots: engine.gate.rootPaths(), named: engine.gate.namedPaths() } satisfies LintAccess);
  const cache = options.cache
    ? LintCache.open(
        path.resolve(cwd, options.cacheLocation ?? defaultCacheFile(root)),
        cacheEnvironment(version(), path.join(packageRoot(), 'dist', 'cli.js'), engine.bundled),
      )
    : undefined;
  if (cache?.refused) io.err(`tenant-config: ${cache.refused}`);
  const runner = createRunner(pool, cache);
  let diffs = '';
  const fix =
    options.fix || options.fixDryRun
      ? (f: LintedSource, host: AnalysisHost, indexed: boolean): string => {
          const fixed = fixFile(host, f, indexed, options.fix, cwd, io);
          if (fixed.error) ioError = true;
          diffs += fixed.diff;
          return fixed.text;
        }
      : undefined;

  let linted: Linted[] = [];
  let noKind = 0;
  try {
    for (const [i, context] of contexts.entries()) {
      current = engine.newHost();
      const analysis = await analyzeContext(current, context, others[i], runner, fix);
      noKind += analysis.noKind;
      linted.push(...analysis.files);
    }
  } finally {
    await pool.close();
    if (pool.fallbacks)
      io.err(`tenant-config: ${pool.fallbacks} file(s) were checked again here after a worker failed`);
  }
  const cacheError = cache?.save();
  if (cacheError) io.err(`tenant-config: ${cacheError}`);
  if (linted.length === 0) {
    const why = inputs.skipped.length + noKind;
    return fail(`no files to lint${why ? ` (${why} skipped: see --list-files)` : ''}`);
  }

  const { files: afterSuppressions, suppressed, configFiles } = suppress(linted, run, engine.host);
  linted = [...afterSuppressions, ...configFiles];
  if (options.quiet) linted = linted.map((f) => ({ ...f, diagnostics: f.diagnostics.filter(isError) }));

  let baselineInfo: LintReport['baseline'];
  if (options.baselineWrite) {
    const message = writeBaseline(options.baselineWrite, createBaseline(linted, options.baselineWrite));
    if (message) return fail(message);
    io.err(
      `tenant-config: ${linted.reduce((n, f) => n + f.diagnostics.length, 0)} problem(s) recorded in ${options.baselineWrite}`,
    );
  }
  const baselineFile = options.baseline ?? options.baselineWrite;
  if (baselineFile) {
    const baseline = readBaseline(path.resolve(cwd, baselineFile));
    if (typeof baseline === 'string') return fail(baseline);
    const applied = applyBaseline(linted, baseline, path.resolve(cwd, baselineFile));
    linted = applied.files;
    baselineInfo = { known: applied.known, gone: applied.gone };
  }

  const about = { cwd, version: version(), docsFile: path.join(packageRoot(), 'docs', 'diagnostics.md') };
  const report = buildReport(linted, about, options.format === 'sarif', suppressed, baselineInfo);
  const color =
    options.color ?? (!options.outputFile && io.stdoutIsTTY && !io.env.NO_COLOR && options.format === 'stylish');
  const output = render(options.format, report, { color });
  if (options.outputFile) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(cwd, options.outputFile)), { recursive: true });
      fs.writeFileSync(path.resolve(cwd, options.outputFile), output + '\n');
    } catch (e) {
      return fail(`cannot write ${options.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else if (options.fixDryRun) {
    // Standard output holds the diff; the report of what would be left goes to standard error.
    if (diffs) io.out(diffs.replace(/\n$/, ''));
    if (output) io.err(output);
  } else if (output) io.out(output);
  if (options.format === 'text') io.err(textSummary(report));
  if (ioError) return 2;
  const { errors, warnings } = report.summary;
  return errors > 0 || warnings > options.maxWarnings ? 1 : 0;
}

/** One project context analysed on its own host: the files given, their project's other files in the index. */
async function analyzeContext(
  host: AnalysisHost,
  context: ProjectContext,
  others: Parameters<typeof analyze>[2],
  runner: Runner,
  fix: ((f: LintedSource, host: AnalysisHost, indexed: boolean) => string) | undefined,
): Promise<{ files: Linted[]; noKind: number }> {
  const analysis = await analyze(host, context.files, others, runner, { crossFile: !!context.root, fix });
  const settingsOf = new Map(context.files.map((f) => [f.file, f.fileSettings]));
  return {
    files: analysis.files.map((f) => ({
      ...f,
      fileSettings: settingsOf.get(f.file)!,
      host,
      wholeProject: analysis.wholeProject,
    })),
    noKind: analysis.noKind.length,
  };
}

/** `--fix` writes a file its safe fixes change; `--fix-dry-run` gives the diff. Files not read as plain UTF-8 are left alone. */
function fixFile(
  host: AnalysisHost,
  f: LintedSource,
  indexed: boolean,
  write: boolean,
  cwd: string,
  io: Io,
): { text: string; diff: string; error?: boolean } {
  if (f.problems?.length) return { text: f.text, diff: '' };
  const input = {
    file: f.file,
    languageId: languageOf(f.file),
    text: f.text,
    settings: f.settings,
    pathSuppressions: pathSuppressionsOf(f.fileSettings, f.file),
    indexed,
  };
  const fixed = fixText(host, input);
  if (fixed === f.text) return { text: fixed, diff: '' };
  const shown = posix(path.relative(cwd, f.file)) || posix(f.file);
  if (!write) return { text: fixed, diff: unifiedDiff(shown, f.text, fixed) };
  try {
    writeFixed(f.file, fixed);
    return { text: fixed, diff: '' };
  } catch (e) {
    io.err(`tenant-config: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    host.setFile(uriOf(f.file), { text: f.text, problems: [] }, f.settings, { index: indexed, keep: true });
    return { text: f.text, diff: '', error: true };
  }
}

/** Problems of the project configurations in use: any error stops the run (exit status 2). */
function configErrors(run: RunSettings, io: Io): boolean {
  let failed = false;
  for (const [file, reason] of run.configs.errors) {
    io.err(`tenant-config: cannot read ${posix(path.relative(run.cwd, file))}: ${reason}`);
    failed = true;
  }
  for (const c of run.configs.loaded()) {
    const errors = c.diagnostics.filter(isError);
    for (const d of errors)
      io.err(
        `${posix(path.relative(run.cwd, c.file))}:${d.range.start.line + 1}:${d.range.start.character + 1} error ${String(d.code)} ${d.message}`,
      );
    if (errors.length) {
      io.err(`tenant-config: ${posix(path.relative(run.cwd, c.file))} is not a valid project configuration`);
      failed = true;
    }
    for (const [setting, globs] of [
      ['ignore', c.config.ignore],
      ['crossFile.exclude', c.config.crossFile.exclude],
    ] as const)
      for (const line of describeUnusable(
        compileExclude(globs).unusable,
        `${setting} in ${posix(path.relative(run.cwd, c.file))}`,
      ))
        io.err(`tenant-config: ${line}`);
  }
  return failed;
}

/** The folders the user gave (folders, and the fixed part of globs): the linter reads inside them. */
function folderArgs(args: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const glob = arg.search(/[*?[\]{}]/);
    const abs = path.resolve(cwd, glob < 0 ? arg : arg.slice(0, glob).replace(/[^/\\]*$/, '') || '.');
    try {
      if (fs.statSync(abs).isDirectory()) out.push(abs);
    } catch {
      // Named nothing: reported when the arguments are expanded.
    }
  }
  return out;
}
