import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, apply, fixed } from '../support/fixes';
import { fixAll } from '../support/ruleFixes';
import { validate } from '../support/service';

/** A key one level off gets one problem that says where it belongs, and the move as a quick fix. */
const templates = (body: string): string =>
  [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'templates:',
    '  acme.critical:',
    '    en:',
    "      title: '[{{ .Status }}] {{ .CommonLabels.alertname }}'",
    body,
    '    fr:',
    "      title: '[{{ .Status }}] {{ .CommonLabels.alertname }}'",
    "      body: '{{ .CommonAnnotations.summary }}'",
    '',
  ].join('\n');
const NAME = 'acme.alert-templates.yaml';

test('a body one level too shallow under a locale: one problem, with the indentation it belongs at', () => {
  const text = templates("    body: '{{ .CommonAnnotations.summary }}'");
  const ds = validate(text, NAME);
  assert.deepEqual(
    ds.map((d) => d.code),
    ['yaml.misindented-key'],
    ds.map((d) => d.message).join(' | '),
  );
  const d = ds[0]!;
  assert.equal(
    d.message,
    '`body` is at the wrong indentation: it is read as a key of `templates["acme.critical"]`; 2 spaces deeper it is a key of `en`, where it is valid.',
  );
  assert.deepEqual((d.data as { path: unknown }).path, ['templates', 'acme.critical', 'body']);
  assert.equal((d.data as { indent: number }).indent, 2);
  assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [7, 4, 8]);
});

test('the quick fix indents the key with its block, and the document is then valid; fix-all leaves it', () => {
  const text = templates(
    '    body: |\n      {{ .CommonAnnotations.summary }}\n\n      {{ .CommonAnnotations.description }}',
  );
  const { actions } = actionsFor(text, NAME, 'yaml.misindented-key');
  const indent = actions.find((a) => a.title === 'Indent `body` by 2 spaces');
  assert.ok(indent, actions.map((a) => a.title).join(' | '));
  const after = apply(text, indent);
  assert.equal(
    after,
    templates(
      '      body: |\n        {{ .CommonAnnotations.summary }}\n\n        {{ .CommonAnnotations.description }}',
    ),
  );
  assert.deepEqual(validate(after, NAME), []);
  assert.equal(fixAll(text, NAME), text, 'moving a key is offered, never applied unattended');
});

test('a key one level too deep is moved out', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'templates:',
    '  acme.critical:',
    '    en:',
    "      title: 't'",
    "      body: 'b'",
    '      fr:',
    "        title: 't'",
    "        body: 'b'",
    '',
  ].join('\n');
  const ds = validate(text, NAME);
  const hint = ds.find((d) => d.code === 'yaml.misindented-key');
  assert.ok(hint, ds.map((d) => `${String(d.code)}: ${d.message}`).join(' | '));
  assert.equal((hint.data as { indent: number }).indent, -2);
  assert.match(String(hint.message), /^`fr` is at the wrong indentation: .* 2 spaces less it is a key beside `en`/);
  const after = fixed(text, NAME, 'yaml.misindented-key', /^Outdent `fr` by 2 spaces$/);
  assert.ok(after.includes("\n    fr:\n      title: 't'\n      body: 'b'\n"), after);
  assert.deepEqual(
    validate(after, NAME).map((d) => d.code),
    [],
  );
});

test('no hint when no move makes the key valid (a misspelled key stays a misspelled key)', () => {
  const text = templates("      bdy: '{{ .CommonAnnotations.summary }}'");
  const codes = validate(text, NAME).map((d) => d.code);
  assert.ok(!codes.includes('yaml.misindented-key'), codes.join(', '));
  assert.ok(codes.length >= 1);
});
