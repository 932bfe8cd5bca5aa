import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { messages, t } from '../../core/src/messages';
import { formatLangMessage, langArgs, langMessages } from '../../core/src/lang/messages';
import { ruleMessage, ruleMessages } from '../../core/src/rules/messages';
import { workspaceMessages, type WorkspaceMessageId } from '../../core/src/workspace/messages';
import { Ws } from './workspace/helpers';

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
    const missing = templates
      .filter(([, tpl]) => typeof bundle[tpl] !== 'string' || bundle[tpl].trim() === '')
      .map(([id]) => id);
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
      if (JSON.stringify(want) !== JSON.stringify(got))
        wrong.push(`${id}: expected {${want.join('}, {')}}, got {${got.join('}, {')}}`);
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
    assert.equal(
      t('schema.required', { where: 'x', key: 'y' }),
      template.replace('{where}', 'x').replace('{key}', 'y'),
      'English again after the reset',
    );
  });
}

/**
 * The other message families rendered through the same bundles: the semantic rules
 * (core/src/rules/messages.ts), the language checkers (core/src/lang/messages.ts) and the
 * cross-file workspace checks with the fragments they are built from (core/src/workspace/messages.ts).
 */
const families: { name: string; file: string; templates: [string, string][] }[] = [
  { name: 'ruleMessages', file: 'core/src/rules/messages.ts', templates: Object.entries(ruleMessages) },
  { name: 'langMessages', file: 'core/src/lang/messages.ts', templates: Object.entries(langMessages) },
  { name: 'workspaceMessages', file: 'core/src/workspace/messages.ts', templates: Object.entries(workspaceMessages) },
  { name: 'langArgs', file: 'core/src/lang/messages.ts (argument phrases)', templates: Object.entries(langArgs) },
];

/** The `{name}` placeholders the formatters fill, sorted (Go-template text such as `{{end}}` is not one). */
function fillable(s: string): string[] {
  return [...new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** Go-template text (`{{end}}`, `{{ {name} := … }}`) that a translation must keep as written, sorted. */
function goTemplateText(s: string): string[] {
  return [...s.matchAll(/\{\{.*?\}\}(?!\})/g)].map((m) => m[0]).sort();
}

for (const family of families) {
  test(`${family.name} has templates to translate`, () => {
    assert.ok(family.templates.length > 0);
  });

  for (const lang of LANGS) {
    test(`bundle.l10n.${lang}.json translates every template of ${family.file}`, () => {
      const bundle = loadBundle(lang);
      const missing = family.templates
        .filter(([, tpl]) => typeof bundle[tpl] !== 'string' || bundle[tpl].trim() === '')
        .map(([id]) => id);
      assert.deepEqual(missing, [], `${lang}: no translation for ${missing.join(', ')}`);
    });

    test(`bundle.l10n.${lang}.json keeps the placeholders of each template of ${family.file}`, () => {
      const bundle = loadBundle(lang);
      const wrong: string[] = [];
      for (const [id, tpl] of family.templates) {
        const translation = bundle[tpl];
        if (typeof translation !== 'string') continue;
        for (const [what, extract] of [
          ['placeholders', placeholders],
          ['fillable placeholders', fillable],
          ['Go-template text', goTemplateText],
        ] as const) {
          const want = extract(tpl);
          const got = extract(translation);
          if (JSON.stringify(want) !== JSON.stringify(got))
            wrong.push(`${id}: ${what} ${JSON.stringify(want)} != ${JSON.stringify(got)}`);
        }
      }
      assert.deepEqual(wrong, [], `${lang}: ${wrong.join('; ')}`);
    });
  }
}

/** Fill `{name}` placeholders the way the formatters do (unknown ones stay as written). */
function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, k: string) =>
    Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : whole,
  );
}

