/**
 * Suppressions in a linter run, through the host's one call (the editor makes the same): each
 * file's suppression comments and its project configuration's path suppressions. A suppression
 * that suppresses nothing is reported, unless its code was not looked for in this run (`off`,
 * cross-file codes with the cross-file checks off, unused-name codes when only part of the
 * project is linted). Path suppressions that suppress nothing are reported in the configuration.
 */
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
  defaultDocumentSettings,
  isCrossFileCode,
  matchesGlobs,
  pathSuppressionProblems,
  type AnalysisHost,
  type PathSuppression,
} from '../../core/src/index';
import { isUnusedCode, type AnalyzedFile } from './analyze';
import { uriOf } from './fileJob';
import { fileSettings, type FileSettings, type RunSettings } from './settings';

export interface Linted extends AnalyzedFile {
  fileSettings: FileSettings;
  /** The host holding the file (its project context's). */
  host: AnalysisHost;
  /** Its project context was linted whole: unused names were looked for. */
  wholeProject: boolean;
}

const posix = (p: string): string => p.split(path.sep).join('/');
const isError = (d: Diagnostic): boolean => d.severity === DiagnosticSeverity.Error;

/** The configuration's path suppressions that name a file. */
export function pathSuppressionsOf(fs_: FileSettings, file: string): PathSuppression[] {
  const config = fs_.config;
  if (!config) return [];
  const rel = posix(path.relative(config.dir, file));
  return config.config.suppressions.filter((s) => matchesGlobs(s.files, rel));
}

export function suppress(
  files: Linted[],
  run: RunSettings,
  configHost: AnalysisHost,
): { files: Linted[]; suppressed: number; configFiles: Linted[] } {
  let suppressed = 0;
  const used = new Map<PathSuppression, Set<string>>();
  const matched = new Set<PathSuppression>();
  const out = files.map((f) => {
    const { settings, crossFile } = f.fileSettings;
    const paths = pathSuppressionsOf(f.fileSettings, f.file);
    for (const s of paths) matched.add(s);
    const r = f.host.suppress(f.uri, f.diagnostics, settings, {
      pathSuppressions: paths,
      isChecked: (code) =>
        settings.severity[code] !== 'off' &&
        (crossFile || !isCrossFileCode(code)) &&
        (f.wholeProject || !isUnusedCode(code)),
    });
    for (const u of r.usedPathSuppressions) {
      const set = used.get(u.suppression) ?? new Set<string>();
      set.add(u.code);
      used.set(u.suppression, set);
    }
    suppressed += r.suppressed.length;
    return { ...f, diagnostics: r.diagnostics };
  });
  const whole = files.every((f) => f.wholeProject);
  const configFiles: Linted[] = [];
  for (const c of run.configs.loaded()) {
    const problems = pathSuppressionProblems(
      c.config.suppressions,
      used,
      (s) => matched.has(s),
      (code) => (run.crossFile || !isCrossFileCode(code)) && (whole || !isUnusedCode(code)),
    );
    const own = c.diagnostics.filter((d) => !isError(d));
    if (!problems.length && !own.length) continue;
    const uri = uriOf(c.file);
    const linted = out.find((f) => f.file === c.file);
    const diagnostics = [...own, ...configHost.problemDiagnostics(uri, problems, defaultDocumentSettings)];
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
        host: configHost,
        wholeProject: whole,
      });
  }
  return { files: out, suppressed, configFiles };
}
