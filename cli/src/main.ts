import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import picomatch from 'picomatch';
import { createLanguageService, toDiagnostics, type DocumentSettings } from '../../core/src/index';
import { createWorkspaceIndex } from '../../core/src/index';
import { resolveSettings } from '../../protocol/src/index';
import { loadBundledSchemas, readFileUri, findSchemasDir } from '../../server/src/schemaFiles';
import { expandArgs } from './files';
import { escapeForTerminal as esc, escapeJsonForTerminal as escJson } from './escape';

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

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (typeof opts === 'string') {
    err(`tenant-config: ${esc(opts)}\n\n${USAGE}`);
    return 2;
  }
  let raw: unknown = {};
  if (opts.config) {
    try {
      raw = JSON.parse(fs.readFileSync(path.resolve(cwd, opts.config), 'utf8'));
    } catch (e) {
      err(esc(`tenant-config: cannot read the settings file ${opts.config}: ${(e as Error).message}`));
      return 2;
    }
  }
  const settings = resolveSettings(raw);
  const workspaceFolders = [URI.file(cwd).toString()];
  const service = createLanguageService({
    bundled: loadBundledSchemas(findSchemasDir(__dirname)),
    readFile: readFileUri,
  });
  if (opts.schema) {
    const forced = service.store.entry(opts.schema) ? opts.schema : path.resolve(cwd, opts.schema);
    if (!service.store.entry(opts.schema) && !fs.existsSync(forced)) {
      err(esc(`tenant-config: schema '${opts.schema}' is neither a bundled schema id nor a file`));
      return 2;
    }
    settings.schemas = { [forced]: ['**/*'] };
  }
  const docSettings: DocumentSettings = {
    schemas: settings.schemas,
    severity: settings.severity,
    maxProblems: settings.maxProblems,
    workspaceFolders,
  };
  const { files, missing } = expandArgs(opts.paths, cwd, opts.ignore);
  let ioError = false;
  for (const m of missing) {
    err(`tenant-config: ${esc(m)}: no such file, folder or matching files`);
    ioError = true;
  }
  // Read and associate every file first: the cross-file index needs them all before any is checked.
  const docs: Array<{ file: string; doc: TextDocument; kind: string | undefined }> = [];
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f.file, 'utf8');
    } catch (e) {
      err(
        esc(
          `tenant-config: ${path.relative(cwd, f.file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        ),
      );
      ioError = true;
      continue;
    }
    const doc = TextDocument.create(URI.file(f.file).toString(), /\.json$/i.test(f.file) ? 'json' : 'yaml', 1, text);
    const association = service.getAssociation(doc, docSettings);
    if (!f.explicit && association.source === 'none') continue;
    docs.push({
      file: f.file,
      doc,
      kind: association.schemaUri ? service.store.entry(association.schemaUri)?.id : undefined,
    });
  }
  // The names each file defines and references, as the language server indexes a workspace
  // (`workspace.exclude` of the settings file leaves files out, as in the editor).
  const index = opts.crossFile ? createWorkspaceIndex() : undefined;
  const excluded = settings.workspace.exclude.length
    ? picomatch(settings.workspace.exclude, { dot: true })
    : () => false;
  if (index) {
    for (const { file, doc, kind } of docs) {
      if (kind && !excluded(path.relative(cwd, file).split(path.sep).join('/')))
        index.update(doc.uri, kind, service.parse(doc), { dependents: false });
    }
  }
  const results: Array<{ file: string; diagnostics: Diagnostic[] }> = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, doc } of docs) {
    let diagnostics = service.doValidation(doc, docSettings);
    if (index?.has(doc.uri)) diagnostics.push(...toDiagnostics(doc, index.problemsFor(doc.uri), docSettings));
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
          `${esc(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAME[d.severity ?? 1]} ${String(d.code)} ${esc(String(d.message))}`,
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
  process.stdout.write(lines.length ? escJson(lines.join('\n')) + '\n' : '');
  process.exitCode = code;
}
