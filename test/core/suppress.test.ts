import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  applySuppressions,
  configFolders,
  defaultDocumentSettings,
  parsePointer,
  readDirectives,
  readProjectConfig,
} from '../../core/src/index';
import { service } from '../support/service';

test('readDirectives: comments only, codes with their offsets, reason, the next line with content', () => {
  const text = [
    'a: 1',
    '# tenant-config-disable-next-line schema.enum,schema.type  --  legacy',
    '',
    '# another comment',
    'b: 2 # tenant-config-disable-file yaml.warning',
    'c: |',
    '  # tenant-config-disable-file schema.required',
    '#tenant-config-disable-next-linex schema.enum',
    '',
  ].join('\n');
  const ds = readDirectives(text);
  assert.deepEqual(
    ds.map((d) => ({ kind: d.kind, codes: d.codes.map((c) => c.code), reason: d.reason, target: d.targetLine })),
    [
      { kind: 'next-line', codes: ['schema.enum', 'schema.type'], reason: 'legacy', target: 4 },
      { kind: 'file', codes: ['yaml.warning'], reason: undefined, target: -1 },
    ],
  );
  assert.equal(text.slice(ds[0].codes[1].offset, ds[0].codes[1].offset + 11), 'schema.type');
  assert.deepEqual(readDirectives('x: "# tenant-config-disable-file schema.enum"\n'), [], 'a # inside a string');
});

test('applySuppressions: by comment and by path; unused and invalid ones reported, unless not checked', () => {
  const text =
    '# tenant-config-disable-file schema.additional-property, schema.type, nonsense\ntenant_id: Not Valid\nstatus: wrong\n';
  const doc = TextDocument.create('file:///w/a.tenant.yaml', 'yaml', 1, text);
  const diagnostics = service().doValidation(doc, defaultDocumentSettings);
  assert.ok(
    diagnostics.some((d) => d.code === 'schema.additional-property'),
    JSON.stringify(diagnostics.map((d) => d.code)),
  );
  const r = applySuppressions(doc, diagnostics, {
    settings: defaultDocumentSettings,
    pathSuppressions: [{ files: ['*'], path: ['tenant_id'], codes: ['schema.pattern'], offset: 0, length: 0 }],
  });
  assert.ok(!r.diagnostics.some((d) => d.code === 'schema.additional-property' || d.code === 'schema.pattern'));
  assert.equal(r.suppressed.length, 2);
  assert.deepEqual(
    r.diagnostics
      .filter((d) => String(d.code).startsWith('suppression.'))
      .map((d) => [d.code, d.range.start.character]),
    [
      ['suppression.unused', 57],
      ['suppression.invalid', 70],
    ],
  );
  assert.deepEqual(
    r.usedPathSuppressions.map((u) => u.code),
    ['schema.pattern'],
  );
  const unchecked = applySuppressions(doc, diagnostics, {
    settings: defaultDocumentSettings,
    isChecked: (code) => code !== 'schema.type',
  });
  assert.ok(!unchecked.diagnostics.some((d) => d.code === 'suppression.unused'));
});

test('readProjectConfig tolerates wrong values; pointers; the folders walked up', () => {
  const c = readProjectConfig(
    'severity: {a.b: loud, c.d: "off"}\nignore: x\nsuppressions:\n  - {files: a.json, path: "/p/0/a~1b", codes: [x.y]}\n  - {files: a.json, path: nope, codes: [x.y]}\n',
  );
  assert.deepEqual(c.severity, { 'c.d': 'off' });
  assert.deepEqual(c.ignore, ['x']);
  assert.deepEqual(
    c.suppressions.map((s) => s.path),
    [['p', '0', 'a/b']],
  );
  assert.ok(c.suppressions[0].offset > 0 && c.suppressions[0].length > 0);
  assert.deepEqual(readProjectConfig('[1, 2').schemas, {});
  assert.deepEqual(parsePointer(''), []);
  assert.equal(parsePointer('a/b'), undefined);
  assert.deepEqual(configFolders('/a/b/c', '/a'), ['/a/b/c', '/a/b', '/a']);
  assert.deepEqual(configFolders('/a'), ['/a', '/']);
});
