// Structure of documents over the size limit, from a scan of their lines: top-level keys (YAML
// streams and JSON) and folding by indentation, ranges that hold their selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { largeDocumentProblem, largeFolding, largeSymbols } from '../../core/src/features/largeDocument';

const yamlDoc = (text: string): TextDocument => TextDocument.create('file:///big.yaml', 'tenant-yaml', 1, text);

test('YAML: the unindented keys of every document of a stream, quoted keys unquoted; comments and items skipped', () => {
  const text = '# head\ntenant_id: a\n"quoted key": 1\nlist:\n  - x\n- item\n---\ntenant_id: b\nenv:\n  a: 1\n\n';
  const symbols = largeSymbols(yamlDoc(text), 'yaml');
  assert.deepEqual(
    symbols.map((s) => [s.name, s.range.start.line, s.range.end.line]),
    [
      ['tenant_id', 1, 1],
      ['quoted key', 2, 2],
      ['list', 3, 6],
      ['tenant_id', 7, 7],
      ['env', 8, 9],
    ],
  );
  for (const s of symbols) {
    assert.ok(s.range.end.line > s.selectionRange.end.line || s.range.end.character >= s.selectionRange.end.character);
  }
});

test('JSON: the keys of the least indented lines that hold one', () => {
  const text = '{\n  "title": "x",\n  "panels": [\n    {\n      "id": 1\n    }\n  ],\n  "uid": "u"\n}\n';
  const d = TextDocument.create('file:///big.json', 'tenant-json', 1, text);
  const symbols = largeSymbols(d, 'json');
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['title', 'panels', 'uid'],
  );
  assert.deepEqual(symbols[1].selectionRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } });
  assert.deepEqual(
    largeFolding(d).map((f) => [f.startLine, f.endLine]),
    [
      [0, 7],
      [2, 5],
      [3, 4],
    ],
  );
});

test('folding by indentation skips blank and comment lines, and the problem names size and limit', () => {
  const text = 'a:\n  b: 1\n\n  # note\n  c:\n    d: 2\ne: 3\n';
  assert.deepEqual(
    largeFolding(yamlDoc(text)).map((f) => [f.startLine, f.endLine]),
    [
      [0, 5],
      [4, 5],
    ],
  );
  const p = largeDocumentProblem('x'.repeat(2_500_000), 2_000_000);
  assert.equal(p.code, 'document.too-large');
  assert.deepEqual(p.data, { size: 2_500_000, limit: 2_000_000 });
  assert.match(p.message, /2\.5 MB.*2 MB/);
});
