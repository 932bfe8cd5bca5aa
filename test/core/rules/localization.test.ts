import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, json, ruleHits } from './check';

const doc = (locales: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schema_version: '2',
  tenant_id: 'acme',
  default_locale: 'en',
  supported_locales: ['en', 'fr', 'ar', 'he', 'ru'],
  locales,
  ...extra,
});

test('direction must match the script: ar and he are rtl, the others ltr', () => {
  // `rtl` is the format 1 key (version 2 has only `direction`).
  const hits = ruleHits(
    json(
      doc(
        { ar: { direction: 'ltr' }, he: { direction: 'rtl' }, fr: { direction: 'rtl' }, ru: { rtl: true } },
        { schema_version: '1' },
      ),
    ),
    'x.localization.json',
  ).filter((h) => h.code !== 'schema.outdated-version');
  assert.deepEqual(brief(hits), [
    { code: 'localization.direction-mismatch', text: '"ltr"', path: 'locales.ar.direction' },
    { code: 'localization.direction-mismatch', text: '"rtl"', path: 'locales.fr.direction' },
    { code: 'localization.direction-mismatch', text: 'true', path: 'locales.ru.rtl' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.data.expected),
    ['rtl', 'ltr', 'ltr'],
  );
});

test('default and fallback locales must be supported', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: de',
    'supported_locales: [en, fr]',
    'fallback:',
    '  fr: [es, en]',
    'locales:',
    '  en: {}',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.localization.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'localization.default-not-supported', text: 'de', path: 'default_locale' },
    { code: 'localization.fallback-not-supported', text: 'es', path: 'fallback.fr.0' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.severity),
    ['error', 'warning'],
  );
  assert.deepEqual(hits[0].data.supported, ['en', 'fr']);
});

test('decimal and thousands separators must differ', () => {
  const hits = ruleHits(
    json(
      doc({
        fr: { number: { decimal_separator: ',', thousands_separator: ',' } },
        en: { number: { decimal_separator: '.', thousands_separator: ',' } },
      }),
    ),
    'x.localization.json',
  );
  assert.deepEqual(brief(hits), [
    { code: 'localization.same-separators', text: '","', path: 'locales.fr.number.thousands_separator' },
  ]);
});

test('explicit plural categories against CLDR: missing ones on the key, extra ones on the item', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'supported_locales: [en, ru]',
    'locales:',
    '  en:',
    '    pluralization: { rules: explicit, categories: [one, other, few] }',
    '  ru:',
    '    pluralization:',
    '      rules: explicit',
    '      categories: [one, other]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.localization.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'localization.plural-extra-category', text: 'few', path: 'locales.en.pluralization.categories.2' },
    { code: 'localization.plural-missing-category', text: 'categories', path: 'locales.ru.pluralization.categories' },
  ]);
  assert.deepEqual(hits[1].data.missing, ['few', 'many']);
  assert.ok(hits.every((h) => h.severity === 'warning'));
});

test('a consistent localization file gives nothing', () => {
  const text = json(
    doc(
      {
        en: {
          direction: 'ltr',
          number: { decimal_separator: '.', thousands_separator: ',' },
          pluralization: { rules: 'explicit', categories: ['one', 'other'] },
        },
        ar: { direction: 'rtl' },
      },
      { fallback: { fr: 'en' } },
    ),
  );
  assert.deepEqual(ruleHits(text, 'x.localization.json'), []);
});
