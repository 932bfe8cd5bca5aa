import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { repoRoot } from '../support/service';
import { PROMETHEUS, SLACK, cleanup, cli, lintJson, tree } from './cliSupport';

const ESC = '\u001b[';

test('stylish is the default: problems grouped by file, aligned, summary; no colour when not a terminal', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS });
  try {
    const r = cli(dir, ['lint', '.']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'prometheus.yml');
    assert.match(lines[1], /^ {2}3:19 {2}error {2}.+ {2}prometheus\.timeout-exceeds-interval$/);
    assert.match(lines[2], /^ {2}4:3 {3}error {2}.+ {2}schema\.additional-property$/);
    assert.match(r.stdout, /✖ 2 problems \(2 errors, 0 warnings\) in 1 file checked/);
    assert.ok(!r.stdout.includes(ESC), 'no ANSI escapes in a pipe');
    const clean = cli(dir, ['lint', '.', '--ignore', 'prometheus.yml', 'prometheus.yml']);
    assert.equal(clean.status, 2, 'every file ignored: nothing to lint');
  } finally {
    cleanup(dir);
  }
});

test('--color forces colours, --no-color and NO_COLOR turn them off', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS });
  try {
    const colored = cli(dir, ['lint', '.', '--color']);
    assert.ok(colored.stdout.includes(`${ESC}31merror`), colored.stdout);
    assert.ok(colored.stdout.includes(`${ESC}4mprometheus.yml`), 'file name underlined');
    const forced = cli(dir, ['lint', '.', '--color'], { env: { NO_COLOR: '1' } });
    assert.ok(forced.stdout.includes(ESC), '--color wins over NO_COLOR');
    assert.ok(!cli(dir, ['lint', '.', '--no-color']).stdout.includes(ESC));
    assert.equal(cli(dir, ['lint', '.', '--color', '--no-color']).status, 2);
  } finally {
    cleanup(dir);
  }
});

test('control characters in names and messages are escaped for the terminal', () => {
  const dir = tree({ 'evil\u001b[2J.tenant.yaml': 'tenant_id: acme\nname\u001b]0;x\u0007: 1\n' });
  try {
    const r = cli(dir, ['lint', '.']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.ok(!r.stdout.includes('\u001b'), JSON.stringify(r.stdout));
    assert.ok(!r.stdout.includes('\u0007'));
    assert.ok(r.stdout.includes('evil\\x1b[2J.tenant.yaml'), r.stdout);
    assert.ok(r.stdout.includes('name\\x1b]0;x\\x07'), r.stdout);
  } finally {
    cleanup(dir);
  }
});

test('json: files, problems with 1-based ranges, summary; text: one line per problem, summary on stderr', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS });
  try {
    const r = lintJson(dir, ['.']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.json.summary, { files: 1, errors: 2, warnings: 0 });
    assert.deepEqual(
      r.json.files[0].problems.map((p) => [p.code, p.line, p.column, p.endLine, p.endColumn, p.severity]),
      [
        ['prometheus.timeout-exceeds-interval', 3, 19, 3, 22, 'error'],
        ['schema.additional-property', 4, 3, 4, 19, 'error'],
      ],
    );
    const t = cli(dir, ['lint', '.', '--format', 'text']);
    assert.deepEqual(
      t.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ').slice(0, 3).join(' ')),
      [
        'prometheus.yml:3:19 error prometheus.timeout-exceeds-interval',
        'prometheus.yml:4:3 error schema.additional-property',
      ],
    );
    assert.match(t.stderr, /^1 file\(s\) checked: 2 error\(s\), 0 warning\(s\)$/m);
  } finally {
    cleanup(dir);
  }
});

function sarifValidator(): (data: unknown) => boolean {
  const schema = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface Sarif {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> };
      }>;
      fixes?: Array<{
        description: { text: string };
        artifactChanges: Array<{
          replacements: Array<{ deletedRegion: Record<string, number>; insertedContent: { text: string } }>;
        }>;
      }>;
    }>;
  }>;
}

