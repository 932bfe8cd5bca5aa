/** What every output format renders: files (paths relative to the working folder) and their problems. */
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** A text edit, 1-based lines and columns (UTF-16), end exclusive. */
export interface ReportEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface ReportFix {
  title: string;
  edits: ReportEdit[];
}

export interface ReportProblem {
  /** 1-based; the end column is the one after the last character. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
  /** Verified fixes, where one exists (filled for the formats that carry them). */
  fixes?: ReportFix[];
}

export interface ReportFile {
  /** Relative to the working folder, with `/`. */
  path: string;
  problems: ReportProblem[];
}

export interface LintReport {
  /** The working folder, which relative paths start from. */
  cwd: string;
  version: string;
  /** URI of docs/diagnostics.md as installed, for links to each code. */
  docsUri: string;
  files: ReportFile[];
  summary: { files: number; errors: number; warnings: number };
  /** Problems removed by suppression comments or the project configuration. */
  suppressed: number;
  /** Problems the baseline knows (not reported), and baseline entries no longer found. */
  baseline?: { known: number; gone: number };
}

export interface RenderOptions {
  color: boolean;
}

export type Reporter = (report: LintReport, options: RenderOptions) => string;
