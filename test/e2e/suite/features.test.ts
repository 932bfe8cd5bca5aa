// Editing features end to end in the real extension host, through VS Code's own provider commands
// (the same path the editor takes): completion, hover, quick fixes and fix-all.
// Asserts on codes, labels, kinds and document text, never on English message text; expected key
// names and titles are read from the bundled schema (the tenant schema of the current format version).
// Edits land in the workspace copy of broken.tenant.yaml; each test starts from the fixture text (saved).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SOURCE,
  codeOf,
  formatDiagnostics,
  hoverText,
  labelOf,
  openDocument,
  readExtensionJson,
  restoreDocument,
  waitForDiagnostics,
} from './helpers';

const BROKEN = 'broken.tenant.yaml';
const TYPO = 'schema.additional-property';
const ENUM = 'schema.enum';
const FIX_ALL = 'source.fixAll.tenantConfig';

interface SchemaNode {
  title?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  deprecated?: boolean;
  deprecationMessage?: string;
  doNotSuggest?: boolean;
}

const find = (ds: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic | undefined =>
  ds.find((d) => d.source === SOURCE && codeOf(d) === code);

/** Line number of the first line matching `re` (the fixture's layout, without hard-coded numbers). */
function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${String(re)} in ${doc.uri.fsPath}`);
}

/** The keys of the block mapping that `line` belongs to (same indentation, contiguous). */
function siblingKeys(doc: vscode.TextDocument, line: number): string[] {
  const indentOf = (i: number): number => doc.lineAt(i).firstNonWhitespaceCharacterIndex;
  const indent = indentOf(line);
  let first = line;
  while (first > 0 && (doc.lineAt(first - 1).isEmptyOrWhitespace || indentOf(first - 1) >= indent)) first--;
  const keys: string[] = [];
  for (let i = first; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (doc.lineAt(i).isEmptyOrWhitespace) continue;
    if (indentOf(i) < indent) break;
    const m = indentOf(i) === indent ? /^\s*([\w-]+):/.exec(text) : null;
    if (m) keys.push(m[1]);
  }
  return keys;
}

async function insertAt(doc: vscode.TextDocument, position: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, position, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
}

/** The fixture's two problems, on `sslmode` and on `verbose`, for the current text. */
function waitForFixtureDiagnostics(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const on = (ds: readonly vscode.Diagnostic[], code: string, text: string): boolean => {
    const d = find(ds, code);
    return !!d && doc.getText(d.range) === text;
  };
  return waitForDiagnostics(
    doc.uri,
    (ds) => on(ds, TYPO, 'sslmode') && on(ds, ENUM, 'verbose'),
    `${TYPO} on \`sslmode\` and ${ENUM} on \`verbose\``,
  );
}

async function complete(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
  );
  return list.items.map(labelOf);
}

