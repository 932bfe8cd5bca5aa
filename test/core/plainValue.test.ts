import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../core/src/document/parseText';
import { plainValue } from '../../core/src/document/ast';

const rootOf = (text: string, format: 'yaml' | 'json' = 'yaml') => parseText(text, format).parts[0]!.root;

test('plainValue: a __proto__ key is an own property, not the prototype', () => {
  for (const [text, format] of [
    ['__proto__:\n  polluted: true\nname: x\n', 'yaml'],
    ['{"__proto__": {"polluted": true}, "name": "x"}', 'json'],
  ] as const) {
    const v = plainValue(rootOf(text, format)) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__', 'name']);
    assert.equal(JSON.stringify(v), '{"__proto__":{"polluted":true},"name":"x"}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }
});

test('plainValue: aliases followed, the last of duplicated keys, depth bounded', () => {
  assert.deepEqual(plainValue(rootOf('a: &x [1, {b: null}]\nc: *x\nd: 1\nd: 2\n')), {
    a: [1, { b: null }],
    c: [1, { b: null }],
    d: 2,
  });
  const deep = '['.repeat(70) + ']'.repeat(70);
  const v = plainValue(rootOf(deep, 'json'));
  let depth = 0;
  for (let cur: unknown = v; Array.isArray(cur) && cur.length; cur = cur[0]) depth++;
  assert.ok(depth > 60 && depth < 70, `cut at depth ${depth}`);
});
