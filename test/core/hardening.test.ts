import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify, Parser } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseText } from '../../core/src/index';
import { parseYaml, splitYamlStream, MAX_DEPTH } from '../../core/src/document/parseYaml';
import { parseJson } from '../../core/src/document/parseJson';
import { yamlDepthEstimate, yamlTooDeep } from '../../core/src/document/yamlDepth';
import type { ASTNode } from '../../core/src/document/ast';
import { repoRoot, validate } from '../support/service';
import { fixed, actionsFor, apply } from '../support/fixes';

const lineOf = (text: string, offset: number): number =>
  TextDocument.create('x', 'yaml', 1, text).positionAt(offset).line;
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

/** Collections nested in a tree, counted like the readers count them. */
function treeDepth(root: ASTNode | undefined): number {
  let max = 0;
  const stack: Array<[ASTNode | undefined, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (!n) continue;
    const here = n.type === 'object' || n.type === 'array' ? d + 1 : d;
    max = Math.max(max, here);
    if (n.type === 'object') for (const p of n.properties) stack.push([p.valueNode, here]);
    else if (n.type === 'array') for (const i of n.items) stack.push([i, here]);
  }
  return max;
}

/** The nesting of yaml's concrete syntax tree: what its composer would recurse through. */
function cstDepth(text: string): number {
  let max = 0;
  type T = { type?: string; items?: Array<Record<string, unknown>>; value?: T; props?: T[] };
  const stack: Array<[T | undefined, number]> = [...new Parser().parse(text)].map((t) => [t as T, 0]);
  while (stack.length) {
    const [t, d] = stack.pop()!;
    if (!t || typeof t !== 'object') continue;
    const here = ['block-map', 'block-seq', 'flow-collection'].includes(String(t.type)) ? d + 1 : d;
    max = Math.max(max, here);
    for (const it of t.items ?? []) for (const k of ['key', 'value']) stack.push([it[k] as T, here]);
    stack.push([t.value, here]);
    for (const p of t.props ?? []) stack.push([p, here]);
  }
  return max;
}

// ---- Depth -----------------------------------------------------------------------------------

const ladder = (n: number, item: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => ' '.repeat(i * 2) + item(i)).join('\n') + '\n';

const DEEP: Record<string, { text: string; line: number }> = {
  'block sequences on one line': { text: 'tenant_id: acme\nx: ' + '- '.repeat(2000) + 'y\n', line: 1 },
  'a line of dashes at the root': { text: '- '.repeat(2000) + '\n', line: 0 },
  'an indentation ladder of sequences': { text: ladder(2000, () => '- '), line: MAX_DEPTH },
  'an indentation ladder of mappings': { text: ladder(2000, (i) => `k${i}:`), line: MAX_DEPTH },
  'flow sequences': { text: 'a: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n', line: 0 },
  'flow mappings left open': { text: '# c\na: ' + '{a: '.repeat(2000) + '\n', line: 1 },
  'flow brackets across lines': { text: 'a:\n' + '  [\n'.repeat(2000), line: MAX_DEPTH },
  'mixed block and flow': { text: ladder(200, () => '- ') + ' '.repeat(400) + '- ' + '[{a: '.repeat(100), line: 200 },
};

for (const [name, { text, line }] of Object.entries(DEEP)) {
  test(`too deep (${name}): one diagnostic on the line where the limit is crossed, nothing composed`, () => {
    const started = Date.now();
    const parsed = parseText(text, 'yaml');
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    const problems = parsed.parts.flatMap((p) => p.problems);
    const deep = problems.filter((p) => p.code === 'document.too-deep');
    assert.equal(deep.length, 1, JSON.stringify(problems.slice(0, 3)));
    assert.equal(lineOf(text, deep[0].offset), line);
    assert.deepEqual(deep[0].args, { max: MAX_DEPTH });
    assert.ok(parsed.parts.every((p) => p.root === undefined));
  });
}

test('the limit is exact: 256 levels are read, 257 are not (block, flow, JSON)', () => {
  const block = (n: number): string => ladder(n, () => '- ') + ' '.repeat(2 * n) + 'x\n';
  const flow = (n: number): string => '['.repeat(n) + ']'.repeat(n) + '\n';
  for (const [make, format] of [
    [block, 'yaml'],
    [flow, 'yaml'],
    [flow, 'json'],
  ] as const) {
    const ok = parseText(make(MAX_DEPTH), format).parts[0];
    assert.ok(!ok.problems.some((p) => p.code === 'document.too-deep'), `${format} ${MAX_DEPTH}`);
    assert.equal(treeDepth(ok.root), MAX_DEPTH);
    const over = parseText(make(MAX_DEPTH + 1), format).parts[0];
    assert.deepEqual(
      over.problems.map((p) => p.code),
      ['document.too-deep'],
    );
  }
});