for (const lang of LANGS) {
  test(`ruleMessage() uses bundle.l10n.${lang}.json once it is loaded`, () => {
    const bundle = loadBundle(lang);
    const id = 'alertmanager.undefined-receiver.suggest';
    const args = { name: 'team-db', suggestion: 'team-dba' };
    const template = ruleMessages[id]!;
    const translation = bundle[template];
    assert.equal(typeof translation, 'string', `${lang}: no translation for ${id}`);
    try {
      l10n.config({ contents: bundle });
      const actual = ruleMessage(id, args);
      assert.equal(actual, fill(translation!, args));
      assert.notEqual(actual, fill(template, args), `${lang}: still English`);
      assert.doesNotMatch(actual, /\{\w+\}/, 'every placeholder filled in');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(ruleMessage(id, args), fill(template, args), 'English again after the reset');
  });

  test(`formatLangMessage() uses bundle.l10n.${lang}.json once it is loaded`, () => {
    const bundle = loadBundle(lang);
    // A template with Go-template text around a placeholder: `{{{keyword}}}` must become `{{range}}`.
    const problem = { code: 'template.missing-end', from: 0, to: 8, args: { keyword: 'range' } };
    const template = langMessages[problem.code]!;
    const translation = bundle[template];
    assert.equal(typeof translation, 'string', `${lang}: no translation for ${problem.code}`);
    const english = '{{range}} is never closed; add {{end}} where the block should stop.';
    assert.equal(formatLangMessage(problem), english, 'English without a bundle');
    try {
      l10n.config({ contents: bundle });
      const actual = formatLangMessage(problem);
      assert.equal(actual, fill(translation!, problem.args));
      assert.notEqual(actual, english, `${lang}: still English`);
      assert.ok(
        actual.includes('{{range}}') && actual.includes('{{end}}'),
        `${lang}: Go-template text kept: ${actual}`,
      );
      assert.doesNotMatch(actual.replace(/\{\{[^{}]*\}\}/g, ''), /\{\w+\}/, 'every placeholder filled in');
      // A language checker problem reported through ruleMessage() is translated as well.
      // (The field name is one of the fixed phrases of langArgs, translated too.)
      const step = { step: '0', field: 'minute', max: 60 };
      assert.equal(
        ruleMessage('cron.bad-step', step),
        fill(bundle[langMessages['cron.bad-step']!]!, { ...step, field: bundle[langArgs['cron.field.minute']!]! }),
      );
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(formatLangMessage(problem), english, 'English again after the reset');
  });
}

/** The `…` code spans of a template (key names, `{name}`, `tenant_id: {name}`), sorted. */
function codeSpans(s: string): string[] {
  return [...s.matchAll(/`([^`]*)`/g)].map((m) => m[1]!).sort();
}

/** Files whose cross-file problems use every kind of fragment: owners, locations, suggestions, placeholder details. */
const WORKSPACE = {
  'acme/a.monitoring.yaml': 'tenant_id: acme\nalertmanager:\n  time_intervals:\n    - name: nights\n',
  'acme/b.monitoring.yaml':
    'tenant_id: acme\nalertmanager:\n  time_intervals:\n    - name: weekend\n    - name: nights\n',
  'acme/acme.alert-templates.yaml': 'tenant_id: acme\ntemplates:\n  acme.critical:\n    en: { title: t, body: b }\n',
  'acme/acme.slack.yaml':
    'tenant_id: acme\nreceivers:\n  - name: acme-critical\n    slack_configs:\n      - channel: "#acme"\n        alert_template: acme.critcal\n',
  'acme/acme.localization.yaml': [
    'tenant_id: acme',
    'default_locale: en',
    'supported_locales: [en, fr]',
    'locales:',
    '  en:',
    '    messages:',
    '      greeting: "Hi {name}"',
    '      items: "{n, plural, one {# item} other {# items}}"',
    '  fr:',
    '    messages:',
    '      greeting: "Salut {nom}"',
    '      items: "{n} éléments"',
    '',
  ].join('\n'),
};

for (const lang of LANGS) {
  test(`bundle.l10n.${lang}.json keeps the code spans of each template of core/src/workspace/messages.ts`, () => {
    const bundle = loadBundle(lang);
    const wrong: string[] = [];
    for (const [id, tpl] of Object.entries(workspaceMessages)) {
      const translation = bundle[tpl];
      if (typeof translation !== 'string') continue;
      const want = codeSpans(tpl);
      const got = codeSpans(translation);
      if (JSON.stringify(want) !== JSON.stringify(got))
        wrong.push(`${id}: ${JSON.stringify(want)} != ${JSON.stringify(got)}`);
    }
    assert.deepEqual(wrong, [], `${lang}: ${wrong.join('; ')}`);
  });

  test(`workspace problems use bundle.l10n.${lang}.json once it is loaded, fragments included`, () => {
    const bundle = loadBundle(lang);
    /** A workspace template filled in, from the bundle (`tr`) or in English (`en`). */
    const tr = (id: WorkspaceMessageId, args: Record<string, string | number> = {}): string => {
      const translation = bundle[workspaceMessages[id]];
      assert.equal(typeof translation, 'string', `${lang}: no translation for ${id}`);
      return fill(translation!, args);
    };
    const en = (id: WorkspaceMessageId, args: Record<string, string | number> = {}): string =>
      fill(workspaceMessages[id], args);
    const expected = (f: typeof tr): Record<string, string> => ({
      'acme/a.monitoring.yaml ref.duplicate-time-interval': f('ref.duplicate-time-interval', {
        name: 'nights',
        owner: f('ref.owner.tenant', { tenant: 'acme' }),
        other: f('ref.location.other-file', { file: 'b.monitoring.yaml', line: 5 }),
      }),
      'acme/b.monitoring.yaml ref.duplicate-time-interval': f('ref.duplicate-time-interval', {
        name: 'nights',
        owner: f('ref.owner.tenant', { tenant: 'acme' }),
        other: f('ref.location.other-file', { file: 'a.monitoring.yaml', line: 4 }),
      }),
      'acme/acme.slack.yaml ref.undefined-template': f('ref.undefined.suggest', {
        message: f('ref.undefined-template', {
          name: 'acme.critcal',
          owner: f('ref.owner.tenant-or-platform', { tenant: 'acme' }),
        }),
        suggestion: 'acme.critical',
      }),
      'acme/acme.localization.yaml ref.placeholder-mismatch greeting': f('ref.placeholder-mismatch', {
        locale: 'fr',
        name: 'greeting',
        reference: 'en',
        details: f('ref.placeholder-mismatch.join', {
          first: f('ref.placeholder-mismatch.missing', { list: '`{name}`' }),
          next: f('ref.placeholder-mismatch.extra', { list: '`{nom}`' }),
        }),
      }),
      'acme/acme.localization.yaml ref.placeholder-mismatch items': f('ref.placeholder-mismatch', {
        locale: 'fr',
        name: 'items',
        reference: 'en',
        details: f('ref.placeholder-mismatch.type', { actual: '{n}', expected: '{n, plural, …}' }),
      }),
    });
    const ws = new Ws(WORKSPACE);
    const checked = new Set(Object.keys(expected(en)).map((k) => k.split(' ').slice(0, 2).join(' ')));
    const rendered = (): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const file of Object.keys(WORKSPACE)) {
        for (const p of ws.problems(file)) {
          const key = `${file} ${p.code}`;
          if (checked.has(key))
            out[p.code === 'ref.placeholder-mismatch' ? `${key} ${String(p.data?.name)}` : key] = p.message;
        }
      }
      return out;
    };
    assert.deepEqual(rendered(), expected(en), 'English without a bundle');
    try {
      l10n.config({ contents: bundle });
      const actual = rendered();
      assert.deepEqual(actual, expected(tr));
      for (const [key, message] of Object.entries(actual)) {
        assert.notEqual(message, expected(en)[key], `${lang}: still English: ${key}`);
        assert.doesNotMatch(
          message.replace(/`[^`]*`/g, ''),
          /\{\w+\}/,
          `${lang}: every placeholder filled in: ${message}`,
        );
      }
    } finally {
      l10n.config({ contents: {} });
    }
    assert.deepEqual(rendered(), expected(en), 'English again after the reset');
  });
}
for (const lang of LANGS) {
  test(`formatLangMessage() translates the fixed phrases among the arguments with bundle.l10n.${lang}.json`, () => {
    const bundle = loadBundle(lang);
    // A PromQL type and a position are built from English words; the data keeps them as they are.
    const problem = {
      code: 'promql.expected-instant-vector',
      from: 0,
      to: 1,
      args: { func: 'sum', index: 1, arg: 'x[5m]', got: 'a range vector' },
    };
    const unclosed = {
      code: 'promql.unclosed',
      from: 0,
      to: 1,
      args: { open: '(', close: ')', position: 'line 2, column 7' },
    };
    const hint = {
      code: 'intl.invalid-locale',
      from: 0,
      to: 1,
      args: { value: 'en_US', suggestion: 'en-US', hint: " BCP 47 separates subtags with '-', not '_'. Use 'en-US'." },
    };
    try {
      l10n.config({ contents: bundle });
      const got = bundle[langArgs['promql.type.range-vector']!]!;
      assert.equal(formatLangMessage(problem), fill(bundle[langMessages[problem.code]!]!, { ...problem.args, got }));
      const position = fill(bundle[langArgs['promql.position.line']!]!, { line: 2, column: 7 });
      assert.equal(
        formatLangMessage(unclosed),
        fill(bundle[langMessages[unclosed.code]!]!, { ...unclosed.args, position }),
      );
      // Phrases inside phrases: the hint, then the sentence it wraps.
      const inner = bundle[langArgs['intl.hint.separator']!]!;
      const outer = fill(bundle[langArgs['intl.hint.use']!]!, { hint: inner, suggestion: 'en-US' });
      assert.equal(formatLangMessage(hint), fill(bundle[langMessages[hint.code]!]!, { ...hint.args, hint: outer }));
      assert.equal(problem.args.got, 'a range vector', 'the arguments (and so the data) stay English');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(
      formatLangMessage(problem),
      fill(langMessages[problem.code]!, problem.args),
      'English again after the reset',
    );
  });
}

/** Every quick-fix title is a message of core/src/messages.ts (`fix.*`), translated like the others. */
test('quick-fix titles are message templates', () => {
  const ids = Object.keys(messages).filter((id) => id.startsWith('fix.'));
  assert.ok(ids.length >= 20, ids.join(', '));
  for (const lang of LANGS) {
    const bundle = loadBundle(lang);
    for (const id of ids)
      assert.equal(typeof bundle[messages[id as keyof typeof messages]], 'string', `${lang}: ${id}`);
  }
});
