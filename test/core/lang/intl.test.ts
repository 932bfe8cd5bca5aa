import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkCurrency,
  checkLocale,
  checkTimeZone,
  localeDirection,
  pluralCategories,
} from '../../../core/src/lang/intl';

test('time zones', () => {
  for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+1', 'US/Pacific'])
    assert.deepEqual(checkTimeZone(tz), [], tz);
  const bad = checkTimeZone('Mars/Phobos');
  assert.equal(bad[0]?.code, 'intl.unknown-timezone');
  assert.deepEqual([bad[0]?.from, bad[0]?.to], [0, 11]);
  assert.equal(checkTimeZone('Berlin')[0]?.args.suggestion, 'Europe/Berlin');
  const c = checkTimeZone('europe/berlin')[0];
  assert.equal(c?.code, 'intl.timezone-case');
  assert.equal(c?.severity, 'warning');
  assert.equal(c?.args.suggestion, 'Europe/Berlin');
  assert.equal(checkTimeZone('')[0]?.code, 'intl.timezone-empty');
  assert.equal(checkTimeZone(' UTC')[0]?.code, 'intl.timezone-whitespace');
  assert.equal(checkTimeZone('+01:00')[0]?.code, 'intl.unknown-timezone');
  assert.equal(checkTimeZone('Local')[0]?.code, 'intl.unknown-timezone');
  assert.deepEqual(checkTimeZone('Local', { allowLocal: true }), []);
});

test('locales', () => {
  for (const l of ['en', 'en-US', 'pt-BR', 'zh-Hant-TW', 'de', 'sr-Latn']) assert.deepEqual(checkLocale(l), [], l);
  const u = checkLocale('en_US')[0];
  assert.equal(u?.code, 'intl.invalid-locale');
  assert.equal(u?.args.suggestion, 'en-US');
  assert.deepEqual([u?.from, u?.to], [0, 5]);
  const c = checkLocale('EN-us')[0];
  assert.equal(c?.code, 'intl.locale-not-canonical');
  assert.equal(c?.args.suggestion, 'en-US');
  assert.equal(c?.severity, 'warning');
  assert.equal(checkLocale('iw')[0]?.args.suggestion, 'he');
  assert.equal(checkLocale('')[0]?.code, 'intl.locale-empty');
  assert.equal(checkLocale('en-')[0]?.code, 'intl.invalid-locale');
  const x = checkLocale('xx-US')[0];
  assert.equal(x?.code, 'intl.unknown-language');
  assert.deepEqual([x?.from, x?.to], [0, 2]);
});

test('currencies', () => {
  for (const c of ['USD', 'EUR', 'JPY', 'CHF']) assert.deepEqual(checkCurrency(c), [], c);
  assert.equal(checkCurrency('usd')[0]?.code, 'intl.currency-case');
  assert.equal(checkCurrency('usd')[0]?.args.suggestion, 'USD');
  assert.equal(checkCurrency('XYZ')[0]?.code, 'intl.unknown-currency');
  assert.equal(checkCurrency('xyz')[0]?.code, 'intl.unknown-currency');
  assert.equal(checkCurrency('US')[0]?.code, 'intl.invalid-currency');
  assert.equal(checkCurrency('EURO')[0]?.code, 'intl.invalid-currency');
  assert.equal(checkCurrency('')[0]?.code, 'intl.currency-empty');
});

test('plural categories and direction', () => {
  assert.deepEqual(pluralCategories('en').sort(), ['one', 'other']);
  assert.ok(pluralCategories('ar').includes('zero'));
  assert.ok(pluralCategories('ru').includes('many'));
  assert.deepEqual(pluralCategories('ja'), ['other']);
  assert.deepEqual(pluralCategories('en_bad'), ['other']);
  assert.ok(pluralCategories('en', 'ordinal').includes('few'));
  assert.equal(localeDirection('ar'), 'rtl');
  assert.equal(localeDirection('he-IL'), 'rtl');
  assert.equal(localeDirection('fa'), 'rtl');
  assert.equal(localeDirection('en'), 'ltr');
  assert.equal(localeDirection('not a locale'), 'ltr');
});

test('never throws', () => {
  for (const v of [undefined, null, 7, 'x'.repeat(100000), '\u0000', '-'.repeat(1000)]) {
    assert.doesNotThrow(() => checkTimeZone(v as unknown as string));
    assert.doesNotThrow(() => checkLocale(v as unknown as string));
    assert.doesNotThrow(() => checkCurrency(v as unknown as string));
    assert.doesNotThrow(() => pluralCategories(v as unknown as string));
    assert.doesNotThrow(() => localeDirection(v as unknown as string));
  }
});
