import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCron, parseCron } from '../../../core/src/lang/cron';

const one = (text: string) => {
  const ps = checkCron(text);
  assert.equal(ps.length, 1, `expected one problem for ${JSON.stringify(text)}, got ${JSON.stringify(ps)}`);
  return ps[0]!;
};
const at = (text: string, code: string, from: number, to: number) => {
  const p = one(text);
  assert.equal(p.code, code, text);
  assert.deepEqual([p.from, p.to], [from, to], text);
  return p;
};

test('valid expressions', () => {
  for (const c of [
    '* * * * *',
    '*/15 * * * *',
    '0 3 * * *',
    '0 3 * * MON-FRI',
    '0 0 1 JAN *',
    '0 0 1 jan,jul *',
    '5,10,15 * * * *',
    '0-30/10 8-18 * * 1-5',
    '0 0 * * 7',
    '0 0 * * 5-7',
    '0 0 ? * SUN',
    '0 0 31 1 *',
    '  0 3 * * *  ',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@DAILY',
    '5/15 * * * *',
  ]) {
    assert.deepEqual(checkCron(c), [], c);
  }
});

test('macros expand to schedules', () => {
  assert.deepEqual(parseCron('@hourly')?.minute, [0]);
  assert.equal(parseCron('@hourly')?.hour.length, 24);
  assert.deepEqual(parseCron('@weekly')?.dayOfWeek, [0]);
  const s = parseCron('*/20 9-17/4 * * MON,wed');
  assert.deepEqual(s?.minute, [0, 20, 40]);
  assert.deepEqual(s?.hour, [9, 13, 17]);
  assert.deepEqual(s?.dayOfWeek, [1, 3]);
  assert.deepEqual(parseCron('0 0 * * 5-7')?.dayOfWeek, [0, 5, 6]);
  assert.deepEqual(parseCron('0 0 * * 0-7')?.dayOfWeek, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(parseCron('60 * * * *'), undefined);
});

test('out-of-range values point at the value and give the allowed range', () => {
  assert.equal(at('60 * * * *', 'cron.out-of-range', 0, 2).args.allowed, '0-59');
  assert.equal(at('0 24 * * *', 'cron.out-of-range', 2, 4).args.field, 'hour');
  assert.equal(at('0 0 0 * *', 'cron.out-of-range', 4, 5).args.field, 'day-of-month');
  assert.equal(at('0 0 32 * *', 'cron.out-of-range', 4, 6).args.allowed, '1-31');
  assert.equal(at('0 0 * 13 *', 'cron.out-of-range', 6, 8).args.field, 'month');
  assert.equal(at('0 0 * * 8', 'cron.out-of-range', 8, 9).args.field, 'day-of-week');
  at('1,2,99 * * * *', 'cron.out-of-range', 4, 6);
  at('0 0-25 * * *', 'cron.out-of-range', 4, 6);
});

test('invalid values, names in the wrong field', () => {
  at('a * * * *', 'cron.invalid-value', 0, 1);
  const p = at('0 0 * MON *', 'cron.invalid-value', 6, 9);
  assert.match(String(p.args.hint), /day-of-week/);
  at('0 0 * * JAN', 'cron.invalid-value', 8, 11);
  at('0 0 * * FRIDAY', 'cron.invalid-value', 8, 14);
  at('1,,2 * * * *', 'cron.invalid-value', 1, 3);
  at('-5 * * * *', 'cron.invalid-value', 0, 2);
  at('? 0 * * *', 'cron.invalid-value', 0, 1);
});

test('ranges and steps', () => {
  const r = at('5-1 * * * *', 'cron.bad-range', 0, 3);
  assert.equal(r.args.start, '5');
  at('0 0 * DEC-JAN *', 'cron.bad-range', 6, 13);
  at('*/0 * * * *', 'cron.bad-step', 1, 3);
  at('*/x * * * *', 'cron.bad-step', 1, 3);
  at('*/61 * * * *', 'cron.bad-step', 1, 4);
  at('0 */ * * *', 'cron.bad-step', 3, 4);
});

test('field count, macros, empty', () => {
  const six = at('0 * * * * *', 'cron.field-count', 10, 11);
  assert.equal(six.args.count, 6);
  assert.match(String(six.args.hint), /seconds/);
  at('* * *', 'cron.field-count', 0, 5);
  at('@weekly2', 'cron.unknown-macro', 0, 8);
  at('@reboot', 'cron.unknown-macro', 0, 7);
  at('', 'cron.empty', 0, 0);
  at('   ', 'cron.empty', 0, 3);
});

test('schedules that can never fire are a warning', () => {
  const p = at('0 0 31 2 *', 'cron.never-fires', 4, 6);
  assert.equal(p.severity, 'warning');
  assert.deepEqual(checkCron('0 0 29 2 *'), []);
  assert.deepEqual(checkCron('0 0 31 2 MON'), []);
});

test('never throws and stays fast', () => {
  const t = Date.now();
  for (const v of [
    undefined,
    42,
    'x'.repeat(100000),
    '*/1,'.repeat(20000),
    '1-59/1,'.repeat(10000) + ' * * * *',
    '@'.repeat(5000),
  ]) {
    assert.doesNotThrow(() => checkCron(v as unknown as string));
    assert.doesNotThrow(() => parseCron(v as unknown as string));
  }
  assert.ok(Date.now() - t < 2000);
});
