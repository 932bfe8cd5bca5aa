import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkCidr } from '../../../core/src/lang/cidr';
import { checkCron } from '../../../core/src/lang/cron';
import { checkDuration } from '../../../core/src/lang/duration';
import { parseGoTemplate } from '../../../core/src/lang/goTemplate';
import { substituteGrafanaMacros } from '../../../core/src/lang/grafana';
import { checkCurrency, checkLocale, checkTimeZone } from '../../../core/src/lang/intl';
import { checkMatcher } from '../../../core/src/lang/matcher';
import { sayLang } from '../../../core/src/messages';
import { langProblems } from '../../../core/src/messages/lang';
import { checkPromql, promqlRanges } from '../../../core/src/lang/promql';
import { buildOffsetMap, ScalarStyle } from '../../../core/src/lang/scalarMap';
import { detectSecretShape, isSecretBearingKey, isSecretReference } from '../../../core/src/lang/secrets';
import { LangProblem } from '../../../core/src/lang/types';

/** A checker's problem said about the document (no key to name), as the lang checkers' tests read it. */
const formatLangMessage = (p: Parameters<typeof sayLang>[0]): string => sayLang(p, []);
const langMessages: Readonly<Record<string, string>> = langProblems;

const checkers: [string, (s: string) => LangProblem[]][] = [
  ['duration', (s) => checkDuration(s)],
  ['cron', checkCron],
  ['cidr', checkCidr],
  ['timezone', (s) => checkTimeZone(s)],
  ['locale', checkLocale],
  ['currency', checkCurrency],
  ['matcher', (s) => checkMatcher(s)],
  ['matcher-classic', (s) => checkMatcher(s, { grammar: 'classic' })],
  ['promql', (s) => checkPromql(s, { grafana: true, rule: true })],
  ['template-prometheus', (s) => parseGoTemplate(s, 'prometheus').problems],
  ['template-alertmanager', (s) => parseGoTemplate(s, 'alertmanager').problems],
];

function assertWellFormed(name: string, input: string, ps: LangProblem[]): void {
  assert.ok(Array.isArray(ps), name);
  for (const p of ps) {
    assert.ok(langMessages[p.code], `${name}: unknown code ${p.code}`);
    assert.ok(Number.isInteger(p.from) && Number.isInteger(p.to), `${name}: ${JSON.stringify(p)}`);
    assert.ok(
      p.from >= 0 && p.from <= p.to && p.to <= Math.max(input.length, 0),
      `${name} ${JSON.stringify(input.slice(0, 40))}: ${JSON.stringify(p)}`,
    );
    assert.equal(typeof formatLangMessage(p), 'string');
  }
}

const soup = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));
const promqlSoup = soup([
  'sum',
  'rate(',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '5m',
  ':',
  'x',
  '"a"',
  '=~',
  '!=',
  ',',
  '+',
  ' by ',
  'offset ',
  '1',
  '@',
  '#',
  '\n',
  '$v',
  '[[v]]',
  '${v:raw}',
  "'",
  '`',
  '\\',
  'bool ',
  ' and ',
]);
const templateSoup = soup([
  '{{',
  '}}',
  '{{- ',
  ' -}}',
  'if ',
  'else ',
  'end',
  'range ',
  'with ',
  'define ',
  'block ',
  'template ',
  '"x"',
  '$x',
  ':=',
  '=',
  '.A',
  '.',
  '|',
  '(',
  ')',
  ' ',
  'printf ',
  '$labels',
  '/*',
  '*/',
  '`',
  "'",
  ',',
  '1',
  'nil',
  'break',
  '\n',
  'text',
  '$value',
]);
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));

test('property: every checker returns well-formed problems for any string', () => {
  fc.assert(
    fc.property(anyString, (s) => {
      for (const [name, check] of checkers) assertWellFormed(name, s, check(s));
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('property: PromQL and template token soups', () => {
  fc.assert(
    fc.property(promqlSoup, (s) => {
      assertWellFormed('promql', s, checkPromql(s));
      assertWellFormed('promql-grafana', s, checkPromql(s, { grafana: true }));
      for (const r of promqlRanges(s)) assert.ok(r.from >= 0 && r.to <= s.length && r.durationMs >= 0);
      assert.equal(substituteGrafanaMacros(s).text.length, s.length);
    }),
    { numRuns: 300, seed: 7 },
  );
  fc.assert(
    fc.property(templateSoup, (s) => {
      for (const d of ['prometheus', 'alertmanager'] as const) {
        const r = parseGoTemplate(s, d);
        assertWellFormed(`template-${d}`, s, r.problems);
        for (const span of [
          ...r.defines,
          ...r.templateRefs,
          ...r.labelRefs,
          ...r.variables,
          ...r.valueRefs,
          ...r.functions,
        ]) {
          assert.ok(span.from >= 0 && span.from <= span.to && span.to <= s.length, JSON.stringify(span));
        }
      }
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('property: offset maps stay inside the raw text and are monotonic', () => {
  const styles: ScalarStyle[] = ['plain', 'single', 'double', 'literal', 'folded', 'json'];
  fc.assert(
    fc.property(anyString, fc.constantFrom(...styles), (raw, style) => {
      const m = buildOffsetMap(raw, style);
      let prev = -1;
      for (let i = 0; i <= m.decoded.length + 1; i++) {
        const r = m(i);
        assert.ok(r >= 0 && r <= raw.length, `${style} ${JSON.stringify(raw)} @${i} → ${r}`);
        if (m.exact && i <= m.decoded.length) {
          assert.ok(r >= prev, `${style} ${JSON.stringify(raw)} not monotonic at ${i}`);
          prev = r;
        }
        const [a, b] = m.mapRange(i, i + 1);
        assert.ok(a <= b && a >= 0 && b <= raw.length);
      }
    }),
    { numRuns: 500, seed: 3 },
  );
});

test('property: JSON strings decode exactly like JSON.parse', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (value) => {
      const raw = JSON.stringify(value);
      const m = buildOffsetMap(raw, 'json', value);
      assert.equal(m.exact, true, raw);
      assert.equal(m.decoded, value);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('property: secret helpers never throw', () => {
  fc.assert(
    fc.property(anyString, (s) => {
      const shape = detectSecretShape(s, s.slice(0, 10));
      if (shape) assert.ok(shape.from >= 0 && shape.to <= s.length && shape.from < shape.to);
      assert.equal(typeof isSecretReference(s), 'boolean');
      assert.equal(typeof isSecretBearingKey(s), 'boolean');
    }),
    { numRuns: 300, seed: 9 },
  );
});

test('huge inputs return within a time bound for every checker', () => {
  const inputs = [
    'x'.repeat(100000),
    '('.repeat(10000),
    '{{'.repeat(50000),
    ' '.repeat(100000),
    '\u{1F600}'.repeat(30000),
    'a,'.repeat(50000),
  ];
  for (const input of inputs) {
    for (const [name, check] of checkers) {
      const t = Date.now();
      assertWellFormed(name, input, check(input));
      assert.ok(Date.now() - t < 5000, `${name} took ${Date.now() - t}ms on ${JSON.stringify(input.slice(0, 10))}…`);
    }
    const t = Date.now();
    detectSecretShape(input);
    for (const st of ['plain', 'single', 'double', 'literal', 'folded', 'json'] as ScalarStyle[])
      buildOffsetMap(input, st)(5);
    assert.ok(Date.now() - t < 5000);
  }
});
