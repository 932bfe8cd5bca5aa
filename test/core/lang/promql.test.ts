import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPromql, promqlMetricNames, promqlOutputLabels, promqlRanges } from '../../../core/src/lang/promql';
import { substituteGrafanaMacros } from '../../../core/src/lang/grafana';
import { sayLang } from '../../../core/src/messages';

/** A checker's problem said about the document (no key to name), as the lang checkers' tests read it. */
const formatLangMessage = (p: Parameters<typeof sayLang>[0]): string => sayLang(p, []);

const one = (expr: string, code: string, from: number, to: number, opts = {}) => {
  const ps = checkPromql(expr, opts);
  assert.equal(ps.length, 1, `${expr}: ${JSON.stringify(ps)}`);
  assert.equal(ps[0]!.code, code, expr);
  assert.deepEqual([ps[0]!.from, ps[0]!.to], [from, to], `${expr}: ${formatLangMessage(ps[0]!)}`);
  return ps[0]!;
};

test('valid expressions have no problems', () => {
  for (const e of [
    'up == 0',
    'rate(http_requests_total{job="api"}[5m]) > 0.5',
    'sum by (job) (rate(x[5m]))',
    'sum(rate(x[5m])) by (job)',
    'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))',
    'time() - x',
    'vector(1)',
    'clamp(x, 0, 1)',
    'round(x)',
    'round(x, 5)',
    'day_of_week()',
    'sort_by_label(x, "a", "b")',
    'count_values("v", x)',
    'quantile(0.9, x)',
    'topk(3, x)',
    'rate(x[5m:1m])',
    'max_over_time(x[1h:])',
    'x @ start()',
    'x offset 5m',
    'x[5m] offset 1h',
    'x # comment',
    '{"utf8.name", env="x"}',
    'x{a=~"a.*"}',
    'foo{}',
    '{a!=""}',
    '{a=~".+"}',
    'label_replace(x, "dst", "$1", "src", "(.*)")',
    'label_join(x, "d", ",", "a", "b", "c")',
    '1 > bool 2',
    'x and on(job) y',
    'absent(up{job="x"})',
    'predict_linear(x[1h], 3600)',
    'x[90]',
    '-x',
    'x ^ 2',
    'scalar(x) * 2',
    'sum without (pod) (x) / ignoring(pod) group_left y',
    'x unless y',
    'quantile_over_time(0.5, x[10m])',
    '(x)',
    'x{a="\\\\."}',
  ]) {
    assert.deepEqual(checkPromql(e), [], `${e}: ${JSON.stringify(checkPromql(e).map(formatLangMessage))}`);
  }
});

test('unclosed and unbalanced brackets', () => {
  const p = one('sum by (tenant) (rate(x[5m])', 'promql.unclosed', 27, 28);
  assert.equal(p.args.position, 'column 17');
  assert.equal(formatLangMessage(p), "Missing ')' to close '(' opened at column 17.");
  one('sum(x', 'promql.unclosed', 4, 5);
  one('x[5m', 'promql.unclosed', 3, 4);
  one('x{a="b"', 'promql.unclosed', 6, 7);
  one('x)', 'promql.unexpected-closer', 1, 2);
  one('x}', 'promql.unexpected-closer', 1, 2);
  const m = one('(x]', 'promql.mismatched-bracket', 2, 3);
  assert.equal(m.args.expected, ')');
  assert.equal(one('rate(\n  x[5m]', 'promql.unclosed', 12, 13).args.position, 'column 5');
  assert.equal(one('sum(\n  rate(x[5m]\n)', 'promql.unclosed', 18, 19).args.position, 'column 4');
  assert.equal(one('x +\n  sum(rate(y[5m])', 'promql.unclosed', 20, 21).args.position, 'line 2, column 6');
});

