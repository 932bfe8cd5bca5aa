// The package as users install it: `npm pack` holds only what runs, `npm i -D` of the tarball gives a
// working `npx tenant-config`, and the commands of docs/ci.md, the pre-commit hook and the GitHub
// Action's lint step run as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/service';
import { PROMETHEUS } from './cliSupport';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(cwd: string, command: string, env: Record<string, string> = {}): { status: number | null; out: string } {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, out: r.stdout + r.stderr };
}

interface PackFile {
  path: string;
  size: number;
}

test('npm pack holds the bundle, the precompiled validators, the schemas and the linked docs; no sources, tests or examples', () => {
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [pack] = JSON.parse(r.stdout) as Array<{ files: PackFile[]; size: number }>;
  const files = pack.files.map((f) => f.path).sort();
  for (const required of [
    'package.json',
    'README.md',
    'LICENSE',
    'THIRD_PARTY_NOTICES.md',
    'dist/cli.js',
    'dist/validators/manifest.json',
    'dist/validators/tenant.js',
    'schemas/catalog.json',
    'schemas/tenant-config-project.schema.json',
    'schemas/upstream/LICENSE',
    'docs/diagnostics.md',
    'docs/ci.md',
  ])
    assert.ok(files.includes(required), `${required} is packed`);
  const stray = files.filter(
    (f) =>
      !/^(package\.json|README\.md|LICENSE|THIRD_PARTY_NOTICES\.md|dist\/cli\.js|dist\/validators\/([a-z-]+\.js|manifest\.json)|schemas\/.+\.json|schemas\/upstream\/(LICENSE|NOTICE)|docs\/(diagnostics|ci|migrations)\.md)$/.test(
        f,
      ),
  );
  assert.deepEqual(stray, [], 'nothing else');
  assert.ok(pack.size < 1_500_000, `packed size ${pack.size}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    dependencies?: object;
    private?: boolean;
  };
  assert.equal(pkg.bin['tenant-config'], './dist/cli.js');
  assert.equal(pkg.private, undefined, 'installable and publishable');
  assert.equal(pkg.dependencies, undefined, 'the bundle needs no dependencies');
  assert.ok(fs.readFileSync(path.join(repoRoot, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n'));
});

test('installed with npm i -D, the documented commands, the pre-commit hook and the action run as written', () => {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-dist-')));
  try {
    const packed = spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = path.join(
      work,
      fs.readdirSync(work).find((f) => f.endsWith('.tgz'))!,
    );
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"project","version":"1.0.0","private":true}\n');
    const install = sh(project, `npm i -D "${tarball}" --offline --ignore-scripts --no-audit --no-fund`);
    assert.equal(install.status, 0, install.out);
    for (const kind of ['acme', 'globex', 'initech', 'platform'])
      fs.cpSync(path.join(repoRoot, 'examples', kind), path.join(project, 'config', kind), { recursive: true });

    const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'ci.md'), 'utf8');
    const blocks = [...doc.matchAll(/```(?:sh|yaml)\n([\s\S]*?)```/g)].map((m) => m[1]);
    const commands = blocks
      .flatMap((b) => b.split('\n'))
      .map((l) => /(?:^|- |run: )((?:cat \S+ \| )?npx tenant-config lint\b.*)$/.exec(l.trim())?.[1])
      .filter((c): c is string => !!c);
    assert.ok(commands.length >= 7, commands.join('\n'));
    for (const command of commands) {
      const r = sh(project, command);
      assert.equal(r.status, 0, `${command}\n${r.out}`);
    }
    assert.ok(fs.readFileSync(path.join(project, 'tenant-config.junit.xml'), 'utf8').startsWith('<?xml'));
    const sarif = JSON.parse(fs.readFileSync(path.join(project, 'tenant-config.sarif'), 'utf8')) as { version: string };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(fs.existsSync(path.join(project, '.tenant-config-baseline.json')));

    // The same commands fail on a mistake (not a vacuous run).
    fs.writeFileSync(path.join(project, 'config', 'platform', 'prometheus.yml'), PROMETHEUS);
    const failing = commands.find((c) => c.includes('--format github'))!;
    const r = sh(project, failing);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /^::error file=config\/platform\/prometheus\.yml,line=4,col=3,/m);

    // The local pre-commit hook of the docs, and the hook definition of this repository, on changed files.
    const entries = blocks.flatMap((b) =>
      [...b.matchAll(/^\s*entry: (npx tenant-config lint\b.*)$/gm)].map((m) => m[1]),
    );
    assert.equal(entries.length, 1, 'the local hook of the docs');
    const local = entries[0];
    assert.equal(sh(project, `${local} config/platform/prometheus.yml`).status, 1);
    assert.equal(sh(project, `${local} config/acme/acme.notifications.yaml`).status, 0, 'no false cross-file errors');
    const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
      id: string;
      entry: string;
      language: string;
      files: string;
    }>;
    const hook = hooks.find((h) => h.id === 'tenant-config-lint')!;
    assert.equal(hook.language, 'node');
    assert.ok(new RegExp(hook.files).test('config/acme/acme.tenant.yaml') && new RegExp(hook.files).test('a.json'));
    const bin = path.join(project, 'node_modules', '.bin');
    const viaHook = sh(project, `${hook.entry} config/acme/acme.notifications.yaml config/acme/acme.tenant.yaml`, {
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    });
    assert.equal(viaHook.status, 0, viaHook.out);

    // The action's lint step, with the inputs as environment variables, as the runner gives them.
    const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string }> };
    };
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
    const step = action.runs.steps.find((s) => s.id === 'lint')!;
    const output = path.join(work, 'github-output');
    fs.writeFileSync(output, '');
    const run = sh(project, step.run!, {
      GITHUB_ACTION_PATH: repoRoot,
      GITHUB_OUTPUT: output,
      TC_PATHS: 'config',
      TC_ARGS: '--max-warnings 0',
      TC_SARIF: 'action.sarif',
      TC_ANNOTATIONS: 'true',
    });
    assert.equal(run.status, 0, run.out);
    assert.equal(fs.readFileSync(output, 'utf8').trim(), 'exit-code=1');
    assert.match(run.out, /^::error file=config\/platform\/prometheus\.yml/m);
    assert.equal(
      (JSON.parse(fs.readFileSync(path.join(project, 'action.sarif'), 'utf8')) as { version: string }).version,
      '2.1.0',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
