import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { catalogs, messages, phrases, problemMessages, say, sayLang, type MessageId } from '../../core/src/messages';
import { Ws } from './workspace/helpers';

const templateOf = (id: string): string => (messages as Record<string, string>)[id]!;

/**
 * The translation bundles of the core's messages (l10n/bundle.l10n.<lang>.json), keyed by the
 * English templates of the catalogs (core/src/messages/*.ts), rendered by the one formatter.
 */
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

/** The `{name}` placeholders the formatter fills, sorted (Go-template text such as `{{end}}` is not one). */
function fillable(s: string): string[] {
  return [...new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** Go-template text (`{{end}}`, `{{ {name} := … }}`) that a translation must keep as written, sorted. */
function goTemplateText(s: string): string[] {
  return [...s.matchAll(/\{\{.*?\}\}(?!\})/g)].map((m) => m[0]).sort();
}

/** Fill `{name}` placeholders the way the formatter does (unknown ones stay as written). */
function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, k: string) =>
    Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : whole,
  );
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

test('every catalog has templates, and an id belongs to one catalog', () => {
  const seen = new Map<string, string>();
  for (const [area, catalog] of Object.entries(catalogs)) {
    assert.ok(Object.keys(catalog).length > 0, area);
    for (const id of Object.keys(catalog)) {
      assert.equal(seen.get(id), undefined, `${id} is in ${seen.get(id)} and ${area}`);
      seen.set(id, area);
    }
  }
  assert.equal(seen.size, Object.keys(messages).length);
  for (const id of Object.keys(problemMessages)) assert.ok(!(id in phrases), `${id}: a problem message and a phrase`);
});

