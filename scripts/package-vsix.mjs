// Package the VS Code extension (dist/tenant-config.vsix) with .vscodeignore choosing its files.
// package.json's `files` lists what the npm package of the linter holds, and vsce refuses a
// manifest with both `files` and .vscodeignore: the extension is packaged from a staged copy of
// the files .vscodeignore selects, with a manifest that has no `files`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { listFiles, PackageManager } = require('@vscode/vsce');

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const out = resolve(root, process.argv[2] ?? 'dist/tenant-config.vsix');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
delete manifest.files;

const files = await listFiles({ cwd: root, manifest, packageManager: PackageManager.None });
const stage = mkdtempSync(join(tmpdir(), 'tenant-config-vsix-'));
try {
  for (const f of files) {
    mkdirSync(dirname(join(stage, f)), { recursive: true });
    cpSync(join(root, f), join(stage, f));
  }
  cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [
    'package',
    '--allow-missing-repository',
    '--skip-license',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '-o',
    out,
  ];
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: stage, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
