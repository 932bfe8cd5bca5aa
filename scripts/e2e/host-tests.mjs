// Stage 2: run the in-host mocha suite (dist/test/e2e/index.js) inside code-server's real Node
// extension host. The workbench URL payload carries `extensionDevelopmentPath` (the project root,
// which overrides the installed .vsix) and `extensionTestsPath`; the host `require()`s the suite,
// awaits `run()`, and the workbench reports the exit code through `window.codeAutomationExit`.
// Mocha's console output arrives through `window.codeAutomationLog`.
//
// Env (set by scripts/e2e/run.sh): E2E_CS_URL, E2E_HOST_WORKSPACE, E2E_WORK; optional
// E2E_HOST_TIMEOUT_MS (default 120000) and E2E_HOST_LABEL (suffix of the log and screenshot names,
// e.g. `fr` for the French pass). Exit code: the extension host's (0 = all passed).
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { env, launchBrowser, remoteUri, workbenchUrl } from './browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CS_URL = env('E2E_CS_URL');
const WORKSPACE = env('E2E_HOST_WORKSPACE');
const WORK = env('E2E_WORK');
const TIMEOUT = Number(process.env.E2E_HOST_TIMEOUT_MS || 120_000);
const LABEL = process.env.E2E_HOST_LABEL ? `-${process.env.E2E_HOST_LABEL}` : '';
// Workbench chatter kept out of the output; it still goes to <E2E_WORK>/host-console[-LABEL].log.
const NOISE = [/^Resolving connection token/, /^No extension gallery service configured/, /^Ignoring fetching additional builtin extensions/, /^Resolved connection token/, /^Creating a socket/, /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^ChatSessionStore:/, /^Creation of workbench contribution/];
const consoleLog = createWriteStream(join(WORK, `host-console${LABEL}.log`));

const payload = [
  ['extensionDevelopmentPath', remoteUri(CS_URL, ROOT)],
  ['extensionTestsPath', remoteUri(CS_URL, join(ROOT, 'dist/test/e2e/index'))],
];

const context = await launchBrowser();
let exitCode = 1;
try {
  let settle;
  const exited = new Promise((r) => (settle = r));
  await context.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    let line = format(...(Array.isArray(args) ? args : [args]));
    if (!line.endsWith('\n')) line += '\n';
    consoleLog.write(`[${type}] ${line}`);
    if (NOISE.some((re) => re.test(line))) return;
    (type === 'error' ? process.stderr : process.stdout).write(line);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => process.stderr.write(`host-tests: page error: ${e.message}\n`));
  const started = Date.now();
  await page.goto(workbenchUrl(CS_URL, WORKSPACE, payload));
  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT)));
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    const shot = join(WORK, 'failures', `host-timeout${LABEL}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    process.stderr.write(`host-tests: no exit code from the extension host within ${TIMEOUT} ms (screenshot: ${shot})\n`);
  } else {
    exitCode = result;
    process.stdout.write(`host-tests: extension host exited with ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await context.close().catch(() => {});
  await new Promise((r) => consoleLog.end(r));
}
process.exit(exitCode);
