import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { messages, t } from '../../core/src/messages';

/** The translation bundles of the core's messages (l10n/bundle.l10n.<lang>.json), keyed by the English templates. */
const repoRoot = path.resolve(__dirname, '../../..');
const LANGS = ['fr', 'de', 'es', 'it'] as const;

function loadBundle(lang: string): Record<string, string> {
  const file = path.join(repoRoot, 'l10n', `bundle.l10n.${lang}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The distinct `{name}` placeholders of a template, sorted. */
function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]))].sort();
}

const templates = Object.entries(messages) as [string, string][];

test('messages has templates to translate', () => {
  assert.ok(templates.length > 0);
});

for (const lang of LANGS) {
  test(`bundle.l10n.${lang}.json translates every template of core/src/messages.ts`, () => {
    const bundle = loadBundle(lang);
    const missing = templates.filter(([, tpl]) => typeof bundle[tpl] !== 'string' || bundle[tpl].trim() === '').map(([id]) => id);
    assert.deepEqual(missing, [], `${lang}: no translation for ${missing.join(', ')}`);
  });

  test(`bundle.l10n.${lang}.json keeps the placeholders of each template`, () => {
    const bundle = loadBundle(lang);
    const wrong: string[] = [];
    for (const [id, tpl] of templates) {
      const translation = bundle[tpl];
      if (typeof translation !== 'string') continue;
      const want = placeholders(tpl);
      const got = placeholders(translation);
      if (JSON.stringify(want) !== JSON.stringify(got)) wrong.push(`${id}: expected {${want.join('}, {')}}, got {${got.join('}, {')}}`);
    }
    assert.deepEqual(wrong, [], `${lang}: ${wrong.join('; ')}`);
  });

  test(`t() uses bundle.l10n.${lang}.json once it is loaded`, () => {
    const bundle = loadBundle(lang);
    const template = messages['schema.required'];
    const translation = bundle[template];
    assert.equal(typeof translation, 'string', `${lang}: no translation for schema.required`);
    try {
      l10n.config({ contents: bundle });
      const expected = translation.replace(/\{where\}/g, 'x').replace(/\{key\}/g, 'y');
      const actual = t('schema.required', { where: 'x', key: 'y' });
      assert.equal(actual, expected);
      assert.notEqual(actual, template.replace('{where}', 'x').replace('{key}', 'y'), `${lang}: still English`);
      assert.doesNotMatch(actual, /\{\w+\}/, 'every placeholder filled in');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(t('schema.required', { where: 'x', key: 'y' }), template.replace('{where}', 'x').replace('{key}', 'y'), 'English again after the reset');
  });
}
