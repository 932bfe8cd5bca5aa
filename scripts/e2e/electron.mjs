// The in-host suite (test/e2e/suite -> dist/test/e2e) in desktop VS Code via @vscode/test-electron,
// for developer machines. The same `run()` as stage 2 of scripts/e2e/run.sh (code-server).
//
// NEEDS INTERNET: runTests() downloads VS Code (E2E_VSCODE_VERSION, default 1.100.3 = the
// code-server build used by run.sh; "stable" for the latest) from update.code.visualstudio.com
// into .tools/vscode-test/ (git-ignored) on first use. Not part of CI, which is offline.
// On a Linux machine without a display, wrap it in xvfb: `xvfb-run -a node scripts/e2e/electron.mjs`.
//
//   npm run build && node scripts/bundle-e2e.mjs && node scripts/e2e/electron.mjs
//
// Env: E2E_VSCODE_VERSION, E2E_GREP (filter by test title), E2E_KEEP=1 (keep the temp workspace).
// Exit status: VS Code's (0 = all passed). Last line: `e2e (electron): N passed, N failed`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suite = join(ROOT, 'dist/test/e2e/index.js');
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!existsSync(join(ROOT, f))) {
    console.error(`e2e (electron): ${f} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}
if (!existsSync(suite)) {
  console.error('e2e (electron): dist/test/e2e/index.js is missing: run `node scripts/bundle-e2e.mjs` first');
  process.exit(1);
}

// A fresh copy of the fixture workspace: the settings tests write .vscode/settings.json into it.
const work = mkdtempSync(join(tmpdir(), 'tenant-config-e2e-electron-'));
const workspace = join(work, 'platform-config');
cpSync(join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
const resultsFile = join(work, 'results.json');

let code = 1;
try {
  code = await runTests({
    version: process.env.E2E_VSCODE_VERSION || '1.100.3',
    cachePath: join(ROOT, '.tools/vscode-test'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    extensionTestsEnv: { E2E_RESULTS_FILE: resultsFile, E2E_GREP: process.env.E2E_GREP },
    // runTests adds --no-sandbox, --disable-workspace-trust, --skip-welcome and its own
    // --user-data-dir/--extensions-dir under cachePath. --disable-extensions keeps other installed
    // extensions out (built-in ones such as the YAML language stay enabled).
    launchArgs: [workspace, '--disable-extensions', '--disable-telemetry'],
  });
} catch (e) {
  console.error(`e2e (electron): ${e instanceof Error ? e.message : String(e)}`);
  code = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
}

let passed = 0;
let failed = code === 0 ? 0 : 1;
if (existsSync(resultsFile)) {
  ({ passed, failed } = JSON.parse(readFileSync(resultsFile, 'utf8')));
  if (code !== 0 && failed === 0) failed = 1;
}
if (process.env.E2E_KEEP === '1') console.log(`e2e (electron): kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`e2e (electron): ${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