test('a deep document in a stream: the other documents are still read', () => {
  const text = 'a: 1\n---\n' + '- '.repeat(1000) + '\n---\nb: 2\n';
  const parsed = parseText(text, 'yaml');
  assert.equal(parsed.parts.length, 3);
  assert.equal(parsed.parts[0].root?.type, 'object');
  assert.deepEqual(
    parsed.parts[1].problems.map((p) => p.code),
    ['document.too-deep'],
  );
  assert.equal(parsed.parts[2].root?.type, 'object');
});

test("nesting yaml's error recovery builds on lines of one indentation is caught before composition", () => {
  // Each line nests one mapping deeper in yaml's tree although the indentation never changes.
  for (const text of ['a\n' + '  |: ak: a{}a\n'.repeat(5000), '&x a#? k: -&x \n\r\n  '.repeat(5000) + '#"a\n]']) {
    const parts = parseYaml(text);
    assert.deepEqual(
      parts.flatMap((p) => p.problems.map((q) => q.code)),
      ['document.too-deep'],
    );
  }
});

test('the text estimate equals the real depth of documents written by a YAML library (block, flow, any scalar style)', () => {
  const leaf = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('a: b', '- x', '[[[', ']]', '{a: [b]}', "it's", '"q"', '# c', 'x\ny\n', '|', '\\"'),
    fc.integer(),
    fc.boolean(),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 3 }),
    map: fc.dictionary(
      fc.oneof(fc.constantFrom('a', 'key: x', '- k', '[k]', '#k'), fc.string({ maxLength: 4 })),
      tie('value'),
      {
        maxKeys: 3,
      },
    ),
  }));
  const chain = fc
    .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 150 }), value)
    .map(([kinds, v]) => kinds.reduce<unknown>((acc, list) => (list ? [acc, 'x'] : { k: acc, z: 1 }), v));
  const depthOf = (v: unknown): number =>
    v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;
  fc.assert(
    fc.property(
      fc.oneof(value, chain),
      fc.constantFrom('block', 'flow', 'any'),
      fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL'),
      (v, collectionStyle, defaultStringType) => {
        const text = stringify(v, {
          collectionStyle: collectionStyle as 'any',
          defaultStringType: defaultStringType as 'PLAIN',
        });
        const e = yamlDepthEstimate(text);
        const d = depthOf(v);
        assert.ok(e >= d && e <= d + 1, `estimate ${e}, depth ${d}: ${JSON.stringify(text.slice(0, 200))}`);
      },
    ),
    { numRuns: 1500, seed: 20260711 },
  );
});