test('sarif: valid against the OASIS 2.1.0 schema; rules with help links, relative URIs, fixes where one exists', () => {
  const dir = tree({
    'conf/prometheus.yml': 'global:\n  scrape_interval: 15s\n  evaluation_interval: 30sec\n  scrape_intervall: 1m\n',
    'conf/my tenant.tenant.yaml': 'schema_version: "1"\ntenant_id: Not Valid\n',
  });
  try {
    const r = cli(dir, ['lint', 'conf', '--format', 'sarif']);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify((validate as unknown as { errors: unknown }).errors, null, 2));
    // The validator is not vacuous: a log without its version is rejected.
    assert.equal(validate({ ...log, version: undefined }), false);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'tenant-config');
    assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    assert.deepEqual(ids, [...new Set(run.results.map((x) => x.ruleId))].sort());
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri, /^file:\/\/.*\/docs\/diagnostics\.md#[a-z0-9-]+$/);
      const anchor = rule.helpUri.slice(rule.helpUri.indexOf('#') + 1);
      const doc = fs.readFileSync(new URL(rule.helpUri.slice(0, rule.helpUri.indexOf('#'))), 'utf8');
      assert.ok(doc.includes(`\n## ${anchor}\n`), `${rule.id}: ${anchor} is a section of docs/diagnostics.md`);
    }
    for (const res of run.results) assert.equal(ids[res.ruleIndex], res.ruleId);
    const locations = run.results.map((x) => x.locations[0].physicalLocation.artifactLocation);
    assert.ok(locations.every((l) => l.uriBaseId === '%SRCROOT%' && !l.uri.startsWith('/')));
    assert.ok(
      locations.some((l) => l.uri === 'conf/my%20tenant.tenant.yaml'),
      JSON.stringify(locations),
    );
    const duration = run.results.find((x) => x.ruleId === 'duration.unknown-unit')!;
    assert.deepEqual(duration.locations[0].physicalLocation.region, {
      startLine: 3,
      startColumn: 26,
      endLine: 3,
      endColumn: 29,
    });
    assert.equal(duration.fixes?.length, 1);
    assert.deepEqual(duration.fixes![0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 3, startColumn: 24, endLine: 3, endColumn: 29 }, insertedContent: { text: '30s' } },
    ]);
    const pattern = run.results.find((x) => x.ruleId === 'schema.pattern')!;
    assert.equal(pattern.fixes, undefined, 'no fix is invented where none exists');
  } finally {
    cleanup(dir);
  }
});

test('github: one workflow command per problem, properties and message escaped', () => {
  const dir = tree({ 'a,b:c.prometheus.yml': 'global:\n  scrape_intervall: 1m\n  scrape_timeout: 20%\n' });
  try {
    const r = cli(dir, ['lint', '.', '--format', 'github']);
    assert.equal(r.status, 1);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(commands.length >= 2, r.stdout);
    const unknown = commands.find((c) => c.includes('title=schema.additional-property'))!;
    assert.match(
      unknown,
      /^::error file=a%2Cb%3Ac\.prometheus\.yml,line=2,col=3,endLine=2,endColumn=19,title=schema\.additional-property::Unknown key `scrape_intervall`/,
    );
    for (const c of commands) {
      const message = c.slice(c.indexOf('::', 2) + 2);
      assert.ok(!/%(?!25|0D|0A)/.test(message.replace(/%25/g, '')), `a % in the message is escaped: ${message}`);
    }
    assert.ok(
      commands.some((c) =>
        c.includes("title=duration.unknown-unit::`scrape_timeout`: Unit '%25' is not a duration unit"),
      ),
      'the unit % is written %25',
    );
  } finally {
    cleanup(dir);
  }
});

test('junit: a suite per file, a failing case per error or warning, a passing case for a clean file; XML escaped', () => {
  const dir = tree({
    'bad.prometheus.yml': 'global:\n  scrape_intervall: 1m\n',
    'markup.prometheus.yml': 'global:\n  "scrape_<&\\"\\u0007>": 1m\n',
    'good.slack.yaml': SLACK,
  });
  try {
    const r = cli(dir, ['lint', '.', '--format', 'junit', '--no-cross-file']);
    assert.equal(r.status, 1, r.stderr);
    const xml = r.stdout;
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="tenant-config" tests="3" failures="2" errors="0">/,
    );
    assert.match(xml, /<testsuite name="bad\.prometheus\.yml" tests="1" failures="1" errors="0">/);
    assert.match(xml, /<testcase classname="bad\.prometheus\.yml" name="2:3 schema\.additional-property">/);
    assert.match(xml, /<failure type="schema\.additional-property" message="Unknown key `scrape_intervall`/);
    assert.match(
      xml,
      /<testsuite name="good\.slack\.yaml" tests="1" failures="0" errors="0">\n {4}<testcase classname="good\.slack\.yaml" name="tenant-config lint"\/>/,
    );
    // Markup from the file is escaped; a character XML 1.0 cannot hold is written as an escape.
    assert.ok(xml.includes('Unknown key `scrape_&lt;&amp;&quot;\\u0007&gt;`'), xml);
    assert.ok(!xml.includes('scrape_<') && !xml.includes('\u0007'));
  } finally {
    cleanup(dir);
  }
});

test('--output-file writes the report to a file (any format), nothing on standard output', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS });
  try {
    for (const format of ['stylish', 'json', 'sarif', 'github', 'junit'] as const) {
      const out = path.join('reports', `out.${format}`);
      const r = cli(dir, ['lint', '.', '--format', format, '--output-file', out]);
      assert.equal(r.status, 1, `${format}: ${r.stderr}`);
      assert.equal(r.stdout, '', format);
      const written = fs.readFileSync(path.join(dir, out), 'utf8');
      assert.ok(written.includes('schema.additional-property'), `${format}: ${written}`);
      assert.ok(!written.includes(ESC), `${format}: no colours in a file`);
    }
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const blocked = cli(dir, ['lint', '.', '--output-file', 'blocker/report.json']);
    assert.equal(blocked.status, 2, 'an output file that cannot be written is an I/O error');
    assert.match(blocked.stderr, /cannot write blocker\/report\.json/);
  } finally {
    cleanup(dir);
  }
});
