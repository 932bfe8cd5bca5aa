import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMatcher, parseMatchers } from '../../../core/src/lang/matcher';

const one = (text: string, code: string, from: number, to: number, grammar?: 'utf8' | 'classic' | 'fallback') => {
  const ps = checkMatcher(text, grammar ? { grammar } : {});
  assert.equal(ps.length, 1, `${text}: ${JSON.stringify(ps)}`);
  assert.equal(ps[0]!.code, code, text);
  assert.deepEqual([ps[0]!.from, ps[0]!.to], [from, to], text);
  return ps[0]!;
};

test('valid matchers in the UTF-8 grammar', () => {
  for (const m of [
    'severity="critical"',
    'severity = critical',
    'team=~"db|web"',
    'team!~"^x.*"',
    'env!="prod"',
    '{a="b", c=~"d|e",}',
    '{}',
    '',
    '"a b"="c"',
    'foo.bar="x"',
    'a="with \\"quote\\""',
    'a=~"\\\\d+"',
    'alertname=Watchdog',
    '{ a = "b" }',
    'a=~.*',
    'ünïcode="ok"',
    'a="é"',
  ]) {
    assert.deepEqual(checkMatcher(m), [], m);
  }
});

test('parseMatchers returns names, ops, values and spans', () => {
  const ms = parseMatchers('{a="b", c=~"d|e"}');
  assert.equal(ms.length, 2);
  assert.deepEqual(ms[0], {
    name: 'a',
    op: '=',
    value: 'b',
    from: 1,
    to: 6,
    nameFrom: 1,
    nameTo: 2,
    valueFrom: 3,
    valueTo: 6,
  });
  assert.deepEqual(
    [ms[1]!.name, ms[1]!.op, ms[1]!.value, ms[1]!.valueFrom, ms[1]!.valueTo],
    ['c', '=~', 'd|e', 11, 16],
  );
  assert.deepEqual(parseMatchers('a="x\\ny"')[0]?.value, 'x\ny');
  assert.deepEqual(
    parseMatchers('foo=bar baz').map((m) => m.value),
    ['bar baz'],
  );
  assert.deepEqual(parseMatchers('bad=~', { grammar: 'utf8' }), []);
  assert.equal(parseMatchers('bad=~').length, 1); // fallback: classic accepts an empty value
});

test('regex values compile as RE2', () => {
  const p = one('a=~"("', 'matcher.bad-regex', 4, 5);
  assert.match(String(p.args.reason), /missing closing \)/);
  one('a=~"x(?=y)"', 'matcher.bad-regex', 5, 8);
  one('a!~"[z-a]"', 'matcher.bad-regex', 5, 8);
  one('a=~[', 'matcher.bad-regex', 3, 4);
  one('a=~"\\\\1"', 'matcher.bad-regex', 4, 7);
  assert.deepEqual(checkMatcher('a="("'), []);
});

test('syntax errors with exact positions', () => {
  one('a', 'matcher.expected-operator', 0, 1);
  one('a b', 'matcher.expected-operator', 2, 3);
  one('=b', 'matcher.expected-name', 0, 1);
  one(',', 'matcher.expected-name', 0, 1);
  one('a=b,,', 'matcher.expected-name', 4, 5);
  one('a!b', 'matcher.syntax', 1, 2);
  one('a~b', 'matcher.syntax', 1, 2);
  one('a="b', 'matcher.unterminated-string', 2, 4);
  one('a="\\q"', 'matcher.bad-escape', 3, 5);
  one('{a="b"', 'matcher.unbalanced-braces', 0, 1);
  one('a="b"}', 'matcher.unbalanced-braces', 5, 6);
  one('{a="b"} x', 'matcher.syntax', 8, 9);
});

test('utf8 grammar rejects what only the classic parser accepts', () => {
  one('foo=bar baz', 'matcher.expected-comma', 8, 11, 'utf8');
  one('a=', 'matcher.expected-value', 1, 2, 'utf8');
  one("a='b'", 'matcher.syntax', 2, 3, 'utf8');
});

test('fallback mode accepts classic-only input with a warning', () => {
  const p = one('foo=bar baz', 'matcher.classic-only', 8, 11);
  assert.equal(p.severity, 'warning');
  assert.equal(one('a=', 'matcher.classic-only', 1, 2).severity, 'warning');
  one('a="b" c="d"', 'matcher.classic-only', 6, 7);
});

test('classic grammar checks legacy label names', () => {
  assert.deepEqual(checkMatcher('a="b", c=~"d"', { grammar: 'classic' }), []);
  one('foo.bar="x"', 'matcher.syntax', 0, 11, 'classic');
  one('a=~"("', 'matcher.bad-regex', 3, 6, 'classic');
  one('a=b"c', 'matcher.syntax', 2, 5, 'classic');
  one('{a="b"', 'matcher.unbalanced-braces', 0, 6, 'classic');
  one('job:x="y"', 'matcher.bad-label-name', 0, 5, 'classic');
});

test('never throws and stays fast', () => {
  const t = Date.now();
  for (const v of [
    undefined,
    1,
    'a="'.repeat(30000),
    '{'.repeat(100000),
    'a=~"' + '('.repeat(5000) + '"',
    '"'.repeat(100000),
    ',,,,'.repeat(2000),
    'a=b,'.repeat(2000),
  ]) {
    assert.doesNotThrow(() => checkMatcher(v as unknown as string));
    assert.doesNotThrow(() => parseMatchers(v as unknown as string, { grammar: 'classic' }));
  }
  assert.ok(Date.now() - t < 3000);
});
