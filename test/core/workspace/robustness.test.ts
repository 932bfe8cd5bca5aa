import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleFiles, kindOf, uri, Ws } from './helpers';

test('half-typed documents: every prefix of every example indexes without throwing, ranges stay in the text', () => {
  const files = exampleFiles();
  const ws = new Ws(files);
  for (const [name, text] of Object.entries(files)) {
    const step = Math.max(1, Math.floor(text.length / 12));
    for (let cut = 0; cut <= text.length; cut += step) {
      const part = text.slice(0, cut);
      ws.set(name, part);
      for (const p of ws.index.problemsFor(uri(name))) {
        assert.ok(
          p.offset >= 0 && p.offset + p.length <= part.length,
          `${name} cut ${cut}: ${p.code} at ${p.offset}+${p.length}`,
        );
        assert.equal(typeof p.message, 'string');
      }
      ws.index.completionNames(uri(name), Math.floor(cut / 2));
      ws.index.references(uri(name), Math.floor(cut / 2), true);
      ws.index.rename(uri(name), Math.floor(cut / 2), 'x');
    }
    ws.set(name, text);
  }
});

test('garbage and wrong shapes never throw', () => {
  const ws = new Ws();
  const junk = [
    '',
    '---\n---\n',
    '[1, 2',
    '{ "receivers": 5 }',
    'receivers: [1, null, {name: [a]}, {name: {x: 1}}]\nroute: { routes: [[], {routes: 7}] }',
    'templates: [a]\ndefines: 3',
    'locales: { en: { messages: [1] } }\nfallback: { en: [1, null] }',
    'roles: [{ name: a, inherits: a }, { inherits: [null] }]',
    '*alias\n',
    'a: &x [*x]\n',
    '\u0000\u0001',
  ];
  for (const [i, text] of junk.entries()) {
    for (const kind of [
      'monitoring',
      'alertmanager',
      'alert-templates',
      'localization',
      'access-control',
      'tenant',
      'nonsense',
      undefined,
    ]) {
      const name = `j/${i}.${kind ?? 'x'}.yaml`;
      ws.set(name, text, kind);
      ws.index.problemsFor(uri(name));
      ws.index.dependents(uri(name));
      for (let o = 0; o <= text.length; o++) ws.index.definition(uri(name), o);
    }
  }
  assert.deepEqual(ws.index.update('x', 'tenant', null as never), []);
  assert.equal(kindOf('x.tenant.yaml'), 'tenant');
});
