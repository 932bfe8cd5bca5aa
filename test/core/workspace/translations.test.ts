import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ws } from './helpers';

const LOCALIZATION = `tenant_id: acme
default_locale: en
supported_locales: [en, fr, fr-CA, de]
fallback:
  fr-CA: [fr]
locales:
  en:
    messages:
      common.save: Save
      playlist.generated: "Playlist {name} generated for {user}"
      queue.count: "{count, plural, one {# track} other {# tracks}}"
  fr:
    messages:
      common.save: Enregistrer
      playlist.generated: "Playlist {nom} générée pour {user}"
      queue.count: "{count} titres"
  fr-CA:
    messages:
      common.save: Enregistrer
  de:
    messages:
      playlist.generated: "Playlist {name} für {user}"
      queue.count: "{count, plural, one {# Titel} other {# Titel}}"
`;

test('missing translations: reported on the locale messages key, except through an explicit fallback', () => {
  const ws = new Ws({ 'acme/acme.localization.yaml': LOCALIZATION });
  const missing = ws.problems('acme/acme.localization.yaml').filter((p) => p.code === 'ref.missing-translation');
  assert.deepEqual(
    missing.map((p) => [p.data?.locale, p.data?.name]),
    [['de', 'common.save']],
  );
  assert.equal(missing[0].offset, ws.at('acme/acme.localization.yaml', 'messages', 3));
  assert.equal(missing[0].length, 'messages'.length);
  assert.deepEqual(missing[0].data?.path, ['locales', 'de', 'messages']);
  assert.deepEqual(missing[0].data?.definedIn, ['en', 'fr', 'fr-CA']);
  assert.equal(missing[0].severity, 'warning');
});

test('placeholder parity against the default locale: names and argument types', () => {
  const ws = new Ws({ 'acme/acme.localization.yaml': LOCALIZATION });
  const p = ws.problems('acme/acme.localization.yaml').filter((x) => x.code === 'ref.placeholder-mismatch');
  assert.deepEqual(
    p.map((x) => [x.data?.locale, x.data?.name]),
    [
      ['fr', 'playlist.generated'],
      ['fr', 'queue.count'],
    ],
  );
  assert.deepEqual(p[0].data?.missing, ['name']);
  assert.deepEqual(p[0].data?.extra, ['nom']);
  assert.equal(p[0].data?.referenceLocale, 'en');
  assert.equal(ws.slice('acme/acme.localization.yaml', p[0]), '"Playlist {nom} générée pour {user}"');
  assert.deepEqual(p[0].data?.path, ['locales', 'fr', 'messages', 'playlist.generated']);
  assert.deepEqual(p[1].data?.types, [{ name: 'count', expected: 'plural', actual: 'argument' }]);
});

test('the same checks on a JSON localization file', () => {
  const json = JSON.stringify(
    {
      tenant_id: 'acme',
      default_locale: 'en',
      supported_locales: ['en', 'fr'],
      locales: { en: { messages: { a: 'Hi {name}', b: 'B' } }, fr: { messages: { a: 'Salut {nom}' } } },
    },
    null,
    2,
  );
  const ws = new Ws({ 'acme/acme.localization.json': json });
  const p = ws.problems('acme/acme.localization.json');
  assert.deepEqual(
    p.map((x) => [x.code, x.data?.locale, x.data?.name]),
    [
      ['ref.missing-translation', 'fr', 'b'],
      ['ref.placeholder-mismatch', 'fr', 'a'],
    ],
  );
  assert.equal(ws.slice('acme/acme.localization.json', p[0]), 'messages');
  assert.equal(ws.slice('acme/acme.localization.json', p[1]), '"Salut {nom}"');
});

test('alert templates need every supported locale of the tenant, or a fallback to one they have', () => {
  const templates = `tenant_id: acme
templates:
  acme.critical:
    en: { title: t, body: b }
    fr: { title: t, body: b }
  acme.warning:
    en: { title: t, body: b }
`;
  const ws = new Ws({ 'acme/acme.localization.yaml': LOCALIZATION, 'acme/acme.alert-templates.yaml': templates });
  const p = ws.problems('acme/acme.alert-templates.yaml').filter((x) => x.code === 'ref.missing-template-locale');
  // fr-CA falls back to fr: covered for acme.critical, not for acme.warning.
  assert.deepEqual(
    p.map((x) => [x.data?.name, x.data?.locale]),
    [
      ['acme.critical', 'de'],
      ['acme.warning', 'de'],
      ['acme.warning', 'fr'],
      ['acme.warning', 'fr-CA'],
    ],
  );
  assert.equal(ws.slice('acme/acme.alert-templates.yaml', p[1]), 'acme.warning');
  assert.deepEqual(p[1].data?.path, ['templates', 'acme.warning']);
  // Without a localization file for the tenant, nothing is known about its locales.
  ws.remove('acme/acme.localization.yaml');
  assert.deepEqual(
    ws.codes('acme/acme.alert-templates.yaml').filter((c) => c.includes('locale')),
    [],
  );
});
