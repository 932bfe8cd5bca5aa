import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { fixturesDir, validate, shot, golden, doc, service, settings } from '../support/service';

const dir = path.join(fixturesDir, 'validation');

for (const name of fs
  .readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
  .sort()) {
  test(`golden: ${name}`, () => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const actual = validate(text, name, {}, dir).map(shot);
    const expected = golden(path.join(dir, name + '.expected.json'), actual);
    assert.deepEqual(actual, expected);
  });
}

test('every diagnostic has a code, the source, typed data and a severity', () => {
  for (const name of ['basic.yaml', 'basic.json', 'syntax.yaml', 'syntax.json']) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const diags = validate(text, name, {}, dir);
    assert.ok(diags.length >= 3, name);
    for (const d of diags) {
      assert.match(String(d.code), /^[a-z]+\.[a-z0-9-]+$/, `code of ${d.message}`);
      assert.equal(d.source, 'tenant-config');
      assert.ok(d.severity);
      assert.equal((d.data as { code: string }).code, d.code);
    }
  }
});

test('oneOf: only the branch the value meant is reported, never a bare "matches one of"', () => {
  const text = fs.readFileSync(path.join(dir, 'basic.yaml'), 'utf8');
  const shots = validate(text, 'basic.yaml', {}, dir).map(shot);
  const notifiers = shots.filter((s) => s.path?.[0] === 'notifiers');
  // slack channel pattern, email extra key `cc`, webhook typo in the discriminator.
  assert.deepEqual(
    notifiers.map((s) => [s.code, s.path?.join('.')]),
    [
      ['schema.pattern', 'notifiers.0.channel'],
      ['schema.additional-property', 'notifiers.1.cc'],
      ['schema.const', 'notifiers.2.kind'],
    ],
  );
  assert.ok(!shots.some((s) => s.code === 'schema.other'));
});

test('anyOf: one problem for a value matching no alternative', () => {
  const text = fs.readFileSync(path.join(dir, 'basic.yaml'), 'utf8');
  const timeout = validate(text, 'basic.yaml', {}, dir).filter(
    (d) => (d.data as { path?: unknown[] }).path?.[0] === 'timeout',
  );
  assert.equal(timeout.length, 1);
  assert.equal(timeout[0].code, 'schema.pattern');
});

test('missing required keys are reported on the parent key, naming the key in data', () => {
  const text = fs.readFileSync(path.join(dir, 'missing.yaml'), 'utf8');
  const diags = validate(text, 'missing.yaml', {}, dir);
  const req = diags.filter((d) => d.code === 'schema.required');
  const missing = req.map((d) => (d.data as { missing: string[] }).missing[0]).sort();
  assert.deepEqual(missing, ['mode', 'owner', 'port']);
  const root = req.find((d) => (d.data as { missing: string[] }).missing[0] === 'owner')!;
  assert.equal(root.range.start.line, 1, 'root problems sit on the first content line');
  const tls = req.find((d) => (d.data as { missing: string[] }).missing[0] === 'mode')!;
  assert.deepEqual(
    [tls.range.start.line, tls.range.start.character, tls.range.end.character],
    [2, 0, 3],
    'on the `tls` key',
  );
});

test('deprecated keys carry the Deprecated tag and the replacement', () => {
  const text = fs.readFileSync(path.join(dir, 'basic.yaml'), 'utf8');
  const dep = validate(text, 'basic.yaml', {}, dir).find((d) => d.code === 'schema.deprecated');
  assert.ok(dep);
  assert.deepEqual(dep.tags, [DiagnosticTag.Deprecated]);
  assert.equal(dep.severity, DiagnosticSeverity.Warning);
  assert.equal((dep.data as { replacement: string }).replacement, 'tls');
});

test('YAML 1.1 scalars get their own code where a boolean or string is expected', () => {
  const text = fs.readFileSync(path.join(dir, 'basic.yaml'), 'utf8');
  const diags = validate(text, 'basic.yaml', {}, dir).filter((d) => d.code === 'yaml.ambiguous-scalar');
  const byPath = Object.fromEntries(diags.map((d) => [(d.data as { path: string[] }).path.join('.'), d]));
  assert.equal((byPath.enabled.data as { expected: string }).expected, 'boolean');
  assert.equal(byPath.enabled.severity, DiagnosticSeverity.Error);
  assert.equal((byPath.mode.data as { expected: string }).expected, 'string');
  // Valid as a string but read as a boolean by YAML 1.1 tools: a warning.
  const yes = validate(
    '# tenant-config: $schema=../schemas/service.schema.json\nname: "no"\nowner: a@b.co\nport: 1\nmode: off\n',
    'y.yaml',
    {},
    dir,
  ).filter((d) => d.code === 'yaml.ambiguous-scalar');
  assert.equal(yes.length, 1);
  assert.equal(yes[0].severity, DiagnosticSeverity.Warning);
});

test('each document of a stream is validated, with ranges in the whole file', () => {
  const text = fs.readFileSync(path.join(dir, 'stream.yaml'), 'utf8');
  const shots = validate(text, 'stream.yaml', {}, dir).map(shot);
  assert.deepEqual(
    shots.map((s) => [s.code, s.range.split(':')[0]]),
    [
      ['schema.range', '8'],
      ['schema.required', '10'],
    ],
  );
});

