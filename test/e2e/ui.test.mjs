// Stage 1: the installed .vsix in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3),
// driven through the DOM by playwright-core + Debian chromium. Started by scripts/e2e/run.sh, which
// sets E2E_CS_URL (the server), E2E_UI_WORKSPACE (the folder code-server serves) and E2E_WORK
// (scratch dir for failure screenshots). Screenshots meant for the README go to docs/images/.
//
// Tests: squiggles and Problems rows by code, Ctrl+Space, hover, light-bulb quick fix, language
// status item, New Config File… from a template; each writes one README picture. Expected labels,
// titles and texts come from the extension's files (schema, catalog, package.nls.json, templates)
// and the fixture, never from English UI or message text.
//
// Adding a test: `uiTest('name', async () => { ... })`. The helpers below (openFile, gotoLine,
// waitForSquiggle, openProblems, closePanel, runCommand, editorView/waitForView, screenshot) share
// one page for the whole file: each page load costs a new extension host and language server.
// A test that edits broken.tenant.yaml undoes the edit and waits for the fixture again (waitForFixture).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
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
const ENUM_CODE = 'schema.enum';
const SOURCE = 'tenant-config';
/** The fixture as on disk (each test that edits it puts it back: undo, then compare). */
const BROKEN_TEXT = readFileSync(join(ROOT, 'test/e2e/workspace', BROKEN), 'utf8');

/** Expectations come from the extension's own files, not from English UI text. */
const readJson = (relativePath) => JSON.parse(readFileSync(join(ROOT, relativePath), 'utf8'));
const KIND = readJson('schemas/catalog.json').schemas.find((s) => s.id === 'tenant');
/** The tenant schema of the current format version (schemas/tenant.v<N>.schema.json). */
const TENANT_SCHEMA = readJson(`schemas/${KIND.versions.find((v) => v.version === KIND.latestVersion).file}`);
/** `environments.<name>.database` in the tenant schema. */
const DATABASE = TENANT_SCHEMA.definitions.environment_config.properties.database;
const NLS = readJson('package.nls.json');
const KIND_TENANT = readJson('schemas/catalog.json').schemas.find((s) => s.id === 'tenant');
const TENANT_TEMPLATE = readFileSync(join(ROOT, 'templates/tenant.yaml'), 'utf8');

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

/**
 * What an editor shows: a Map from 1-based line number to that line's text, for the rendered lines
 * (the workbench keeps no global `monaco` to ask for the model). Line numbers and `.view-line`s are
 * paired by their vertical position.
 */
async function editorView(editor) {
  const rows = await editor.evaluate((el) => {
    const top = (e) => Math.round(parseFloat(e.style.top));
    const numbers = new Map();
    for (const n of el.querySelectorAll('.margin-view-overlays .line-numbers')) numbers.set(top(n.parentElement), Number(n.textContent));
    return [...el.querySelectorAll('.view-lines > .view-line')].map((l) => [numbers.get(top(l)), l.textContent.replace(/\u00a0/g, ' ')]);
  });
  return new Map(rows.filter(([n]) => Number.isInteger(n)));
}