for (const [area, catalog] of Object.entries(catalogs)) {
  for (const lang of LANGS) {
    test(`bundle.l10n.${lang}.json translates every template of the ${area} catalog`, () => {
      const bundle = loadBundle(lang);
      const missing = Object.entries(catalog)
        .filter(([, tpl]) => typeof bundle[tpl] !== 'string' || bundle[tpl].trim() === '')
        .map(([id]) => id);
      assert.deepEqual(missing, [], `${lang}: no translation for ${missing.join(', ')}`);
    });

    test(`bundle.l10n.${lang}.json keeps the placeholders of each template of the ${area} catalog`, () => {
      const bundle = loadBundle(lang);
      const wrong: string[] = [];
      for (const [id, tpl] of Object.entries(catalog)) {
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

for (const lang of LANGS) {
  test(`say() uses bundle.l10n.${lang}.json once it is loaded`, () => {
    const bundle = loadBundle(lang);
    const template = messages['schema.required'];
    const translation = bundle[template];
    assert.equal(typeof translation, 'string', `${lang}: no translation for schema.required`);
    const where = (b: Record<string, string>): string =>
      fill(b[messages['where.path']] ?? messages['where.path'], { path: 'x' });
    try {
      l10n.config({ contents: bundle });
      const actual = say('schema.required', ['x'], { key: 'y' });
      assert.equal(actual, capitalize(fill(translation!, { where: where(bundle), key: 'y' })));
      assert.notEqual(actual, capitalize(fill(template, { where: where({}), key: 'y' })), `${lang}: still English`);
      assert.doesNotMatch(actual, /\{\w+\}/, 'every placeholder filled in');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(
      say('schema.required', ['x'], { key: 'y' }),
      '`x` is missing the required key `y`.',
      'English again after the reset',
    );
  });

  test(`a message that does not name its key is said after it, with bundle.l10n.${lang}.json too`, () => {
    const bundle = loadBundle(lang);
    const id = 'alertmanager.undefined-receiver.suggest';
    const args = { name: 'team-db', suggestion: 'team-dba' };
    const at = ['route', 'routes', 0, 'receiver'];
    const template: string = problemMessages[id];
    const translation = bundle[template];
    const wrapper = bundle[messages['at.key']];
    assert.equal(typeof translation, 'string', `${lang}: no translation for ${id}`);
    assert.equal(typeof wrapper, 'string', `${lang}: no translation for at.key`);
    const english = '`receiver`: ' + fill(template, args);
    assert.equal(say(id, at, args), english);
    try {
      l10n.config({ contents: bundle });
      const actual = say(id, at, args);
      assert.equal(actual, fill(wrapper!, { key: 'receiver', message: capitalize(fill(translation!, args)) }));
      assert.notEqual(actual, english, `${lang}: still English`);
      assert.doesNotMatch(actual, /\{\w+\}/, 'every placeholder filled in');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(say(id, at, args), english, 'English again after the reset');
  });

  test(`a checker's message uses bundle.l10n.${lang}.json, Go-template text and phrases included`, () => {
    const bundle = loadBundle(lang);
    // A template with Go-template text around a placeholder: `{{{keyword}}}` must become `{{range}}`.
    const problem = { code: 'template.missing-end', from: 0, to: 8, args: { keyword: 'range' } };
    const template = problemMessages['template.missing-end'];
    const translation = bundle[template];
    assert.equal(typeof translation, 'string', `${lang}: no translation for ${problem.code}`);
    const english = '{{range}} is never closed; add {{end}} where the block should stop.';
    assert.equal(sayLang(problem, []), english, 'English without a bundle');
    try {
      l10n.config({ contents: bundle });
      const actual = sayLang(problem, []);
      assert.equal(actual, fill(translation!, problem.args));
      assert.notEqual(actual, english, `${lang}: still English`);
      assert.ok(
        actual.includes('{{range}}') && actual.includes('{{end}}'),
        `${lang}: Go-template text kept: ${actual}`,
      );
      assert.doesNotMatch(actual.replace(/\{\{[^{}]*\}\}/g, ''), /\{\w+\}/, 'every placeholder filled in');
      // The field name is one of the fixed phrases of the arguments, translated too.
      const step = { step: '0', field: 'minute', max: 60 };
      // A cron message does not name its key: the formatter says it first (`schedule`).
      assert.equal(
        say('cron.bad-step', ['schedule'], step),
        fill(bundle[messages['at.key']]!, {
          key: 'schedule',
          message: fill(bundle[problemMessages['cron.bad-step']]!, {
            ...step,
            field: bundle[phrases['cron.field.minute']]!,
          }),
        }),
      );
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(sayLang(problem, []), english, 'English again after the reset');
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
  test(`bundle.l10n.${lang}.json keeps the code spans of each template of the workspace catalog`, () => {
    const bundle = loadBundle(lang);
    const wrong: string[] = [];
    for (const [id, tpl] of Object.entries(catalogs.workspace!)) {
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
    const tr = (id: MessageId, args: Record<string, string | number> = {}): string => {
      const translation = bundle[messages[id]];
      assert.equal(typeof translation, 'string', `${lang}: no translation for ${id}`);
      return fill(translation!, args);
    };
    const en = (id: MessageId, args: Record<string, string | number> = {}): string => fill(messages[id], args);
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
      // The message names the template, not the key: the formatter says `alert_template` first.
      'acme/acme.slack.yaml ref.undefined-template': f('at.key', {
        key: 'alert_template',
        message: f('ref.undefined.suggest', {
          message: f('ref.undefined-template', {
            name: 'acme.critcal',
            owner: f('ref.owner.tenant-or-platform', { tenant: 'acme' }),
          }),
          suggestion: 'acme.critical',
        }),
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
  test(`the fixed phrases among a checker's arguments are translated with bundle.l10n.${lang}.json`, () => {
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
      const got = bundle[phrases['promql.type.range-vector']!]!;
      assert.equal(sayLang(problem, []), fill(bundle[templateOf(problem.code)]!, { ...problem.args, got }));
      const position = fill(bundle[phrases['promql.position.line']!]!, { line: 2, column: 7 });
      assert.equal(sayLang(unclosed, []), fill(bundle[templateOf(unclosed.code)]!, { ...unclosed.args, position }));
      // Phrases inside phrases: the hint, then the sentence it wraps.
      const inner = bundle[phrases['intl.hint.separator']!]!;
      const outer = fill(bundle[phrases['intl.hint.use']!]!, { hint: inner, suggestion: 'en-US' });
      assert.equal(sayLang(hint, []), fill(bundle[templateOf(hint.code)]!, { ...hint.args, hint: outer }));
      assert.equal(problem.args.got, 'a range vector', 'the arguments (and so the data) stay English');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(sayLang(problem, []), fill(templateOf(problem.code), problem.args), 'English again after the reset');
  });
}

/** Every quick-fix title is a phrase of core/src/messages/fixes.ts (`fix.*`), translated like the others. */
test('quick-fix titles are message templates', () => {
  const ids = Object.keys(phrases).filter((id) => id.startsWith('fix.'));
  assert.ok(ids.length >= 20, ids.join(', '));
  assert.deepEqual(Object.keys(catalogs.fixes!), ids);
  for (const lang of LANGS) {
    const bundle = loadBundle(lang);
    for (const id of ids) assert.equal(typeof bundle[messages[id as MessageId]], 'string', `${lang}: ${id}`);
  }
});
