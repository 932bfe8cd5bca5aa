/** The `tenant-config` command: `lint`, `migrate` (and `--help`, `--version`). */
import { parseLintArgs } from './args';
import { version } from './engine';
import { lint, type Io } from './lint';
import { startLintWorker } from './worker';
import { tuneHeap } from './heap';
import { migrateMain } from './migrate';
import { USAGE } from './usage';

type Command = (argv: string[], io: Io) => Promise<number>;

const lintCommand: Command = async (argv, io) => {
  const parsed = parseLintArgs(argv);
  switch (parsed.kind) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'version':
      io.out(version());
      return 0;
    case 'error':
      io.err(`tenant-config: ${parsed.message}\n\n${USAGE}`);
      return 2;
    case 'lint':
      return lint(parsed.options, io);
  }
};

const migrateCommand: Command = async (argv, io) => migrateMain(argv, io.out, io.err, io.cwd);

const COMMANDS: Record<string, Command> = { lint: lintCommand, migrate: migrateCommand };

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(version());
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`tenant-config: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    io.err(`tenant-config: internal error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (startLintWorker()) {
  // A worker thread of a run: it answers file jobs until the run ends.
} else if (require.main === module) {
  tuneHeap();
  const out: string[] = [];
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: !!process.stdout.isTTY,
    out: (s) => out.push(s),
    err: (s) => process.stderr.write(s + '\n'),
    readStdin,
  }).then((code) => {
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
    process.exitCode = code;
  });
}