/** Wait until `predicate(view)` holds for `editorView(editor)` (checked on animation frames, with a deadline). */
async function waitForView(editor, predicate, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const view = await editorView(editor);
    if (view.size > 0 && predicate(view)) return view;
    if (Date.now() > deadline) {
      const shown = [...view].sort((a, b) => a[0] - b[0]).map(([n, t]) => `${String(n).padStart(3)}| ${t}`).join('\n');
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; the editor shows:\n${shown}`);
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

/** Lines of a text (a final newline gives a last, empty line, as in the editor). */
const linesOf = (s) => s.split('\n');

/** Every rendered line is the line of `expected` with the same number (and none lies beyond its end). */
const shows = (view, expected) => {
  const lines = linesOf(expected);
  return [...view].every(([n, t]) => n <= lines.length && t.trimEnd() === lines[n - 1].trimEnd());
};

/** Wait until the editor shows the fixture text again, with its two error squiggles. */
async function waitForFixture(editor) {
  await waitForView(editor, (view) => shows(view, BROKEN_TEXT), `${BROKEN} as on disk`);
  await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error').length === 2);
}

/** 1-based line number of the first line of `source` matching `re`. */
function lineNumber(source, re) {
  const i = linesOf(source).findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

/** Put the cursor at a 1-based line and column through Go to Line (Ctrl+G). */
async function gotoLine(line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Wait until an element stops moving and resizing (3 animation frames alike; gives up after `timeout`). */
async function settled(locator, timeout = 3_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  let same = 0;
  while (same < 3 && Date.now() < deadline) {
    const box = JSON.stringify(await locator.boundingBox());
    same = box === last ? same + 1 : 0;
    last = box;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

/** Squiggles of every severity in the active editor. */
const squiggleCount = () => page.locator('.editor-group-container.active .monaco-editor [class*="squiggly-"]').count();

/** Close the bottom panel if it is open (more room for the editor in the pictures). */
async function closePanel() {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden' });
  }
}

/** Keys of the database mapping the schema would suggest that the fixture does not have yet. */
function missingDatabaseKeys() {
  const start = lineNumber(BROKEN_TEXT, /^\s+database:\s*$/);
  const lines = linesOf(BROKEN_TEXT);
  const indent = /^\s*/.exec(lines[start])[0].length; // first key line under `database:`
  const present = [];
  for (let i = start; i < lines.length; i++) {
    const ind = /^\s*/.exec(lines[i])[0].length;
    if (lines[i].trim() && ind < indent) break;
    const m = ind === indent && /^\s*([\w-]+):/.exec(lines[i]);
    if (m) present.push(m[1]);
  }
  const props = DATABASE.properties;
  return Object.keys(props).filter((k) => !present.includes(k) && !props[k].deprecationMessage && !props[k].deprecated && !props[k].doNotSuggest);
}

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

uiTest('Ctrl+Space on an empty line of a mapping lists the schema keys', async () => {
  const editor = await openFile(BROKEN);
  await closePanel();
  await waitForFixture(editor);
  const expected = missingDatabaseKeys();
  assert.ok(expected.length >= 3, `the fixture leaves keys to complete: ${expected.join(', ')}`);
  // A new line after `name: acme_prod` in environments.production.database (Enter keeps the indentation).
  const line = lineNumber(BROKEN_TEXT, /^\s+name: acme_prod\s*$/);
  await gotoLine(line);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const original = linesOf(BROKEN_TEXT);
  await waitForView(editor, (v) => /^\s+$/.test(v.get(line + 1) ?? '') && v.get(line + 2) === original[line], 'a new indented empty line');
  await page.keyboard.press('Control+Space');
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.waitFor({ state: 'visible' });
  const labels = widget.locator('.monaco-list-row .label-name');
  await page.waitForFunction(
    (keys) => {
      const shown = [...document.querySelectorAll('.editor-widget.suggest-widget.visible .monaco-list-row .label-name')].map((e) => e.textContent.trim());
      return keys.every((k) => shown.includes(k));
    },
    expected,
    { timeout: 15_000 },
  ).catch(async (e) => {
    throw new Error(`suggest widget labels ${JSON.stringify(await labels.allInnerTexts())}, expected all of ${JSON.stringify(expected)}: ${e.message}`);
  });
  const shown = (await labels.allInnerTexts()).map((l) => l.trim());
  for (const key of ['host', 'name']) assert.ok(!shown.includes(key), `\`${key}\` is already in the mapping: ${shown.join(', ')}`);
  // Ctrl+Space again shows the documentation of the focused item beside the list (for the picture).
  await page.keyboard.press('Control+Space');
  const details = page.locator('.suggest-details-container .suggest-details').first();
  if (await details.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    // The pane is first laid out before its markdown is rendered (clipped); focusing the item again sizes it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await details
      .evaluate((el) => {
        const fits = () => {
          const body = el.querySelector('.body');
          return !!body && body.getBoundingClientRect().height <= body.parentElement.getBoundingClientRect().height + 1;
        };
        return new Promise((resolve) => {
          const deadline = Date.now() + 3_000;
          const check = () => (fits() || Date.now() > deadline ? resolve(fits()) : requestAnimationFrame(check));
          check();
        });
      })
      .then((fits) => fits || trace('details pane still clipped'));
    await settled(details);
  } else trace('no details pane');
  await screenshot('completion');
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+Z');
  await waitForFixture(editor);
});

uiTest('hovering a key shows its title from the schema', async () => {
  const editor = await openFile(BROKEN);
  await waitForFixture(editor);
  const title = DATABASE.properties.name.title;
  assert.ok(title, 'the schema gives the database `name` a title');
  const line = lineNumber(BROKEN_TEXT, /^\s+name: acme_prod\s*$/);
  // The key `name` on that line: its rendered box, from the DOM.
  const box = await editor.evaluate((el, { line, text }) => {
    const top = (e) => Math.round(parseFloat(e.style.top));
    const number = [...el.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => Number(n.textContent) === line);
    const row = number && [...el.querySelectorAll('.view-lines > .view-line')].find((l) => top(l) === top(number.parentElement));
    const span = row && [...row.querySelectorAll('span span')].find((s) => s.textContent === text);
    const r = span?.getBoundingClientRect();
    return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, { line, text: 'name' });
  assert.ok(box, `the key \`name\` is rendered on line ${line}`);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: title }).first();
  await page.mouse.move(box.x - 30, box.y);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  try {
    await hover.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    trace('no mouse hover; keyboard Ctrl+K Ctrl+I');
    const indent = /^\s*/.exec(linesOf(BROKEN_TEXT)[line - 1])[0].length;
    await gotoLine(line, indent + 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ state: 'visible' });
  }
  const hoverText = text(await hover.innerText());
  assert.ok(hoverText.includes(title), hoverText);
  await screenshot('hover');
  await page.mouse.move(150, 600);
  await page.keyboard.press('Escape');
});

