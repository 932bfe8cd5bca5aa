import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isScalar, visit, Scalar } from 'yaml';
import { buildOffsetMap, ScalarStyle } from '../../../core/src/lang/scalarMap';

const STYLE: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** Every string scalar of `src` except keys: [raw, style, decoded value, start offset of raw in src]. */
function scalars(src: string): { raw: string; style: ScalarStyle; value: string; start: number }[] {
  const doc = parseDocument(src, { keepSourceTokens: true });
  const out: { raw: string; style: ScalarStyle; value: string; start: number }[] = [];
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (isScalar(v) && typeof v.value === 'string' && v.range) {
        const s = v as Scalar<string>;
        out.push({
          raw: src.slice(s.range![0], s.range![1]),
          style: STYLE[String(s.type)]!,
          value: s.value,
          start: s.range![0],
        });
      }
    },
  });
  return out;
}

const DOCS = [
  'a: plain text\n',
  'a: plain\n  multi line\n\n  para\n',
  "a: 'it''s\n  folded  \n\n  x'\n",
  'a: "esc \\" \\n \\u00e9 \\x41 \\U0001F600 \\t end"\n',
  'a: "line one \\\n   continued"\n',
  'a: |\n  lit one\n    more\n\n  three\n',
  'a: |-\n  strip\n\n',
  'a: |+\n  keep\n\n\n',
  'a: >\n  folded one\n  two\n\n  three\n    more indented\n  back\n',
  'a: >-\n  x\n  y\n',
  'k:\n  a: |2\n      extra indented\n    normal\n',
  'a: |\n  no final newline',
  'a: >\n\n  leading empty\n',
  'a: "multi\n  line\n\n  dq"\n',
  'list:\n  - |\n    item\n    two\n  - "q\\"x"\n',
  'expr: sum(rate(x[5m])) by (job) > 0\n',
  'a: "tab\\tafter"\n',
  "a: ''\n",
  'a: ""\n',
];

test('reconstructs the decoded value of every YAML style exactly', () => {
  for (const src of DOCS) {
    for (const s of scalars(src)) {
      const m = buildOffsetMap(s.raw, s.style, s.value);
      assert.equal(m.exact, true, `${JSON.stringify(s.raw)} (${s.style})`);
      assert.equal(m.decoded, s.value, JSON.stringify(s.raw));
      const m2 = buildOffsetMap(s.raw, s.style);
      if (!/\|2/.test(s.raw)) assert.equal(m2.decoded, s.value, `${JSON.stringify(s.raw)} without verification`);
    }
  }
});

test('every mapped character is the same character in the source (when unescaped)', () => {
  for (const src of DOCS) {
    for (const s of scalars(src)) {
      const m = buildOffsetMap(s.raw, s.style, s.value);
      for (let i = 0; i < s.value.length; i++) {
        const ch = s.value[i]!;
        const r = m(i);
        assert.ok(r >= 0 && r <= s.raw.length, `${JSON.stringify(s.raw)} @${i}`);
        if (/[A-Za-z0-9]/.test(ch) && s.raw[r] !== '\\' && s.raw[r - 1] !== '\\')
          assert.equal(s.raw[r], ch, `${JSON.stringify(s.raw)} @${i}`);
      }
    }
  }
});

test('plain and single-line styles map with constant shifts', () => {
  const p = buildOffsetMap('sum(x)', 'plain');
  assert.equal(p(0), 0);
  assert.equal(p(4), 4);
  assert.deepEqual(p.mapRange(4, 5), [4, 5]);
  const q = buildOffsetMap("'it''s x'", 'single');
  assert.equal(q.decoded, "it's x");
  assert.equal(q(0), 1);
  assert.deepEqual(q.mapRange(2, 3), [3, 5]); // the quote is written ''
  assert.equal(q(5), 7);
  assert.deepEqual(q.mapRange(0, 6), [1, 8]);
});

test('multi-line plain scalars fold line breaks into spaces', () => {
  const raw = 'sum(rate(x[5m]))\n    by (job)\n\n    > 0';
  const m = buildOffsetMap(raw, 'plain', 'sum(rate(x[5m])) by (job)\n> 0');
  assert.equal(m.exact, true);
  assert.equal(m(16), 16); // folded space → the line break
  assert.equal(m(17), 21); // 'b' of "by" after the indentation
  assert.deepEqual(m.mapRange(26, 29), [35, 38]); // '> 0' on the last line
  assert.equal(m(25), 30); // the empty line's break becomes the newline
});

test('double-quoted and JSON escapes shrink', () => {
  const d = buildOffsetMap('"a\\"b\\u00e9c"', 'double');
  assert.equal(d.decoded, 'a"béc');
  assert.deepEqual(d.mapRange(1, 2), [2, 4]);
  assert.deepEqual(d.mapRange(3, 4), [5, 11]);
  assert.equal(d(4), 11);
  const j = buildOffsetMap('"x\\/y\\n\\uD83D\\uDE00z"', 'json');
  assert.equal(j.decoded, 'x/y\n\u{1F600}z');
  assert.deepEqual(j.mapRange(1, 2), [2, 4]);
  assert.deepEqual(j.mapRange(4, 6), [7, 19]);
  assert.equal(j(6), 19);
  assert.equal(JSON.parse('"x\\/y\\n\\uD83D\\uDE00z"'), j.decoded);
});

test('block scalars map through indentation and folding', () => {
  const raw = '|\n  rate(x[5m])\n    > 0\n';
  const m = buildOffsetMap(raw, 'literal', 'rate(x[5m])\n  > 0\n');
  assert.equal(m(0), 4);
  assert.deepEqual(m.mapRange(5, 6), [9, 10]);
  assert.equal(m(14), 20);
  const f = buildOffsetMap('>\n  a\n  b\n', 'folded', 'a b\n');
  assert.deepEqual(f.mapRange(2, 3), [8, 9]);
  assert.equal(f(1), 5); // the folded space maps to the line break
});

test('mismatch and bad input fall back to the whole range without throwing', () => {
  const m = buildOffsetMap('"abc"', 'double', 'something else');
  assert.equal(m.exact, false);
  assert.deepEqual(m.mapRange(1, 2), [0, 5]);
  const bad = buildOffsetMap('"bad \\q escape"', 'double');
  assert.equal(bad.exact, false);
  assert.deepEqual(bad.mapRange(0, 3), [0, 15]);
  assert.equal(buildOffsetMap('abc', 'literal').exact, false);
  for (const v of [undefined, 5, '"'.repeat(100000), '|\n' + '  x\n'.repeat(30000), '\\'.repeat(100000)]) {
    for (const st of ['plain', 'single', 'double', 'literal', 'folded', 'json'] as ScalarStyle[]) {
      assert.doesNotThrow(() => buildOffsetMap(v as unknown as string, st)(3));
    }
  }
  const clamp = buildOffsetMap('abc', 'plain');
  assert.equal(clamp(-5), 0);
  assert.equal(clamp(99), 3);
  assert.equal(clamp(NaN), 0);
});
