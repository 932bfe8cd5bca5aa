/**
 * One fuzz target in this process: `node out/test/fuzz/run.js --target mutations|schemas|server
 * --ms N --seed N [--case-file F] [--all-patterns]`. Prints `beat {…}` lines while it runs and a
 * `summary {…}` line at the end; scripts/fuzz.mjs runs the targets, watches for crashes and hangs
 * (the case being run is in the case file) and prints the totals.
 */
import { Tally } from './checks';
import { runMutations } from './mutations';
import { runSchemas } from './schemas';
import { runServer } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const target = arg('target') ?? 'mutations';
  const ms = Number(arg('ms') ?? 10_000);
  const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const tally = new Tally(target, arg('case-file'), target !== 'server');
  if (target === 'mutations') await runMutations(tally, seed, ms);
  else if (target === 'schemas') await runSchemas(tally, seed, ms, process.argv.includes('--all-patterns'));
  else if (target === 'server') await runServer(tally, seed, ms);
  else throw new Error(`unknown target ${target}`);
  tally.beat(true);
  process.stdout.write(tally.summary() + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
    process.exit(3);
  },
);
