import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { doc, service, settings } from '../support/service';

const YAML = `# Acme tenant
tenant_id: acme
metadata:
  name: Acme
  tags: [a, b]
environments:
  production:
    enabled: true
    database:
      host: db.acme.example   # primary
      name: acme
isolation:
  strategy: database
`;

const JSON_TEXT = JSON.stringify(
  {
    tenant_id: 'acme',
    metadata: { name: 'Acme', tags: ['a', 'b'] },
    environments: { production: { enabled: true, database: { host: 'db.acme.example', name: 'acme' } } },
    isolation: { strategy: 'database' },
  },
  null,
  2,
);

function names(symbols: DocumentSymbol[] | undefined, depth = 0): string[] {
  return (symbols ?? []).flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...names(s.children, depth + 1)]);
}

test('outline: nested symbols, the same in YAML and JSON', () => {
  const y = names(service().getDocumentSymbols(doc(YAML)));
  const j = names(service().getDocumentSymbols(doc(JSON_TEXT, 'x.tenant.json')));
  assert.deepEqual(y, j);
  assert.ok(y.includes('    database'), y.join('\n'));
});

test('outline of a stream: one symbol per document, named by tenant_id', () => {
  const s = service().getDocumentSymbols(doc('tenant_id: a\n---\ntenant_id: b\n'));
  assert.deepEqual(
    s.map((x) => x.name),
    ['Document 1: a', 'Document 2: b'],
  );
});

test('folding ranges for mappings from their key line, and comment blocks', () => {
  const f = service().getFoldingRanges(doc('# one\n# two\n' + YAML));
  assert.ok(f.some((r) => r.kind === 'comment' && r.startLine === 0 && r.endLine === 2));
  // environments: line 7 (0-based) to the last database line.
  assert.ok(
    f.some((r) => r.startLine === 7 && r.endLine === 12),
    JSON.stringify(f),
  );
});

test('selection ranges grow from the value to the document', () => {
  const d = doc(YAML);
  const [sel] = service().getSelectionRanges(d, [{ line: 9, character: 14 }]);
  const chain: string[] = [];
  for (let s: typeof sel | undefined = sel; s; s = s.parent) chain.push(d.getText(s.range).split('\n')[0]);
  assert.equal(chain[0], 'db.acme.example');
  assert.equal(chain[1], 'host: db.acme.example');
  assert.ok(chain.length >= 6);
});

test('document links to the schema named by a modeline', () => {
  const links = service().getDocumentLinks(doc('# tenant-config: $schema=monitoring\na: 1\n', 'x.yaml'), settings());
  assert.equal(links.length, 1);
  assert.match(links[0].target ?? '', /schemas\/monitoring\.schema\.json$/);
});

async function formatted(text: string, name: string): Promise<string> {
  const d = doc(text, name);
  const edits = await service().format(d, { tabSize: 2, insertSpaces: true });
  return TextDocument.applyEdits(TextDocument.create('file:///f', 'x', 1, text), edits);
}

test('YAML formatting keeps comments and is idempotent', async () => {
  const messy =
    '# head comment\ntenant_id:    acme   # the id\nmetadata:\n    name:   Acme\n    tags: [ a,   b ]\n# tail\n';
  const once = await formatted(messy, 'f.tenant.yaml');
  assert.equal(once, '# head comment\ntenant_id: acme # the id\nmetadata:\n  name: Acme\n  tags: [a, b]\n# tail\n');
  assert.equal(await formatted(once, 'f.tenant.yaml'), once);
});

test('JSON formatting keeps comments and is idempotent', async () => {
  const messy = '{"a":1,\n// keep me\n"b":{"c":[1,2]}}';
  const once = await formatted(messy, 'f.tenant.json');
  assert.match(once, /\/\/ keep me/);
  assert.equal(await formatted(once, 'f.tenant.json'), once);
});

test('range formatting changes only lines inside the range', async () => {
  const text = 'a:    1\nb:    2\nc:    3\n';
  const d = doc(text, 'r.tenant.yaml');
  const edits = await service().format(
    d,
    { tabSize: 2, insertSpaces: true },
    { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
  );
  const out = TextDocument.applyEdits(TextDocument.create('file:///f', 'x', 1, text), edits);
  assert.equal(out, 'a:    1\nb: 2\nc:    3\n');
});

test('formatting an unparseable YAML document offers no edit', async () => {
  const d = doc('a: [1,\nb: "x\n', 'bad.tenant.yaml');
  assert.deepEqual(await service().format(d, { tabSize: 2, insertSpaces: true }), []);
});