test('an alias bomb gives a diagnostic, quickly', () => {
  let text = '# tenant-config: $schema=../schemas/service.schema.json\na: &a ["x","x","x","x","x","x","x","x","x"]\n';
  const names = 'bcdefghijklmnop';
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? 'a' : names[i - 1];
    text += `${names[i]}: &${names[i]} [${Array(9)
      .fill('*' + prev)
      .join(',')}]\n`;
  }
  const start = Date.now();
  const diags = validate(text, 'bomb.yaml', {}, dir);
  assert.ok(Date.now() - start < 2000, 'bounded time');
  assert.ok(diags.some((d) => d.code === 'document.alias-expansion-limit'));
});

test('severity is configurable per code, and `off` drops a code', () => {
  const text = fs.readFileSync(path.join(dir, 'basic.yaml'), 'utf8');
  const diags = validate(text, 'basic.yaml', { severity: { 'schema.enum': 'warning', 'schema.pattern': 'off' } }, dir);
  assert.ok(diags.filter((d) => d.code === 'schema.enum').every((d) => d.severity === DiagnosticSeverity.Warning));
  assert.ok(!diags.some((d) => d.code === 'schema.pattern'));
});

test('a remote schema is never fetched and says so', () => {
  const diags = validate('# tenant-config: $schema=https://example.com/s.json\na: 1\n', 'r.yaml');
  assert.deepEqual(
    diags.map((d) => d.code),
    ['schema.remote-not-fetched'],
  );
  assert.equal(diags[0].range.start.line, 0);
});

test('an unreadable or invalid user schema is a diagnostic, not a crash', () => {
  const missing = validate('# tenant-config: $schema=./nope.schema.json\na: 1\n', 'm.yaml', {}, dir);
  assert.deepEqual(
    missing.map((d) => d.code),
    ['schema.load-error'],
  );
});

test('association order: modeline, then $schema, then settings, then file patterns', () => {
  const svc = service();
  const s = settings({ schemas: { './test/fixtures/schemas/service.schema.json': ['**/assoc/*.yaml'] } });
  const byPattern = svc.getSchemaInfo(doc('a: 1\n', 'x.tenant.yaml'), s);
  assert.equal(byPattern.source, 'file-pattern');
  assert.match(byPattern.schemaUri ?? '', /tenant\.schema\.json$/);
  const bySettings = svc.getSchemaInfo(doc('a: 1\n', 'assoc/x.tenant.yaml'), s);
  assert.equal(bySettings.source, 'settings');
  assert.match(bySettings.schemaUri ?? '', /service\.schema\.json$/);
  const byKey = svc.getSchemaInfo(doc('$schema: monitoring\na: 1\n', 'assoc/x.tenant.yaml'), s);
  assert.equal(byKey.source, '$schema');
  const byModeline = svc.getSchemaInfo(
    doc('# yaml-language-server: $schema=security-policy\n$schema: monitoring\n', 'assoc/x.tenant.yaml'),
    s,
  );
  assert.equal(byModeline.source, 'modeline');
  assert.match(byModeline.schemaUri ?? '', /security-policy\.schema\.json$/);
});

test('user schema patterns: each runs on its own, and a catastrophic one is linear on RE2', () => {
  const fs2 = fs;
  const tmp = fs2.mkdtempSync(path.join(os.tmpdir(), 'tc-re2-'));
  fs2.writeFileSync(
    path.join(tmp, 's.schema.json'),
    JSON.stringify({
      type: 'object',
      properties: {
        a: { type: 'string', pattern: '^(ab+)+$' },
        b: { type: 'string', pattern: '^([a-z]+/)*[a-z]+$' },
        evil: { type: 'string', pattern: '^(a+)+$' },
      },
    }),
  );
  const head = '# tenant-config: $schema=./s.schema.json\n';
  const ok = validate(head + 'a: abbab\nb: x/y/z\n', 'ok.yaml', {}, tmp);
  assert.deepEqual(
    ok.map((d) => d.code),
    [],
  );
  const bad = validate(head + 'a: ba\nb: x//y\n', 'bad.yaml', {}, tmp);
  assert.deepEqual(
    bad.map((d) => (d.data as { path: string[] }).path.join('.')),
    ['a', 'b'],
  );
  const start = Date.now();
  const evil = validate(head + `evil: ${'a'.repeat(40)}b\n`, 'evil.yaml', {}, tmp);
  assert.ok(Date.now() - start < 1000, 'no catastrophic backtracking');
  assert.deepEqual(
    evil.map((d) => d.code),
    ['schema.pattern'],
  );
  fs2.rmSync(tmp, { recursive: true, force: true });
});

test('a path to a file of the bundled schemas folder names the bundled schema', () => {
  const info = service().getSchemaInfo(
    doc('a: 1\n', 'z.yaml'),
    settings({ schemas: { './schemas/tenant.schema.json': ['**/z.yaml'] } }),
  );
  assert.match(info.schemaUri ?? '', /^https:\/\/schemas\.tenant-config\.dev\/tenant\.schema\.json$/);
});