test('operators, label matchers and stray tokens', () => {
  one('foo +', 'promql.missing-operand', 4, 5);
  one('foo and', 'promql.missing-operand', 4, 7);
  one('x{a}', 'promql.expected-match-op', 3, 4);
  one('x{a=}', 'promql.expected-label-value', 4, 5);
  one('x{a="b" b="c"}', 'promql.unexpected-token', 8, 9);
  one('foo bar', 'promql.unexpected-token', 4, 7);
  one('1 +* 2', 'promql.unexpected-token', 3, 4);
  one('sum by (a) x', 'promql.unexpected-token', 11, 12);
  one('x offset', 'promql.missing-duration', 2, 8);
  one('sum by (a)', 'promql.unexpected-end', 9, 10);
  one('x @', 'promql.unexpected-end', 2, 3);
  one('-', 'promql.missing-operand', 0, 1);
});

test('durations in ranges, subqueries and offsets', () => {
  const p = one('x[5z]', 'promql.bad-duration', 2, 4);
  assert.equal(
    formatLangMessage(p),
    "Invalid duration '5z' in the range: unit 'z' is not a duration unit; use ms, s, m, h, d, w or y (e.g. '5m').",
  );
  // A duration whose meaning is evident is advised written the Prometheus way.
  assert.equal(
    formatLangMessage(one('x[30s1m]', 'promql.bad-duration', 2, 7)),
    "Invalid duration '30s1m' in the range; write '1m30s'.",
  );
  assert.equal(
    formatLangMessage(one('x[1.5m]', 'promql.bad-duration', 2, 6)),
    "Invalid duration '1.5m' in the range; write '1m30s'.",
  );
  one('x[5m:1z]', 'promql.bad-duration', 5, 7);
  assert.equal(one('x offset 5z', 'promql.bad-duration', 9, 11).args.where, 'offset');
  one('rate(x[5mm])', 'promql.bad-duration', 7, 10);
});

test('unknown functions with suggestions', () => {
  const h = one('humanize(x)', 'promql.unknown-function', 0, 8);
  assert.match(formatLangMessage(h), /template function/);
  assert.equal(one('rat(x[5m])', 'promql.unknown-function', 0, 3).args.suggestion, 'rate');
  assert.equal(one('Rate(x[5m])', 'promql.unknown-function', 0, 4).args.suggestion, 'rate');
  assert.equal(one('sum_over(x[5m])', 'promql.unknown-function', 0, 8).args.suggestion, 'sum_over_time');
  assert.equal(one('foo(bar(x))', 'promql.unknown-function', 0, 3).args.suggestion, '');
  one('x + nope(y)', 'promql.unknown-function', 4, 8);
});

test('strings, regexes and selectors', () => {
  one('"abc', 'promql.unterminated-string', 0, 4);
  one('x{a="\\q"}', 'promql.bad-escape', 5, 7);
  const r = one('x{a=~"("}', 'promql.bad-regex', 6, 7);
  assert.match(String(r.args.reason), /missing closing/);
  one('x{a=~"(?=x)"}', 'promql.bad-regex', 6, 9);
  one('x{a!~"a++"}', 'promql.bad-regex', 7, 9);
  one('{}', 'promql.empty-selector', 0, 2);
  one('{a=""}', 'promql.empty-selector', 0, 6);
  one('{a=~".*"}', 'promql.empty-selector', 0, 9);
  one('{a!~".+"}', 'promql.empty-selector', 0, 9);
  one('{a!="x"}', 'promql.empty-selector', 0, 8);
  one('foo{__name__="x"}', 'promql.duplicate-metric-name', 13, 16);
});