describe('tenant-config editing features (in the extension host)', function () {
  this.timeout(60_000);

  let doc: vscode.TextDocument;
  let original: string;
  /** The `database` mapping of an environment in the tenant schema. */
  let database: SchemaNode;

  before(async () => {
    const catalog = await readExtensionJson<{
      schemas: Array<{ id: string; latestVersion?: string; versions?: Array<{ version: string; file: string }> }>;
    }>('schemas/catalog.json');
    const tenant = catalog.schemas.find((s) => s.id === 'tenant')!;
    const file = tenant.versions!.find((v) => v.version === tenant.latestVersion)!.file;
    const schema = await readExtensionJson<{ definitions: Record<string, SchemaNode> }>(`schemas/${file}`);
    const db = schema.definitions.environment_config?.properties?.database;
    assert.ok(db?.properties, `schemas/${file}: definitions.environment_config.properties.database.properties`);
    database = db;
    doc = await openDocument(BROKEN);
    original = doc.getText();
  });

  // Every test starts from the fixture text and diagnostics computed for it (not ones left over
  // from the previous test's edit: each must sit on the text it names).
  beforeEach(async () => {
    await restoreDocument(doc, original);
    await waitForFixtureDiagnostics(doc);
  });

  it('completion on an empty line of a mapping lists the schema keys not written yet', async () => {
    // A new, empty line in `environments.production.database`, indented like its keys.
    const nameLine = lineOf(doc, /^\s+name: acme_prod\s*$/);
    const indent = /^\s*/.exec(doc.lineAt(nameLine).text)![0];
    await insertAt(doc, doc.lineAt(nameLine).range.end, `\n${indent}`);
    const labels = await complete(doc, new vscode.Position(nameLine + 1, indent.length));

    const props = database.properties!;
    const present = siblingKeys(doc, nameLine);
    const suggestible = Object.keys(props).filter(
      (k) => !props[k].deprecated && props[k].deprecationMessage === undefined && !props[k].doNotSuggest,
    );
    const expected = suggestible.filter((k) => !present.includes(k));
    assert.ok(
      expected.length >= 3,
      `the fixture leaves keys to complete (schema keys ${Object.keys(props).join(', ')}; present ${present.join(', ')})`,
    );
    for (const key of expected)
      assert.ok(labels.includes(key), `completion offers \`${key}\`; got: ${labels.join(', ')}`);
    for (const key of ['host', 'name'])
      assert.ok(
        !labels.includes(key),
        `\`${key}\` is already in the mapping and is not offered again; got: ${labels.join(', ')}`,
      );
  });

  it('completion after `engine: ` lists the allowed values', async () => {
    const nameLine = lineOf(doc, /^\s+name: acme_prod\s*$/);
    const indent = /^\s*/.exec(doc.lineAt(nameLine).text)![0];
    await insertAt(doc, doc.lineAt(nameLine).range.end, `\n${indent}engine: `);
    const line = doc.lineAt(nameLine + 1);
    const labels = await complete(doc, line.range.end);
    const allowed = (database.properties!.engine?.enum ?? []).map(String);
    assert.ok(allowed.length >= 2, 'the schema gives `engine` an enum');
    for (const value of allowed)
      assert.ok(labels.includes(value), `completion offers \`${value}\`; got: ${labels.join(', ')}`);
    // Values only: no key of the mapping is offered in value position.
    assert.ok(!labels.includes('host'), `no keys in value position; got: ${labels.join(', ')}`);
  });

  it('hover on a key shows its schema title', async () => {
    const nameLine = lineOf(doc, /^\s+name: acme_prod\s*$/);
    const title = database.properties!.name?.title;
    assert.ok(title, 'the schema gives the database `name` key a title');
    const character = doc.lineAt(nameLine).firstNonWhitespaceCharacterIndex + 1; // inside `name`
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(nameLine, character),
    );
    const text = hoverText(hovers);
    assert.ok(text.includes(title), `the hover contains the title "${title}"; got: ${text}`);
    // The hover names the key's type (from the schema), formatted as markdown.
    assert.ok(
      hovers.some((h) => h.contents.some((c) => c instanceof vscode.MarkdownString)),
      'markdown hover',
    );
  });

  it('the quick fix for the typo renames the key and the diagnostic goes away', async () => {
    const typo = find(vscode.languages.getDiagnostics(doc.uri), TYPO)!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      typo.range,
    );
    const fixes = actions.filter(
      (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
    );
    const wrongKey = doc.getText(typo.range);
    // The fix renames the key to the closest allowed one: an edit on the typo's range whose new text is a schema key.
    const rename = fixes.find((a) =>
      a.edit
        ?.get(doc.uri)
        .some((e) => e.range.intersection(typo.range) && Object.keys(database.properties!).includes(e.newText.trim())),
    );
    assert.ok(
      rename,
      `a quick fix renames \`${wrongKey}\`; got: ${fixes.map((f) => f.kind?.value).join(', ') || '(none)'}`,
    );
    assert.ok(rename.isPreferred, 'the rename is the preferred fix');
    const newKey = rename.edit!.get(doc.uri)[0].newText.trim();

    assert.ok(await vscode.workspace.applyEdit(rename.edit!), 'the fix was applied');
    const line = doc.lineAt(typo.range.start.line).text;
    assert.match(line, new RegExp(`^\\s+${newKey}: verify-full$`), `line ${typo.range.start.line + 1} after the fix`);
    const ds = await waitForDiagnostics(doc.uri, (all) => !find(all, TYPO), `${TYPO} to disappear after the fix`);
    assert.ok(find(ds, ENUM), `the other problem stays: ${formatDiagnostics(ds)}`);
  });

  it(`fix-all (${FIX_ALL}) applies the safe fixes, not a guessed key`, async () => {
    // A safe problem next to the fixture's guesses: `enabled: yes` is written `true` for YAML 1.2.
    const enabledLine = lineOf(doc, /^\s+enabled: true\s*$/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(enabledLine).range, doc.lineAt(enabledLine).text.replace('true', 'yes'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(doc.uri, (all) => !!find(all, 'yaml.ambiguous-scalar'), 'yaml.ambiguous-scalar on `yes`');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL,
    );
    const fixAll = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === FIX_ALL);
    assert.ok(
      fixAll?.edit,
      `a ${FIX_ALL} action; got: ${actions.map((a) => ('kind' in a ? a.kind?.value : a.command)).join(', ') || '(none)'}`,
    );
    const before = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'fix-all was applied');
    const ds = await waitForDiagnostics(
      doc.uri,
      (all) => !find(all, 'yaml.ambiguous-scalar'),
      'yaml.ambiguous-scalar fixed by fix-all',
    );
    assert.match(doc.lineAt(enabledLine).text, /^\s+enabled: true$/);
    // The closest allowed key and value are guesses: offered as quick fixes, left by fix-all.
    assert.ok(find(ds, TYPO) && find(ds, ENUM), `the guesses are left: ${formatDiagnostics(ds)}`);
    const codesBefore = new Set(before.map(codeOf));
    const added = ds.filter((d) => d.source === SOURCE && !codesBefore.has(codeOf(d)));
    assert.equal(added.length, 0, `fix-all adds no new kind of problem: ${formatDiagnostics(added)}`);
  });

  after(async () => {
    if (!doc) return;
    await restoreDocument(doc, original);
    await waitForFixtureDiagnostics(doc); // back to the fixture's two problems for whatever runs next
  });
});