test('any text: the readers never throw, never compose past the limit, and say so when they refuse', () => {
  const unit = fc.constantFrom(
    ...['[', ']', '{', '}', '- ', '? ', ': ', ':', ',', '"', "'", '#', ' #', '|', '>', '\n', '\n  ', ' ', 'a', 'k: '],
    ...['&x ', '!t ', '*x', '\\', '\t', '---\n', '...\n', '\r\n', '\r', '\u2028', '\u0085', '%YAML 1.2\n'],
  );
  const piece = fc.array(unit, { maxLength: 10 }).map((a) => a.join(''));
  const text = fc.tuple(piece, fc.integer({ min: 1, max: 300 }), piece).map(([a, n, b]) => a.repeat(n) + b);
  fc.assert(
    fc.property(text, (t) => {
      const parts = parseText(t, 'yaml').parts;
      const refused = parts.some((p) => p.problems.some((q) => q.code === 'document.too-deep'));
      if (!refused) assert.ok(cstDepth(t.replace(/\r(?!\n)/g, '\n')) <= MAX_DEPTH, JSON.stringify(t));
      for (const part of parts) {
        assert.ok(treeDepth(part.root) <= MAX_DEPTH + 1);
        for (const p of part.problems) assert.ok(p.offset >= 0 && p.offset + p.length <= t.length, JSON.stringify(p));
      }
      const json = parseJson(t);
      assert.ok(treeDepth(json.root) <= MAX_DEPTH + 1);
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('the text estimate bounds what it sees before yaml does: no parse of a 20 MB ladder', () => {
  const text = '- '.repeat(10_000_000);
  const started = Date.now();
  assert.equal(yamlTooDeep(text, MAX_DEPTH), 2 * MAX_DEPTH);
  assert.ok(Date.now() - started < 1000);
});

test('a quoted scalar left open ends, for the estimate as for yaml, at a line indented no deeper than its own', () => {
  const flow = '['.repeat(300) + ']'.repeat(300);
  // The quote opened on an indented line; the unindented line after it is read as nodes by yaml.
  const open = 'a:\n  - b: "open""\nc: ' + flow + '\n';
  const at = yamlTooDeep(open, MAX_DEPTH);
  assert.equal(lineOf(open, at), 2);
  const [part] = parseYaml(open);
  assert.deepEqual(
    part.problems.map((p) => [p.code, lineOf(open, p.offset)]),
    [['document.too-deep', 2]],
  );
  // Continuation lines indented deeper stay inside the scalar: brackets there are text.
  const quoted = 'a:\n  b: "open\n    ' + flow + '"\n';
  assert.equal(yamlTooDeep(quoted, MAX_DEPTH), -1);
  assert.deepEqual(
    parseYaml(quoted)[0].problems.map((p) => p.code),
    [],
  );
});

test("a flow entry holding many `: ` (yaml's error recovery nests a mapping for each) is refused before yaml reads it", () => {
  const text = 'x: [' + 'a: '.repeat(2000) + ']\n';
  const at = yamlTooDeep(text, MAX_DEPTH);
  assert.ok(at > 0 && at < 4 * MAX_DEPTH, String(at));
  assert.deepEqual(
    parseYaml(text)[0].problems.map((p) => p.code),
    ['document.too-deep'],
  );
  // One `: ` per entry, however many entries: nothing nests.
  const wide = 'x: [' + Array.from({ length: 2000 }, (_, i) => `k${i}: v`).join(', ') + ']\n';
  assert.equal(yamlTooDeep(wide, MAX_DEPTH), -1);
  assert.equal(yamlDepthEstimate('x: {a: [b: {c: d}], e: f}\n'), 4);
});

// ---- Line breaks -----------------------------------------------------------------------------

const ACME = fs.readFileSync(path.join(repoRoot, 'examples', 'acme', 'acme.tenant.yaml'), 'utf8');
const acme = (text: string): Diagnostic[] =>
  validate(text, 'acme.tenant.yaml', {}, path.join(repoRoot, 'examples', 'acme'));

test('a lone CR is a line break: keys hidden behind it in a comment are read and checked', () => {
  assert.deepEqual(
    acme(ACME).map((d) => d.message),
    [],
  );
  const text = ACME + '# reviewed\rprivileged: true\rtenant_id: other';
  const ds = acme(text);
  assert.deepEqual(codes(ds).sort(), ['document.duplicate-key', 'schema.additional-property']);
  const unknown = ds.find((d) => d.code === 'schema.additional-property')!;
  const doc = TextDocument.create('x', 'yaml', 1, text);
  // Positions as an LSP client counts lines (a lone CR ends a line there too).
  assert.equal(doc.getText(unknown.range), 'privileged');
  const dup = ds.find((d) => d.code === 'document.duplicate-key')!;
  assert.equal(doc.getText(dup.range), 'tenant_id');
  assert.equal(dup.range.start.line, lineOf(text, text.indexOf('tenant_id: acme')));
  assert.equal((dup.data as { kept: string }).kept, 'other');
});

test('CR-only and mixed line endings read the same as LF', () => {
  const lf = 'a: 1\nb:\n  - x\n  - "y\n    z"\nc: |\n  t\n  u\n';
  const plain = (n: ASTNode | undefined): unknown =>
    !n
      ? undefined
      : n.type === 'object'
        ? n.properties.map((p) => [p.keyNode.value, plain(p.valueNode)])
        : n.type === 'array'
          ? n.items.map(plain)
          : n.type === 'property' || n.type === 'alias'
            ? n.type
            : n.type === 'null'
              ? null
              : n.value;
  const value = (t: string) => JSON.stringify(plain(parseYaml(t)[0].root));
  for (const eol of ['\r', '\r\n']) assert.equal(value(lf.replace(/\n/g, eol)), value(lf));
  assert.equal(value(lf.replace(/\n/g, (_m, i: number) => (i % 2 ? '\r' : '\r\n'))), value(lf));
});

test('NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR outside quotes are errors; inside quotes they are content', () => {
  for (const ch of ['\u0085', '\u2028', '\u2029']) {
    const cases: Array<[string, boolean]> = [
      [`a: 1 # reviewed${ch}b: 2\n`, true],
      [`a: x${ch}b: 2\n`, true],
      [`a: |\n  x${ch}b: 2\n`, true],
      [`a: "x${ch}b: 2"\n`, false],
      [`a: 'x${ch}b: 2'\n`, false],
      [`"k${ch}": 1\n`, false],
    ];
    for (const [text, reported] of cases) {
      const problems = parseYaml(text)[0].problems.filter((p) => p.code === 'yaml.unicode-line-break');
      assert.equal(problems.length, reported ? 1 : 0, JSON.stringify(text));
      if (reported) {
        assert.equal(problems[0].offset, text.indexOf(ch));
        assert.deepEqual(Object.keys(problems[0].data ?? {}).sort(), ['codePoint', 'name']);
      }
    }
  }
});

test('the line-break fix writes the line ending of its line and reveals what YAML 1.1 readers see', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = ACME.replace(/\n/g, eol) + `# reviewed\u2028privileged: true${eol}`;
    const { actions } = actionsFor(text, 'examples/acme/acme.tenant.yaml', 'yaml.unicode-line-break');
    const fix = actions.find((a) => a.isPreferred && a.title === 'Replace U+2028 with a line break');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const out = apply(text, fix);
    assert.equal(out, ACME.replace(/\n/g, eol) + `# reviewed${eol}privileged: true${eol}`);
    // Now every reader sees the key, and it is checked.
    assert.ok(codes(acme(out)).includes('schema.additional-property'));
  }
});

test('the stream splitter cuts at `---` on real lines only (LF, CRLF, lone CR), never after LS inside quotes', () => {
  assert.deepEqual(
    splitYamlStream('a: "x\u2028---\n  y"\n').map((c) => c.start),
    [0],
  );
  assert.deepEqual(
    splitYamlStream('a: 1\r---\rb: 2\r\n---\r\nc: 3').map((c) => c.start),
    [0, 5, 15],
  );
  assert.deepEqual(
    splitYamlStream('a: 1\n\u2028--- x\n').map((c) => c.start),
    [0],
  );
  // Comments before the first marker belong to the first document; directives keep one chunk.
  assert.deepEqual(
    splitYamlStream('# c\r\n\n---\na: 1\n---\nb: 2\n').map((c) => c.start),
    [0, 15],
  );
  assert.equal(splitYamlStream('%YAML 1.2\n---\na: 1\n---\nb: 2\n').length, 1);
  const parsed = parseText('a: "x\u2028---\n  y"\n', 'yaml');
  assert.equal(parsed.parts.length, 1);
  assert.deepEqual(parsed.parts[0].problems, []);
});

// ---- Duplicate keys --------------------------------------------------------------------------

test('duplicate keys: each ignored occurrence is reported, naming the value that counts', () => {
  const text = 'tenant_id: acme\nname: x\ntenant_id: initech\nmeta: {a: 1}\ntenant_id: globex\n<<: *a\n<<: *b\n';
  const problems = parseYaml(text)[0].problems.filter((p) => p.code === 'document.duplicate-key');
  assert.deepEqual(
    problems.map((p) => [lineOf(text, p.offset), p.data]),
    [
      [0, { key: 'tenant_id', kept: 'globex', occurrence: 1, count: 3 }],
      [2, { key: 'tenant_id', kept: 'globex', occurrence: 2, count: 3 }],
    ],
  );
  const json = parseJson('{"a": {"x": 1}, "b": 2, "a": [1, 2]}');
  assert.deepEqual(
    json.problems.map((p) => [p.offset, p.data]),
    [[1, { key: 'a', kept: '[…]', occurrence: 1, count: 2 }]],
  );
});

test('duplicate key fix: the preferred one keeps the effective (last) value; `tenant_id: acme … tenant_id: globex` stays globex', () => {
  const text = ACME + '# later\ntenant_id: globex\n';
  // The diagnostic sits on the first `tenant_id` (ignored by every reader); its preferred fix removes it.
  const out = fixed(text, 'examples/acme/acme.tenant.yaml', 'document.duplicate-key');
  assert.equal(out, ACME.replace(/^tenant_id: acme\n/m, '') + '# later\ntenant_id: globex\n');
  const keep = fixed(text, 'examples/acme/acme.tenant.yaml', 'document.duplicate-key', /^Keep this/);
  assert.equal(keep, ACME + '# later\n');
  const { actions } = actionsFor(text, 'examples/acme/acme.tenant.yaml', 'document.duplicate-key', [
    'source.fixAll.tenantConfig',
  ]);
  assert.deepEqual(actions, [], 'not applied by fix-all: which value was meant is not in the file');
});