test('light type checks and arity', () => {
  const p = one('rate(x)', 'promql.expected-range-vector', 5, 6);
  assert.equal(
    formatLangMessage(p),
    "rate() expects a range vector as argument 1, but 'x' is an instant vector; add a range selector, e.g. 'x[5m]'.",
  );
  for (const f of ['irate', 'increase', 'delta', 'deriv', 'avg_over_time', 'max_over_time', 'changes', 'resets']) {
    one(`${f}(up)`, 'promql.expected-range-vector', f.length + 1, f.length + 3);
  }
  one('quantile_over_time(0.9, x)', 'promql.expected-range-vector', 24, 25);
  one('abs(x[5m])', 'promql.expected-instant-vector', 4, 9);
  one('sum(x[5m])', 'promql.expected-instant-vector', 4, 9);
  one('histogram_quantile(x, y)', 'promql.expected-scalar', 19, 20);
  one('topk(x, y)', 'promql.expected-scalar', 5, 6);
  one('count_values(1, x)', 'promql.expected-string', 13, 14);
  one('label_replace(x, "a", "b", "c", 1)', 'promql.expected-string', 32, 33);
  assert.equal(one('abs(x, y)', 'promql.wrong-arg-count', 0, 9).args.expected, '1');
  assert.equal(one('label_replace(x, "a", "b", "c")', 'promql.wrong-arg-count', 0, 31).args.expected, '5');
  assert.equal(one('round(x, 1, 2)', 'promql.wrong-arg-count', 0, 14).args.expected, '1 to 2');
  assert.equal(one('label_join(x, "a")', 'promql.wrong-arg-count', 0, 18).args.expected, 'at least 3');
  one('topk(x)', 'promql.wrong-arg-count', 0, 7);
  one('time(x)', 'promql.wrong-arg-count', 0, 7);
  one('x[5m] + 1', 'promql.binary-operand-type', 0, 5);
  one('"a" + 1', 'promql.binary-operand-type', 0, 3);
  one('1 > 2', 'promql.scalar-comparison-needs-bool', 2, 3);
  one('1 and x', 'promql.set-operator-scalar', 2, 5);
  one('x[5m][1m:]', 'promql.subquery-on-non-vector', 0, 10);
  const ps = checkPromql('rate(x)[5m]').map((q) => q.code);
  assert.ok(ps.includes('promql.range-on-non-selector'));
});

test('rule option: result must be a vector or scalar', () => {
  one('x[5m]', 'promql.rule-result-type', 0, 5, { rule: true });
  assert.deepEqual(checkPromql('x[5m]'), []);
  assert.deepEqual(checkPromql('rate(x[5m])', { rule: true }), []);
});

test('empty and oversized input', () => {
  one('', 'promql.empty', 0, 0);
  one('   ', 'promql.empty', 0, 3);
  assert.equal(checkPromql('x+'.repeat(150000) + 'x')[0]?.code, 'promql.too-long');
});

test('Grafana macros are substituted with same-length text', () => {
  const s = substituteGrafanaMacros('rate(x{job="$job"}[$__rate_interval]) + y[${__range}] offset $off + [[m]]');
  assert.equal(s.text.length, 'rate(x{job="$job"}[$__rate_interval]) + y[${__range}] offset $off + [[m]]'.length);
  assert.equal(s.text, 'rate(x{job="xxxx"}[000000000000001m]) + y[000000001m] offset 001m + x____');
  assert.deepEqual(
    s.macros.map((m) => m.name),
    ['job', '__rate_interval', '__range', 'off', 'm'],
  );
  assert.equal(s.map(7), 7);
  assert.deepEqual(checkPromql('rate(x[$__rate_interval])', { grafana: true }), []);
  assert.deepEqual(checkPromql('histogram_quantile($q, sum by (le) (rate(x[$__interval])))', { grafana: true }), []);
  assert.deepEqual(checkPromql('sum(rate(${metric:raw}{a=~"${v:regex}"}[[[iv]]]))', { grafana: true }), []);
  const without = one('x[$__rate_interval]', 'promql.unexpected-token', 2, 18);
  assert.match(formatLangMessage(without), /Grafana/);
  one('rate(x[$__rate_interval]', 'promql.unclosed', 23, 24, { grafana: true });
});

