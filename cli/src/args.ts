/**
 * The `lint` command's arguments, parsed strictly with node's `util.parseArgs`: whole option names
 * only (no prefix matching), an unknown option is an error, an option that takes a value never
 * swallows the next option.
 */
import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'text', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintOptions {
  paths: string[];
  format: Format;
  outputFile?: string;
  /** Forced on or off; undefined: on for a terminal unless NO_COLOR is set. */
  color?: boolean;
  maxWarnings: number;
  quiet: boolean;
  crossFile: boolean;
  ignore: string[];
  schema?: string;
  config?: string;
  stdin: boolean;
  stdinFilename?: string;
  baseline?: string;
  baselineWrite?: string;
  fix: boolean;
  fixDryRun: boolean;
  listFiles: boolean;
  cache: boolean;
  cacheLocation?: string;
}

export type ParsedArgs =
  { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string } | { kind: 'lint'; options: LintOptions };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-cross-file': { type: 'boolean' },
  ignore: { type: 'string', multiple: true },
  schema: { type: 'string' },
  config: { type: 'string', short: 'c' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  baseline: { type: 'string' },
  'baseline-write': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'list-files': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
} as const;

/** Node's parse errors name the option; keep their first sentence, without the error code. */
function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s+To specify .*$/s, '').replace(/\.$/, '');
}

/** Parse the arguments after `lint`. */
export function parseLintArgs(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return { kind: 'error', message: reason(e) };
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format))
    return { kind: 'error', message: `--format takes one of ${FORMATS.join(', ')}, not '${format}'` };
  let maxWarnings = Infinity;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!/^\d+$/.test(v['max-warnings']) || !Number.isSafeInteger(maxWarnings))
      return { kind: 'error', message: `--max-warnings takes a whole number, not '${v['max-warnings']}'` };
  }
  if (v.color && v['no-color']) return { kind: 'error', message: '--color and --no-color contradict each other' };
  const options: LintOptions = {
    paths: parsed.positionals,
    format: format as Format,
    outputFile: v['output-file'],
    color: v.color ? true : v['no-color'] ? false : undefined,
    maxWarnings,
    quiet: !!v.quiet,
    crossFile: !v['no-cross-file'],
    ignore: v.ignore ?? [],
    schema: v.schema,
    config: v.config,
    stdin: !!v.stdin,
    stdinFilename: v['stdin-filename'],
    baseline: v.baseline,
    baselineWrite: v['baseline-write'],
    fix: !!v.fix,
    fixDryRun: !!v['fix-dry-run'],
    listFiles: !!v['list-files'],
    cache: !!v.cache,
    cacheLocation: v['cache-location'],
  };
  const conflict = conflicts(options);
  return conflict ? { kind: 'error', message: conflict } : { kind: 'lint', options };
}

/** Combinations that cannot mean anything. */
function conflicts(o: LintOptions): string | undefined {
  for (const [name, value] of [
    ['--output-file', o.outputFile],
    ['--schema', o.schema],
    ['--config', o.config],
    ['--stdin-filename', o.stdinFilename],
    ['--baseline', o.baseline],
    ['--baseline-write', o.baselineWrite],
    ['--cache-location', o.cacheLocation],
  ] as const)
    if (value !== undefined && value.trim() === '') return `${name} takes a path, not an empty string`;
  if (o.ignore.some((g) => !g.trim())) return '--ignore takes a glob, not an empty string';
  if (o.stdin) {
    if (o.paths.length) return '--stdin reads one text from standard input: give no files or folders with it';
    if (!o.stdinFilename) return '--stdin needs --stdin-filename <path>: its name decides the kind of configuration';
    if (o.fix) return '--fix writes files; with --stdin use --fix-dry-run to see the fixes';
  } else {
    if (o.stdinFilename) return '--stdin-filename names the text read with --stdin';
    if (o.paths.length === 0) return 'no files, folders or globs given';
  }
  if (o.fix && o.fixDryRun) return '--fix and --fix-dry-run contradict each other';
  if (o.baseline && o.baselineWrite) return '--baseline-write records a new baseline; give it without --baseline';
  if (o.listFiles && o.stdin) return '--list-files lists the files a run lints; it does not read standard input';
  if (o.cacheLocation !== undefined && !o.cache)
    return '--cache-location names the file --cache keeps its results in: give --cache with it';
  return undefined;
}