uiTest('the light bulb quick fix renames the misspelt key', async () => {
  const editor = await openFile(BROKEN);
  await waitForFixture(editor);
  const line = lineNumber(BROKEN_TEXT, /^\s+sslmode:/);
  const indent = /^\s*/.exec(linesOf(BROKEN_TEXT)[line - 1])[0].length;
  const wrong = /^\s*([\w-]+):/.exec(linesOf(BROKEN_TEXT)[line - 1])[1];
  // The fix's new key: the one schema key the typo is closest to (`ssl_mode`), checked to exist.
  const right = 'ssl_mode';
  assert.ok(DATABASE.properties[right], `\`${right}\` is a database key of the schema`);
  await gotoLine(line, indent + 2);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible' });
  const fix = menu.locator('.monaco-list-row', { hasText: right }).first();
  await fix.waitFor({ state: 'visible' });
  await page.mouse.move(150, 600);
  await screenshot('quickfix');
  await fix.click();
  await menu.waitFor({ state: 'hidden' });
  const view = await waitForView(editor, (v) => !!v.get(line)?.trim().startsWith(`${right}:`), `\`${wrong}\` renamed to \`${right}\``);
  assert.equal(view.get(line), linesOf(BROKEN_TEXT)[line - 1].replace(wrong, right), 'only the key changed');
  // Its squiggle goes away, the other problem's stays; the Problems panel agrees, by code.
  await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error').length === 1);
  const rows = await openProblems();
  await rows.filter({ hasText: TYPO_CODE }).first().waitFor({ state: 'detached' });
  await rows.filter({ hasText: ENUM_CODE }).first().waitFor({ state: 'visible' });
  await closePanel();
  await editor.click({ position: { x: 200, y: 10 } }); // focus back in the editor for the undo
  await page.keyboard.press('Control+Z');
  await waitForFixture(editor);
});

uiTest('the language status item names the schema', async () => {
  const editor = await openFile(BROKEN);
  await editor.click({ position: { x: 200, y: 10 } });
  const title = KIND_TENANT.title; // "Tenant configuration", also the schema's own title
  assert.equal(title, TENANT_SCHEMA.title);
  // The `{ }` item next to the language mode in the status bar; its hover lists the language status items.
  const item = page.locator('.statusbar-item[id="status.languageStatus"]');
  await item.waitFor({ state: 'visible' });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: title }).first();
  // The item's text comes from the server's answer (tenantConfig/schemaInfo): hover until it is there.
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.mouse.move(150, 600);
    await item.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no language status hover naming "${title}": ${e.message}`);
    }
  }
  const hoverText = text(await hover.innerText());
  assert.ok(hoverText.includes(title), hoverText);
  await screenshot('status');
  await page.mouse.move(150, 600);
});

uiTest('New Config File from a template opens a clean untitled tenant file', async () => {
  await runCommand(`${NLS['command.category']}: ${NLS['command.newFile'].replace(/…$/, '')}`);
  // The quick pick of kinds: pick the tenant kind (its description is the kind id).
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-description', { hasText: /^tenant$/ }) }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  const tab = page.locator('.tabs-container .tab.active[data-resource-name^="Untitled-"]');
  await tab.waitFor({ state: 'visible' });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await waitForView(editor, (v) => v.has(1) && shows(v, TENANT_TEMPLATE), 'the tenant template in the untitled editor');
  // Validation is live (a stray key gets a squiggle) and the template itself is clean (it goes away).
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('stray_key: 1');
  await waitForSquiggle(editor, 'error');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  const last = linesOf(TENANT_TEMPLATE).length;
  await waitForView(editor, (v) => v.has(last) && shows(v, TENANT_TEMPLATE), 'the template again, up to its last line');
  await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .monaco-editor [class*="squiggly-"]').length === 0, null, { timeout: 20_000 });
  // The Problems panel lists no problem of ours beyond the fixture's two (when broken.tenant.yaml is open).
  const fixtureOpen = (await page.locator(`.tabs-container .tab[data-resource-name="${BROKEN}"]`).count()) > 0;
  const rows = await openProblems();
  if (fixtureOpen) await rows.filter({ hasText: TYPO_CODE }).first().waitFor({ state: 'visible' });
  assert.equal(await rows.filter({ hasText: SOURCE }).count(), fixtureOpen ? 2 : 0, `no problem listed for the untitled file`);
  assert.equal(await squiggleCount(), 0);
  await closePanel();
  await page.keyboard.press('Control+Home');
  await waitForView(editor, (v) => v.has(1), 'the top of the file');
  await page.mouse.move(150, 600);
  await screenshot('new-file');
});
