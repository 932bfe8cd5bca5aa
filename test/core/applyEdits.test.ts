import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../core/src/features/fixes/edits';

test('applyOffsetEdits: edits in any order apply at their offsets; the text between them is kept', () => {
  const text = 'alpha: 1\nbeta: 2\ngamma: 3\n';
  const edits = [
    { offset: text.indexOf('3'), length: 1, text: '30' },
    { offset: 0, length: 5, text: 'ALPHA' },
    { offset: text.indexOf('beta'), length: 'beta: 2\n'.length, text: '' },
  ];
  assert.equal(applyOffsetEdits(text, edits), 'ALPHA: 1\ngamma: 30\n');
  assert.equal(applyOffsetEdits(text, []), text);
});

test('applyOffsetEdits: inserts at one offset keep their given order, and an insert before a deletion there survives it', () => {
  assert.equal(
    applyOffsetEdits('ab', [
      { offset: 1, length: 0, text: 'X' },
      { offset: 1, length: 0, text: 'Y' },
    ]),
    'aXYb',
  );
  assert.equal(
    applyOffsetEdits('a-old-b', [
      { offset: 1, length: 0, text: '+new' },
      { offset: 1, length: 5, text: '' },
    ]),
    'a+newb',
  );
});

test('applyOffsetEdits: a thousand edits over a large text give what applying them one by one gives', () => {
  const text = 'key: value # comment\r\n'.repeat(20_000);
  const edits = Array.from({ length: 1000 }, (_, i) => ({ offset: i * 400 + 5, length: 5, text: `v${i}` }));
  let oneByOne = text;
  for (const e of [...edits].reverse())
    oneByOne = oneByOne.slice(0, e.offset) + e.text + oneByOne.slice(e.offset + e.length);
  assert.equal(applyOffsetEdits(text, edits), oneByOne);
});