test('promqlRanges lists literal durations with kinds and functions', () => {
  const r = promqlRanges('rate(x[5m]) + avg_over_time(y[1h:30s]) offset 1d + z[90]');
  assert.deepEqual(r, [
    { from: 7, to: 9, durationMs: 300000, kind: 'range', func: 'rate' },
    { from: 30, to: 32, durationMs: 3600000, kind: 'subquery', func: 'avg_over_time' },
    { from: 33, to: 36, durationMs: 30000, kind: 'step' },
    { from: 46, to: 48, durationMs: 86400000, kind: 'offset' },
    { from: 53, to: 55, durationMs: 90000, kind: 'range' },
  ]);
  assert.deepEqual(promqlRanges('rate(x[$__rate_interval]) + y[5m]', { grafana: true }), [
    { from: 30, to: 32, durationMs: 300000, kind: 'range' },
  ]);
  assert.deepEqual(promqlRanges('x[1m+1m]'), []);
  assert.deepEqual(promqlRanges(''), []);
});

test('promqlMetricNames and promqlOutputLabels', () => {
  assert.deepEqual(promqlMetricNames('rate(http_total{a="b"}[5m]) / {"utf8.name"} + {__name__="foo", a="b"}'), [
    { name: 'http_total', from: 5, to: 15 },
    { name: 'utf8.name', from: 31, to: 42 },
    { name: 'foo', from: 56, to: 61 },
  ]);
  assert.deepEqual(promqlMetricNames('sum(x) by (job)'), [{ name: 'x', from: 4, to: 5 }]);
  assert.deepEqual(promqlOutputLabels('sum by (job, instance) (rate(x[5m])) > 0'), {
    op: 'sum',
    kind: 'by',
    labels: ['job', 'instance'],
  });
  assert.deepEqual(promqlOutputLabels('histogram_quantile(0.9, sum without (pod) (rate(x[5m])))'), {
    op: 'sum',
    kind: 'without',
    labels: ['pod'],
  });
  assert.deepEqual(promqlOutputLabels('count(x)'), { op: 'count', kind: 'by', labels: [] });
  assert.equal(promqlOutputLabels('up == 0'), undefined);
});

test('robust: deep nesting, long and garbage input never throw and return in time', () => {
  const inputs = [
    '('.repeat(10000) + 'x' + ')'.repeat(10000),
    '('.repeat(10000),
    ')'.repeat(10000),
    'x'.repeat(100000),
    '{'.repeat(100000),
    '"'.repeat(100000),
    '$'.repeat(100000),
    'sum(' + 'x+'.repeat(50000) + 'x)',
    'eyAAAAAAAAAAAA.'.repeat(6000),
    '\\'.repeat(100000),
    '{{if .A}}'.repeat(10000),
    'rate(x[5m])'.repeat(1000),
    '\u0000\uffff\ud800'.repeat(1000),
  ];
  for (const e of inputs) {
    const t = Date.now();
    for (const opts of [{}, { grafana: true, rule: true }]) {
      assert.doesNotThrow(() => checkPromql(e, opts));
      assert.doesNotThrow(() => promqlRanges(e, opts));
      assert.doesNotThrow(() => promqlMetricNames(e, opts));
    }
    assert.doesNotThrow(() => promqlOutputLabels(e));
    assert.ok(Date.now() - t < 8000, `${e.slice(0, 20)}… took ${Date.now() - t}ms`);
  }
  for (const v of [undefined, null, 42, {}]) assert.doesNotThrow(() => checkPromql(v as unknown as string));
});

test('fuzz: random token soup never throws and offsets stay in range', () => {
  const pieces = [
    'sum',
    'rate',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '5m',
    'x',
    '"a"',
    '=~',
    ',',
    '+',
    ' by ',
    'offset',
    '1',
    ':',
    '@',
    '#',
    '\n',
    '$v',
    'bool',
    "'",
    '`',
  ];
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 400; i++) {
    let e = '';
    const len = 1 + rnd(30);
    for (let k = 0; k < len; k++) e += pieces[rnd(pieces.length)];
    const ps = checkPromql(e, { grafana: i % 2 === 0 });
    for (const p of ps) {
      assert.ok(p.from >= 0 && p.to >= p.from && p.to <= e.length, `${JSON.stringify(e)} → ${JSON.stringify(p)}`);
      assert.ok(!/\{[a-z]+\}/i.test(formatLangMessage(p).replace(/\{\{.*?\}\}/g, '')), formatLangMessage(p));
    }
  }
});
