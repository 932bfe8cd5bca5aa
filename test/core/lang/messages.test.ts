import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCidr } from '../../../core/src/lang/cidr';
import { checkCron } from '../../../core/src/lang/cron';
import { checkDuration } from '../../../core/src/lang/duration';
import { checkGoTemplate } from '../../../core/src/lang/goTemplate';
import { checkCurrency, checkLocale, checkTimeZone } from '../../../core/src/lang/intl';
import { checkMatcher } from '../../../core/src/lang/matcher';
import { sayLang } from '../../../core/src/messages';
import { langProblems } from '../../../core/src/messages/lang';
import { checkPromql } from '../../../core/src/lang/promql';
import { LangProblem } from '../../../core/src/lang/types';

/** A checker's problem said about the document (no key to name), as the lang checkers' tests read it. */
const formatLangMessage = (p: {
  code: string;
  args?: Record<string, string | number>;
  from?: number;
  to?: number;
}): string => sayLang(p as Parameters<typeof sayLang>[0], []);
const langMessages: Readonly<Record<string, string>> = langProblems;
/** The codes (ids without a variant suffix). */
const langCodes = Object.keys(langProblems).filter((id) => id.split('.').length === 2);

const corpus = (): LangProblem[] => {
  const out: LangProblem[] = [];
  for (const d of ['', '5z', '30m1h', '5m5m', '1.5h', '-5m', '5', '300y', ' 5m']) out.push(...checkDuration(d));
  for (const c of ['', '* *', '@nope', '60 * * * *', 'a * * * *', '5-1 * * * *', '*/0 * * * *', '0 0 31 2 *'])
    out.push(...checkCron(c));
  for (const t of ['', ' UTC', 'Mars/Phobos', 'europe/berlin']) out.push(...checkTimeZone(t));
  for (const l of ['', 'en_US', 'EN-us', 'xx-US']) out.push(...checkLocale(l));
  for (const c of ['', 'US', 'usd', 'XYZ']) out.push(...checkCurrency(c));
  for (const c of ['', '10.0.0.256/8', '10.0.0.0', '10.0.0.0/33', '10.0.0.1/8']) out.push(...checkCidr(c));
  for (const m of ['a!b', 'a="b', 'a="\\q"', '=b', 'a', 'a=', 'a="b" c', '{a="b"', 'a=~"("', 'foo=bar baz'])
    out.push(...checkMatcher(m, { grammar: m === 'a=' || m === 'a="b" c' ? 'utf8' : 'fallback' }));
  out.push(...checkMatcher('job:x="y"', { grammar: 'classic' }));
  for (const e of [
    '',
    'x+'.repeat(110000),
    'sum(x',
    'x)',
    '(x]',
    'humanize(x)',
    'x[5z]',
    'foo +',
    'x offset',
    'x{a}',
    'x{a=}',
    'foo bar',
    'sum(x) +',
    '"abc',
    'x{a="\\q"}',
    'x{a=~"("}',
    '{}',
    'foo{__name__="x"}',
    'abs(x, y)',
    'rate(x)',
    'abs(x[5m])',
    'topk(x, y)',
    'count_values(1, x)',
    'x[5m] + 1',
    '1 > 2',
    '1 and x',
    'rate(x)[5m]',
    'x[5m][1m:]',
    'sum(x) ,',
    'sum by (a)',
  ]) {
    out.push(...checkPromql(e));
  }
  out.push(...checkPromql('x[5m]', { rule: true }));
  for (const t of [
    '{{',
    '{{/* x }}',
    '{{/* x */ }}',
    '{{ "a }}',
    '{{ `a }}',
    "{{ 'a }}",
    '{{ $labels# }}',
    '{{ 1x }}',
    '{{ ) }}',
    '{{ ( . }}',
    '{{ end }}',
    '{{ else }}',
    '{{ if . }}',
    '{{}}',
    '{{ nope }}',
    '{{ $nope }}',
    '{{ . , }}',
    '{{ . | 1 }}',
    '{{ $a, $b := . }}',
    '{{ "a".B }}',
    '{{ nil }}',
    '{{ break }}',
    '{{ if . }}{{ define "x" }}{{ end }}{{ end }}',
    '{{ template . }}',
    '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}',
    '{{ template "zzz" }}',
    '{{ .Nope }}',
    '{{ "\\q" }}',
    '{{if .Labels}}'.repeat(300),
  ]) {
    out.push(...checkGoTemplate(t, 'prometheus'));
  }
  return out;
};

test('every code has a specific English message', () => {
  for (const code of langCodes) {
    assert.match(code, /^[a-z0-9]+\.[a-z0-9-]+$/, code);
    const m = langMessages[code]!;
    assert.ok(m.length > 20, code);
    assert.ok(/^[A-Z{'"]|^nil|^'/.test(m), `${code}: ${m}`);
  }
});

test('every produced problem has a known code and a fully formatted message', () => {
  const problems = corpus();
  for (const p of problems) {
    const id = p.message ?? p.code;
    assert.ok(langMessages[p.code], `no message for ${p.code}`);
    assert.ok(langMessages[id], `no message ${id} for ${p.code}`);
    const template = langMessages[id]!.replace(/\{\{[^{}]*\}\}/g, '');
    for (const [, key] of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
      assert.ok(key! in p.args, `${id}: missing arg '${key}' in ${JSON.stringify(p.args)}`);
    }
    const msg = formatLangMessage(p);
    assert.ok(!/\{[a-z][A-Za-z0-9_]*\}/.test(msg.replace(/\{\{[^}]*\}\}/g, '')), `${p.code}: ${msg}`);
  }
});

test('the corpus reaches every code except the time-dependent one', () => {
  const produced = new Set<string>(corpus().map((p) => p.code));
  const missing = langCodes.filter((c) => !produced.has(c) && c !== 'promql.too-complex');
  assert.deepEqual(missing, []);
});

test('formatLangMessage fills placeholders and keeps Go template text', () => {
  assert.equal(
    formatLangMessage({ code: 'duration.unknown-unit', from: 1, to: 2, args: { unit: 'z', suggestion: '5m' } }),
    "Unit 'z' is not a duration unit; use ms, s, m, h, d, w or y (e.g. '5m').",
  );
  assert.equal(
    formatLangMessage({ code: 'template.missing-end', from: 0, to: 5, args: { keyword: 'range' } }),
    '{{range}} is never closed; add {{end}} where the block should stop.',
  );
  assert.equal(formatLangMessage({ code: 'no.such-code', from: 0, to: 0, args: { a: 1 } }), 'no.such-code {"a":1}');
  assert.doesNotThrow(() => formatLangMessage(null as unknown as LangProblem));
});
