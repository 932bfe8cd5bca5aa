// Bundle the in-host e2e suite (test/e2e/suite/*.ts) into dist/test/e2e/*.js with esbuild.
// `vscode` is provided by the extension host and `mocha` is left external so that it resolves from
// the project's node_modules at run time (dist/test/e2e -> ../../../node_modules/mocha).
// Type-checks the suite first (tsc --noEmit -p test/e2e); pass --no-typecheck to skip.
// dist/ is excluded from the .vsix except for the three runtime bundles (see .vscodeignore).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'test/e2e/suite');
const outDir = join(root, 'dist/test/e2e');

if (!process.argv.includes('--no-typecheck')) {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(root, 'test/e2e/tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bundle-e2e: type errors in test/e2e/suite');
    process.exit(r.status ?? 1);
  }
}

const entryPoints = readdirSync(srcDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => join(srcDir, f));

rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`bundle-e2e: ${entryPoints.length} file(s) -> ${outDir.slice(root.length + 1)}/`);
