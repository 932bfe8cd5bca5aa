import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
  createAnalysisHost,
  jsonErrorDetail,
  refusalText,
  type DocumentSettings,
  type FileRead,
} from '../../core/src/index';
import { resolveSettings } from '../../protocol/src/index';
import {
  FileGate,
  compileExclude,
  describeUnusable,
  findSchemasDir,
  isExcluded,
  loadBundledSchemas,
} from '../../node/src/index';
import { expandArgs } from './files';

const USAGE = `Usage: tenant-config lint [options] <files | folders | globs>...

Checks tenant configuration files (YAML and JSON) against the bundled schemas, and
the references between the files given (receivers, roles, templates, environments,
queues, locales…): lint the whole configuration tree so that every definition is seen.

Options:
  --format text|json     output format (default: text)
  --schema <id|path>     validate every file against this schema (bundled id such as
                         "tenant", or a schema file)
  --config <file>        a JSON settings file ({"schemas": {...}, "severity": {...}})
  --max-warnings <n>     fail when more than n warnings are found (default: no limit)
  --ignore <glob>        skip files matching the glob (repeatable), e.g. "**/broken/**"
  --quiet                report errors only
  --no-cross-file        skip the checks between files (undefined, duplicate and
                         unused names), e.g. when linting a few files alone
  -h, --help             show this help

Exit status: 0 no errors, 1 problems found, 2 usage or I/O error.`;

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface Options {
  format: 'text' | 'json';
  schema?: string;
  config?: string;
  maxWarnings: number;
  quiet: boolean;
  crossFile: boolean;
  ignore: string[];
  paths: string[];
}

function parseArgs(argv: string[]): Options | string {
  if (argv[0] !== 'lint')
    return argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' ? 'help' : `unknown command '${argv[0]}'`;
  const o: Options = { format: 'text', maxWarnings: Infinity, quiet: false, crossFile: true, ignore: [], paths: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '-h' || a === '--help') return 'help';
    else if (a.startsWith('--format')) {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format takes text or json, not '${v ?? ''}'`;
      o.format = v;
    } else if (a.startsWith('--schema')) o.schema = value();
    else if (a.startsWith('--config')) o.config = value();
    else if (a.startsWith('--ignore')) {
      const v = value();
      if (!v) return '--ignore takes a glob';
      o.ignore.push(v);
    } else if (a.startsWith('--max-warnings')) {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) return '--max-warnings takes a whole number';
      o.maxWarnings = v;
    } else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a === '--no-cross-file') o.crossFile = false;
    else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
    else o.paths.push(a);
  }
  if (o.paths.length === 0) return 'no files given';
  return o;
}

/** Why a file was not read, as the linter says it: the system's error code, or the gate's reason. */
function notRead(r: Extract<FileRead, { ok: false }>): string {
  if (r.refusal === 'outside-workspace') return 'outside the project root (the current folder); not read';
  return r.errno ?? refusalText(r.refusal);
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (typeof opts === 'string') {
    err(`tenant-config: ${opts}\n\n${USAGE}`);
    return 2;
  }
  // Files are read through the gate: inside the project root (the current folder), or named by the user.
  const gate = new FileGate({ roots: [cwd] });
  let raw: unknown = {};
  if (opts.config) {
    const file = path.resolve(cwd, opts.config);
    gate.name([file]);
    const read = gate.readPath(file, { named: true });
    let detail: string | undefined;
    if (!read.ok) detail = notRead(read);
    else {
      try {
        raw = JSON.parse(read.text);
      } catch {
        detail = jsonErrorDetail(read.text);
      }
    }
    if (detail !== undefined) {
      err(`tenant-config: cannot read the settings file ${opts.config}: ${detail}`);
      return 2;
    }
  }
  const settings = resolveSettings(raw);
  const host = createAnalysisHost({
    bundled: loadBundledSchemas(findSchemasDir(__dirname)),
    read: (uri, purpose) => gate.readUri(uri, { named: purpose === 'schema' }),
  });
  if (opts.schema) {
    const bundled = host.isBundledSchema(opts.schema);
    const forced = bundled ? opts.schema : path.resolve(cwd, opts.schema);
    if (!bundled) {
      gate.name([forced]);
      if (!gate.readPath(forced, { named: true }).ok) {
        err(`tenant-config: schema '${opts.schema}' is neither a bundled schema id nor a file`);
        return 2;
      }
    }
    settings.schemas = { [forced]: ['**/*'] };
  }
  const docSettings: DocumentSettings = {
    schemas: settings.schemas,
    severity: settings.severity,
    maxProblems: settings.maxProblems,
    workspaceFolders: [URI.file(cwd).toString()],
  };
  gate.name(host.namedSchemaFiles(docSettings));
  const { files, missing } = expandArgs(opts.paths, cwd, opts.ignore);
  let ioError = false;
  for (const m of missing) {
    err(`tenant-config: ${m}: no such file, folder or matching files`);
    ioError = true;
  }
  // The names each file defines and references, as the language server indexes a workspace
  // (`workspace.exclude` of the settings file leaves files out, as in the editor).
  const exclude = compileExclude(settings.workspace.exclude);
  for (const line of describeUnusable(exclude.unusable)) err(`tenant-config: ${line}`);
  // Read and associate every file first: the cross-file index needs them all before any is checked.
  const docs: Array<{ file: string; uri: string }> = [];
  for (const f of files) {
    const read = gate.readPath(f.file);
    if (!read.ok) {
      err(`tenant-config: ${path.relative(cwd, f.file)}: ${notRead(read)}`);
      ioError = true;
      continue;
    }
    const uri = URI.file(f.file).toString();
    const index = opts.crossFile && !isExcluded(f.file, [cwd], exclude);
    host.setFile(uri, read, docSettings, { index, keep: true });
    if (!f.explicit && !host.hasSchema(host.document(uri)!, docSettings)) {
      host.forget(uri);
      continue;
    }
    docs.push({ file: f.file, uri });
  }
  host.finishLoading();
  const results: Array<{ file: string; diagnostics: Diagnostic[] }> = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, uri } of docs) {
    let diagnostics = host.diagnostics(uri, docSettings);
    if (opts.quiet) diagnostics = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    for (const d of diagnostics) {
      if (d.severity === DiagnosticSeverity.Error) errors++;
      else if (d.severity === DiagnosticSeverity.Warning) warnings++;
    }
    results.push({ file: path.relative(cwd, file) || file, diagnostics });
  }
  if (opts.format === 'json') {
    out(
      JSON.stringify(
        {
          files: results.map((r) => ({
            file: r.file,
            problems: r.diagnostics.map((d) => ({
              line: d.range.start.line + 1,
              column: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
              severity: SEVERITY_NAME[d.severity ?? 1],
              code: d.code,
              message: d.message,
            })),
          })),
          summary: { files: results.length, errors, warnings },
        },
        null,
        2,
      ),
    );
  } else {
    for (const r of results) {
      for (const d of r.diagnostics)
        out(
          `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAME[d.severity ?? 1]} ${String(d.code)} ${d.message}`,
        );
    }
    err(`${results.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`);
  }
  if (ioError) return 2;
  return errors > 0 || warnings > opts.maxWarnings ? 1 : 0;
}

if (require.main === module) {
  const lines: string[] = [];
  const code = main(
    process.argv.slice(2),
    (s) => lines.push(s),
    (s) => process.stderr.write(s + '\n'),
  );
  process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
  process.exitCode = code;
}
