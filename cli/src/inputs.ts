/**
 * The files a run lints, read: standard input under the name `--stdin-filename` gives it, or the
 * arguments expanded (folders walked, globs matched, ignores applied) and each file read through
 * the gate (files named on the command line wherever they lie). Problems are told on standard
 * error as they are met; the run goes on with what could be read.
 */
import * as path from 'node:path';
import { refusalText } from '../../core/src/index';
import { describeUnusable } from '../../node/src/index';
import type { LintOptions } from './args';
import type { LintedSource } from './context';
import type { Engine } from './engine';
import { expandArgs, type Skipped } from './files';
import type { Io } from './io';
import { fileSettings, ignoredBy, type RunSettings } from './settings';

export interface Inputs {
  files: LintedSource[];
  skipped: Skipped[];
  /** Something named could not be found or read (exit status 2 at the end). */
  ioError: boolean;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** The sources of a run, before they are read: a message instead when standard input cannot be read. */
async function sourcesOf(
  options: LintOptions,
  io: Io,
  run: RunSettings,
  root: string,
): Promise<
  { sources: Array<{ file: string; explicit: boolean; text?: string }>; skipped: Skipped[]; ioError: boolean } | string
> {
  const cwd = io.cwd;
  if (options.stdin) {
    const file = path.resolve(cwd, options.stdinFilename!);
    try {
      return { sources: [{ file, explicit: true, text: await io.readStdin() }], skipped: [], ioError: false };
    } catch (e) {
      return `cannot read standard input: ${(e as Error).message}`;
    }
  }
  const expansion = expandArgs(options.paths, cwd, { root, ignoredBy: (f) => ignoredBy(run, f) });
  let ioError = false;
  for (const m of expansion.missing) {
    io.err(`tenant-config: ${m}: no such file, folder or matching files`);
    ioError = true;
  }
  for (const u of expansion.unusable) {
    io.err(
      `tenant-config: the glob ${u.arg.length > 80 ? `${u.arg.slice(0, 40)}… (${u.arg.length} characters)` : u.arg} cannot be used: ${u.reason}`,
    );
    ioError = true;
  }
  return { sources: expansion.files, skipped: expansion.skipped, ioError };
}

/** Read the files of a run (a message instead when the run cannot start); `onFound` is told how many before they are read. */
export async function readInputs(
  options: LintOptions,
  io: Io,
  engine: Engine,
  run: RunSettings,
  root: string,
  onFound?: (count: number) => void,
): Promise<Inputs | string> {
  const found = await sourcesOf(options, io, run, root);
  if (typeof found === 'string') return found;
  onFound?.(found.sources.length);
  const { gate, host } = engine;
  let ioError = found.ioError;
  for (const line of describeUnusable(run.ignore.unusable, '--ignore')) io.err(`tenant-config: ${line}`);
  const files: LintedSource[] = [];
  gate.name(found.sources.filter((s) => s.explicit).map((s) => s.file));
  for (const s of found.sources) {
    const fs_ = fileSettings(run, s.file);
    gate.name(host.namedSchemaFiles(fs_.settings));
    let text = s.text;
    let problems: LintedSource['problems'] = [];
    if (text === undefined) {
      const read = gate.readPath(s.file, { named: s.explicit });
      if (!read.ok) {
        io.err(`tenant-config: ${posix(path.relative(io.cwd, s.file))}: ${refusalText(read.refusal, read.errno)}`);
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
  return { files, skipped: found.skipped, ioError };
}
