// Entry point of the in-host suite: the extension host `require()`s this module (bundled to
// dist/test/e2e/index.js) and awaits `run()`. Used the same way by code-server (stage 2 of
// scripts/e2e/run.sh, through the workbench URL payload `extensionTestsPath`) and by
// @vscode/test-electron (scripts/e2e/electron.mjs).
//
// Environment: E2E_RESULTS_FILE (optional) receives `{"passed":N,"failed":N}`;
// E2E_GREP (optional) runs only the tests whose full title matches; E2E_FILES (optional, a regexp)
// picks the suite files by name. Without it every `*.test.js` runs except `locale-*.test.js`, which
// need a VS Code started in another display language (stage 3 of scripts/e2e/run.sh sets
// E2E_FILES='^locale-fr\.test\.js$' for a code-server started with `--locale fr`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // stack traces point at test/e2e/suite/*.ts (inline source maps)
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, slow: 5_000 });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  const only = process.env.E2E_FILES ? new RegExp(process.env.E2E_FILES) : undefined;
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && (only ? only.test(f) : !f.startsWith('locale-')))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const finish = (error?: Error): void => {
      const summary = { passed, failed: error && failed === 0 ? 1 : failed };
      console.log(`e2e-host: ${summary.passed} passed, ${summary.failed} failed`);
      const out = process.env.E2E_RESULTS_FILE;
      if (out) {
        try {
          fs.writeFileSync(out, JSON.stringify(summary) + '\n');
        } catch (e) {
          console.error(`e2e-host: cannot write ${out}: ${String(e)}`);
        }
      }
      if (error) reject(error);
      else if (summary.failed > 0) reject(new Error(`${summary.failed} test(s) failed`));
      else resolve();
    };
    if (files.length === 0) {
      finish(new Error(`no *.test.js files${only ? ` matching ${String(only)}` : ''} next to ${__filename}`));
      return;
    }
    try {
      const runner = mocha.run(() => finish());
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++); // failing hooks count as failures too
    } catch (e) {
      finish(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
