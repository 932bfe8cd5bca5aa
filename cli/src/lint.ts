/** `tenant-config lint`: files in, a report out, an exit status (0 clean, 1 problems, 2 usage or I/O error). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
  applySuppressions,
  matchesGlobs,
  pathSuppressionProblems,
  refusalText,
  defaultDocumentSettings,
  type AnalysisHost,
  type PathSuppression,
} from '../../core/src/index';
import type { LintOptions } from './args';
import { analyze, kindOf, languageOf, type AnalyzedFile, type SourceFile } from './analyze';
import { applyBaseline, createBaseline, readBaseline, writeBaseline } from './baseline';
import { describeUnusable } from '../../node/src/index';
import { createEngine, packageRoot, version, type Engine } from './engine';
import { expandArgs, type Skipped } from './files';
import { fixText, unifiedDiff } from './fix';
import { quickFixes } from './fixes';
import { listFiles } from './listFiles';
import { findRoot } from './project';
import { render } from './report/index';
import type { LintReport, ReportFile, ReportProblem, SeverityName } from './report/model';
import { textSummary } from './report/text';
import { createRunSettings, fileSettings, ignoredBy, type FileSettings, type RunSettings } from './settings';

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

const SEVERITY: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const posix = (p: string): string => p.split(path.sep).join('/');

interface Linted extends AnalyzedFile {
  fileSettings: FileSettings;
}

export async function lint(options: LintOptions, io: Io): Promise<number> {
  const fail = (message: string): number => {
    io.err(`tenant-config: ${message}`);
    return 2;
  };
  const cwd = io.cwd;
  const { root } = findRoot(cwd);
  // Files are read through the gate: inside the project root, the working folder and the folders
  // given, or named by the user (the files given, --schema, --config, schemas in settings).
  const engine = createEngine([root, cwd, ...folderArgs(options.paths, cwd)]);
  const { host, gate } = engine;
  const run = createRunSettings(engine, cwd, options);
  if (typeof run === 'string') return fail(run);
  for (const line of describeUnusable(run.exclude.unusable)) io.err(`tenant-config: ${line}`);

  // The files: from standard input, or the arguments expanded.
  let sources: Array<{ file: string; explicit: boolean; text?: string }>;
  let skipped: Skipped[] = [];
  let ioError = false;
  if (options.stdin) {
    const file = path.resolve(cwd, options.stdinFilename!);
    let text: string;
    try {
      text = await io.readStdin();
    } catch (e) {
      return fail(`cannot read standard input: ${(e as Error).message}`);
    }
    sources = [{ file, explicit: true, text }];
  } else {
    const expansion = expandArgs(options.paths, cwd, { root, ignoredBy: (f) => ignoredBy(run, f) });
    for (const m of expansion.missing) {
      io.err(`tenant-config: ${m}: no such file, folder or matching files`);
      ioError = true;
    }
    sources = expansion.files;
    skipped = expansion.skipped;
  }
  const configProblem = configErrors(
    run,
    sources.map((s) => s.file),
    io,
  );
  if (configProblem) return 2;

  // Read every file (the cross-file index needs them all before any is checked).
  const files: Array<SourceFile & { fileSettings: FileSettings }> = [];
  gate.name(sources.filter((s) => s.explicit).map((s) => s.file));
  for (const s of sources) {
    const fs_ = fileSettings(run, s.file);
    gate.name(host.namedSchemaFiles(fs_.settings));
    let text = s.text;
    let problems: SourceFile['problems'] = [];
    if (text === undefined) {
      const read = gate.readPath(s.file, { named: s.explicit });
      if (!read.ok) {
        io.err(`tenant-config: ${posix(path.relative(cwd, s.file))}: ${refusalText(read.refusal, read.errno)}`);
        ioError = true;
        continue;
      }
      text = read.text;
      problems = read.problems;
    }
    files.push({
      file: s.file,
      text,
      problems,
      explicit: s.explicit,
      settings: fs_.settings,
      excludedFromIndex: fs_.excludedFromIndex,
      fileSettings: fs_,
    });
  }

  if (options.listFiles) {
    const linted: Array<{ file: string; kind?: string }> = [];
    const noKind: Array<{ path: string; folder: false; reason: 'no-kind' }> = [];
    for (const f of files) {
      const k = kindOf(host, f);
      if (f.explicit || k.associated) linted.push({ file: f.file, kind: k.kind });
      else noKind.push({ path: f.file, folder: false, reason: 'no-kind' });
    }
    io.out(listFiles(cwd, linted, [...skipped, ...noKind]));
    return linted.length === 0 ? fail('no files to lint') : ioError ? 2 : 0;
  }

  let diffs = '';
  if (options.fix || options.fixDryRun) {
    const fixed = applyFixes(host, files, options.fix, cwd, io);
    if (fixed.ioError) ioError = true;
    diffs = fixed.diffs;
  }

  const analysis = analyze(host, files, run.crossFile);
  const settingsOf = new Map(files.map((f) => [f.file, f.fileSettings]));
  let linted: Linted[] = analysis.files.map((f) => ({ ...f, fileSettings: settingsOf.get(f.file)! }));
  if (linted.length === 0) {
    const why = skipped.length + analysis.noKind.length;
    return fail(`no files to lint${why ? ` (${why} skipped: see --list-files)` : ''}`);
  }

  const { files: afterSuppressions, suppressed, configFiles } = suppress(linted, run, engine);
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

  const report = buildReport(host, linted, cwd, options.format === 'sarif', suppressed, baselineInfo);
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

const isError = (d: Diagnostic): boolean => d.severity === DiagnosticSeverity.Error;

/** `--fix` writes each file its safe fixes change; `--fix-dry-run` returns the diffs. Either way the run lints the fixed texts. */
function applyFixes(
  host: AnalysisHost,
  files: Array<SourceFile & { fileSettings: FileSettings }>,
  write: boolean,
  cwd: string,
  io: Io,
): { diffs: string; ioError: boolean } {
  let diffs = '';
  let ioError = false;
  for (const f of files) {
    if (!f.explicit && !kindOf(host, f).associated) continue;
    const config = f.fileSettings.config;
    const rel = config ? posix(path.relative(config.dir, f.file)) : '';
    const paths = config ? config.config.suppressions.filter((s) => matchesGlobs(s.files, rel)) : [];
    const fixed = fixText(host, { file: f.file, languageId: languageOf(f.file), text: f.text }, f.settings, paths);
    if (fixed === f.text) continue;
    const shown = posix(path.relative(cwd, f.file)) || posix(f.file);
    if (write) {
      try {
        fs.writeFileSync(f.file, fixed);
      } catch (e) {
        io.err(`tenant-config: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        ioError = true;
        continue;
      }
    } else diffs += unifiedDiff(shown, f.text, fixed);
    f.text = fixed;
  }
  return { diffs, ioError };
}

/** Problems of the project configurations in use: any error stops the run (exit status 2). */
function configErrors(run: RunSettings, files: string[], io: Io): boolean {
  for (const f of files) run.configs.forFile(f);
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
  }
  return failed;
}

/** Apply suppression comments and the configurations' suppressions; report the unused ones. */
function suppress(
  files: Linted[],
  run: RunSettings,
  { host }: Engine,
): { files: Linted[]; suppressed: number; configFiles: Linted[] } {
  let suppressed = 0;
  const used = new Map<PathSuppression, Set<string>>();
  const matched = new Set<PathSuppression>();
  const out = files.map((f) => {
    const { config, settings, crossFile } = f.fileSettings;
    const rel = config ? posix(path.relative(config.dir, f.file)) : '';
    const paths = config ? config.config.suppressions.filter((s) => matchesGlobs(s.files, rel)) : [];
    for (const s of paths) matched.add(s);
    const doc = TextDocument.create(f.uri, f.languageId, 1, f.text);
    const r = applySuppressions(doc, f.diagnostics, {
      settings,
      pathSuppressions: paths,
      isChecked: (code) => settings.severity[code] !== 'off' && (crossFile || !code.startsWith('ref.')),
    });
    for (const u of r.usedPathSuppressions) {
      const set = used.get(u.suppression) ?? new Set<string>();
      set.add(u.code);
      used.set(u.suppression, set);
    }
    suppressed += r.suppressed.length;
    return { ...f, diagnostics: r.diagnostics };
  });
  const configFiles: Linted[] = [];
  for (const c of run.configs.loaded()) {
    const problems = pathSuppressionProblems(
      c.config.suppressions,
      used,
      (s) => matched.has(s),
      (code) => run.crossFile || !code.startsWith('ref.'),
    );
    const own = c.diagnostics.filter((d) => !isError(d));
    if (!problems.length && !own.length) continue;
    const uri = URI.file(c.file).toString();
    const linted = out.find((f) => f.file === c.file);
    const diagnostics = [...own, ...host.problemDiagnostics(uri, problems, defaultDocumentSettings)];
    if (linted) linted.diagnostics.push(...diagnostics.filter((d) => !own.includes(d)));
    else
      configFiles.push({
        file: c.file,
        uri,
        languageId: 'yaml',
        text: c.text,
        kind: 'tenant-config-project',
        diagnostics,
        fileSettings: fileSettings(run, c.file),
      });
  }
  return { files: out, suppressed, configFiles };
}

function buildReport(
  host: AnalysisHost,
  files: Linted[],
  cwd: string,
  withFixes: boolean,
  suppressed: number,
  baseline: LintReport['baseline'],
): LintReport {
  let errors = 0;
  let warnings = 0;
  const out: ReportFile[] = [];
  for (const f of files) {
    const diagnostics = [...f.diagnostics].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    const fixes = withFixes ? quickFixes(host, f, f.fileSettings.settings, diagnostics) : undefined;
    const problems: ReportProblem[] = diagnostics.map((d) => {
      const severity = SEVERITY[d.severity ?? 1];
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
      const fixList = fixes?.get(d);
      return {
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity,
        code: String(d.code ?? ''),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        ...(fixList ? { fixes: fixList } : {}),
      };
    });
    out.push({ path: posix(path.relative(cwd, f.file)) || posix(f.file), problems });
  }
  return {
    cwd,
    version: version(),
    docsUri: URI.file(path.join(packageRoot(), 'docs', 'diagnostics.md')).toString(),
    files: out,
    summary: { files: out.length, errors, warnings },
    suppressed,
    baseline,
  };
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
