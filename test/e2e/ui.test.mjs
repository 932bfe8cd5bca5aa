// Stage 1: the installed .vsix in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3),
// driven through the DOM by playwright-core + Debian chromium. Started by scripts/e2e/run.sh, which
// sets E2E_CS_URL (the server), E2E_UI_WORKSPACE (the folder code-server serves) and E2E_WORK
// (scratch dir for failure screenshots). Screenshots meant for the README go to docs/images/.
//
// Adding a test: `uiTest('name', async () => { ... })`. The helpers below (openFile,
// waitForSquiggle, openProblems, runCommand, screenshot) share one page for the whole file: each
// page load costs a new extension host and language server.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { env, launchBrowser, workbenchUrl } from '../../scripts/e2e/browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CS_URL = env('E2E_CS_URL');
const WORKSPACE = env('E2E_UI_WORKSPACE');
const WORK = env('E2E_WORK');
const IMAGES = process.env.E2E_IMAGES_DIR || join(ROOT, 'docs/images');
const FAILURES = join(WORK, 'failures');
const T0 = Date.now();
/** E2E_TRACE=1 prints timed steps to stderr. */
const trace = (msg) => process.env.E2E_TRACE && process.stderr.write(`  [ui ${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);

/** What the fixture test/e2e/workspace/broken.tenant.yaml yields (`node dist/cli.js lint` agrees). */
const BROKEN = 'broken.tenant.yaml';
const TYPO_CODE = 'schema.additional-property';
const SOURCE = 'tenant-config';

/** @type {import('playwright-core').BrowserContext} */
let context;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  context = await launchBrowser();
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  trace('browser launched');
  await page.goto(workbenchUrl(CS_URL, WORKSPACE));
  trace('page loaded');
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  trace('workbench visible');
  // The explorer lists the workspace once the remote connection and file service are up.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  trace('explorer lists the workspace');
});

after(async () => {
  await context?.close();
});

// ---- helpers --------------------------------------------------------------------------------

/** A test that leaves `<E2E_WORK>/failures/<name>.png` behind when it fails. */
function uiTest(name, fn) {
  test(name, async (t) => {
    try {
      await fn(t);
    } catch (err) {
      await screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, FAILURES).catch(() => {});
      throw err;
    }
  });
}

/** Save a full-window screenshot as `<dir>/<name>.png`. */
async function screenshot(name, dir = IMAGES) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The editor group's active tab, e.g. for `broken.tenant.yaml`. */
function activeTab(fileName) {
  return page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`);
}

/** Open a workspace file by its relative path through Quick Open (Ctrl+P) and wait for its editor. */
async function openFile(relativePath) {
  const fileName = relativePath.split('/').pop();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  if (await activeTab(fileName).isVisible()) return editor; // already the active editor
  trace(`openFile ${relativePath}`);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  // Wait for the file to be listed before accepting, else Enter may act on an empty list.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible' });
  trace('quick open lists it');
  await page.keyboard.press('Enter');
  await activeTab(fileName).waitFor({ state: 'visible' });
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  trace(`editor shows ${fileName}`);
  return editor;
}

/** Run a command through the command palette (F1), by its title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Wait for the first squiggle of the given severity (`error`, `warning`, `info`) in an editor. */
async function waitForSquiggle(editor, severity = 'error', timeout = 30_000) {
  const squiggle = editor.locator(`.squiggly-${severity}`).first();
  await squiggle.waitFor({ state: 'visible', timeout });
  trace(`${severity} squiggle visible`);
  return squiggle;
}

/** Open the Problems panel (Ctrl+Shift+M) and return the locator of its rows. */
async function openProblems() {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  return panel.locator('.monaco-list-row');
}

const text = (s) => s.replace(/\u00a0/g, ' ');

// ---- tests ----------------------------------------------------------------------------------

uiTest('a broken tenant file gets error squiggles', async () => {
  const editor = await openFile(BROKEN);
  await waitForSquiggle(editor, 'error');
  // Two mistakes in the fixture, two error squiggles (typo'd key, bad enum value).
  await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error').length >= 2);
  // Go to the first problem (F8): the inline marker widget shows the message with source and code.
  await editor.click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F8');
  const marker = page.locator('.marker-widget').first();
  await marker.waitFor({ state: 'visible' });
  await page.mouse.move(150, 600); // park the mouse on the empty explorer: no stray hover in the picture
  const markerText = text(await marker.innerText());
  // Rendered as `source(code)`; the parentheses are CSS when the code is a link to its documentation.
  assert.ok(markerText.includes(TYPO_CODE), markerText);
  assert.ok(markerText.includes(SOURCE), markerText);
  await screenshot('diagnostics');
  await page.keyboard.press('Escape');
  await marker.waitFor({ state: 'hidden' });
});

uiTest('the Problems panel lists the diagnostic code', async () => {
  await waitForSquiggle(await openFile(BROKEN), 'error');
  const rows = await openProblems();
  const row = rows.filter({ hasText: TYPO_CODE }).first();
  await row.waitFor({ state: 'visible' });
  const rowText = text(await row.innerText());
  assert.ok(rowText.includes(TYPO_CODE), rowText);
  assert.ok(rowText.includes(SOURCE), rowText);
  // The second mistake of the fixture is listed as well.
  await rows.filter({ hasText: 'schema.enum' }).first().waitFor({ state: 'visible' });
  await screenshot('problems');
});

// Completion, hover, quick fix and status bar item tests go here once the server supports them,
// e.g. `uiTest('completion offers ssl_mode values', async () => { const editor = await openFile(BROKEN); ... })`.
