import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkGoTemplate,
  isDefaultAlertmanagerTemplate,
  parseGoTemplate,
  TemplateDialect,
} from '../../../core/src/lang/goTemplate';
import { sayLang } from '../../../core/src/messages';

/** A checker's problem said about the document (no key to name), as the lang checkers' tests read it. */
const formatLangMessage = (p: Parameters<typeof sayLang>[0]): string => sayLang(p, []);

const errors = (text: string, dialect: TemplateDialect) =>
  checkGoTemplate(text, dialect).filter((p) => p.severity !== 'warning');
const one = (text: string, code: string, from: number, to: number, dialect: TemplateDialect = 'prometheus') => {
  const ps = errors(text, dialect);
  assert.equal(ps.length, 1, `${text}: ${JSON.stringify(ps)}`);
  assert.equal(ps[0]!.code, code, text);
  assert.deepEqual([ps[0]!.from, ps[0]!.to], [from, to], `${text}: ${formatLangMessage(ps[0]!)}`);
  return ps[0]!;
};

test('valid Prometheus rule templates', () => {
  for (const t of [
    '{{ $labels.instance }} is down',
    '{{ $value | humanize }}',
    '{{ printf "%.2f" $value }}',
    '{{ .Labels.job }}',
    'no actions at all',
    '{{- $labels.job -}}',
    '{{ if gt $value 1.0 }}high{{ else if gt $value 0.5 }}mid{{ else }}low{{ end }}',
    '{{ with $labels.pod }}{{ . }}{{ end }}',
    '{{ range $k, $v := $labels }}{{ $k }}={{ $v }}{{ end }}',
    '{{/* comment */}}',
    '{{- /* trimmed comment */ -}}',
    '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
    '{{ $value | humanizePercentage }}',
    '{{ `raw` }}',
    "{{ 'c' }}",
    '{{ -3 }}',
    '{{ 0x1F }}',
    '{{ 1e3 }}',
    '{{ .5 }}',
    '{{ true }}',
    '{{ index $labels "pod" }}',
    '{{ (query "up") | first | value }}',
    '{{ range $i, $e := $labels }}{{ if $i }}{{ break }}{{ end }}{{ continue }}{{ end }}',
    '{{ define "x" }}a{{ end }}{{ template "x" . }}',
    '{{ block "b" . }}x{{ end }}',
    '{{ "a\\n\\"b\\"" }}',
    '{{ .Value | printf "%.1f" }}',
    '{{ $externalURL }}{{ $externalLabels.cluster }}',
    '{{\n  $labels.job\n}}',
  ]) {
    assert.deepEqual(
      checkGoTemplate(t, 'prometheus'),
      [],
      `${t}: ${JSON.stringify(checkGoTemplate(t, 'prometheus').map(formatLangMessage))}`,
    );
  }
});

test('valid Alertmanager templates', () => {
  for (const t of [
    '{{ define "slack.title" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ end }}',
    '{{ range .Alerts }}{{ .Labels.severity }}: {{ .Annotations.summary }} since {{ .StartsAt | since | humanizeDuration }}{{ end }}',
    '{{ template "slack.default.title" . }}',
    '{{ .CommonLabels.SortedPairs }}',
    '{{ join ", " .GroupLabels.Values }}',
    '{{ range $i, $a := .Alerts.Resolved }}{{ $a.Labels.pod }}{{ end }}',
    '{{ with .CommonAnnotations.runbook }}{{ . }}{{ else }}none{{ end }}',
    '{{ if .A }}{{ else }}{{ end }}'.replace('.A', '.Receiver'),
    '{{ with .Receiver }}{{ else with .Status }}{{ end }}',
    '{{ reReplaceAll "a" "b" .Receiver | safeHtml }}',
    '{{ $root := . }}{{ range .Alerts }}{{ $root.Receiver }}{{ end }}',
    '{{ tz "Europe/Berlin" now | date "2006" }}',
    '{{ dict "a" 1 | toJson }}',
  ]) {
    assert.deepEqual(
      checkGoTemplate(t, 'alertmanager'),
      [],
      `${t}: ${JSON.stringify(checkGoTemplate(t, 'alertmanager').map(formatLangMessage))}`,
    );
  }
});

test('lexical errors', () => {
  one('{{', 'template.unclosed-action', 0, 2);
  one('text {{ .A', 'template.unclosed-action', 5, 7);
  one('{{- $labels.x', 'template.unclosed-action', 0, 4);
  one('{{ "abc }}', 'template.unterminated-string', 3, 10);
  one('{{ "abc\n"}}', 'template.unterminated-string', 3, 7);
  one('{{ `abc }}', 'template.unterminated-raw-string', 3, 10);
  one("{{ 'a }}", 'template.unterminated-char', 3, 8);
  one('{{/* c }}', 'template.unclosed-comment', 0, 4);
  one('{{/* c */ }}', 'template.comment-before-delimiter', 7, 11);
  one('{{ ( .A }}', 'template.unclosed-paren', 3, 4, 'alertmanager');
  one('{{ $labels ) }}', 'template.unexpected-paren', 11, 12);
  one('{{ $labels.x# }}', 'template.bad-character', 12, 13);
  one('{{ 3.x }}', 'template.bad-number', 3, 6);
  one('{{ $labels : 1 }}', 'template.bad-character', 11, 12);
  one('{{ "é" | ✓ }}', 'template.bad-character', 9, 10);
});

test('structure errors: end, else, missing end', () => {
  one('{{ end }}', 'template.unexpected-end', 0, 9);
  one('a {{end}} b', 'template.unexpected-end', 2, 9);
  one('{{ else }}', 'template.unexpected-else', 0, 10);
  one('{{ if true }}a{{ else }}b{{ else }}c{{ end }}', 'template.unexpected-else', 25, 35);
  const m = one('{{ if gt $value 1.0 }}high', 'template.missing-end', 0, 22);
  assert.equal(formatLangMessage(m), '{{if}} is never closed; add {{end}} where the block should stop.');
  one('x {{ range $labels }}y', 'template.missing-end', 2, 21);
  one('{{ define "x" }}abc', 'template.missing-end', 0, 16);
  const two = errors('{{ if true }}{{ with $labels }}', 'prometheus');
  assert.deepEqual(
    two.map((p) => [p.code, p.from, p.to]),
    [
      ['template.missing-end', 0, 13],
      ['template.missing-end', 13, 31],
    ],
  );
  one('{{ if true }}{{ end x }}', 'template.unexpected-token', 20, 21);
  one('{{ range .X }}{{ else if .Y }}{{ end }}', 'template.unexpected-token', 22, 24, 'alertmanager');
  one('{{ if true }}{{ else with $labels }}{{ end }}', 'template.unexpected-token', 21, 25);
});

test('pipeline errors', () => {
  one('{{}}', 'template.missing-value', 0, 4);
  one('{{ }}', 'template.missing-value', 0, 5);
  one('{{if}}{{end}}', 'template.missing-value', 2, 4);
  one('{{ range }}{{ end }}', 'template.missing-value', 3, 8);
  one('{{ (  ) }}', 'template.missing-value', 3, 7);
  one('{{ $value | 1 }}', 'template.non-executable-command', 12, 13);
  one('{{ $value | "x" }}', 'template.non-executable-command', 12, 15);
  one('{{ $value | | humanize }}', 'template.unexpected-token', 12, 13);
  one('{{ nil }}', 'template.nil-command', 3, 6);
  one('{{ "a".B }}', 'template.field-after-term', 6, 8);
  one('{{ printf , }}', 'template.unexpected-token', 10, 11);
  one('{{ $labels , }}', 'template.too-many-declarations', 11, 12);
  one('{{ range $a, $b, $c := $labels }}{{ end }}', 'template.too-many-declarations', 15, 16);
  one('{{ $a, $b := 1 }}', 'template.too-many-declarations', 5, 6);
  one('{{ break }}', 'template.outside-range', 0, 8);
  one('{{ continue }}', 'template.outside-range', 0, 11);
  one('{{ range $labels }}{{ break x }}{{ end }}', 'template.unexpected-token', 28, 29);
  one('{{ template .X }}', 'template.bad-template-name', 12, 14);
  one('{{ define "a" }}{{ define "b" }}{{ end }}{{ end }}', 'template.nested-define', 16, 25);
  one('{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}', 'template.duplicate-define', 37, 38);
  assert.deepEqual(errors('{{ define "x" }}{{ end }}{{ define "x" }}b{{ end }}', 'prometheus'), []);
});

test('functions and variables per dialect', () => {
  const f = one('{{ humanise $value }}', 'template.undefined-function', 3, 11);
  assert.match(formatLangMessage(f), /not defined in Prometheus templates/);
  one('{{ humanize 1 }}', 'template.undefined-function', 3, 11, 'alertmanager');
  one('{{ toJson . }}', 'template.undefined-function', 3, 9, 'prometheus');
  one('{{ $foo }}', 'template.undefined-variable', 3, 7);
  const am = one('{{ $labels.x }}', 'template.undefined-variable', 3, 10, 'alertmanager');
  assert.match(String(am.args.hint), /Prometheus/);
  one('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', 'template.undefined-variable', 38, 40);
  one('{{ $x = 2 }}', 'template.undefined-variable', 3, 5);
  one('{{ define "d" }}{{ $labels }}{{ end }}', 'template.undefined-variable', 19, 26);
  one('{{ template "missing" }}', 'template.undefined-template', 13, 20);
  assert.deepEqual(errors('{{ template "missing" }}', 'alertmanager'), []);
});

test('unknown fields are warnings on known data', () => {
  const w = checkGoTemplate('{{ range .Alerts }}{{ .Foo }}{{ end }}', 'alertmanager');
  assert.deepEqual(
    w.map((p) => [p.code, p.from, p.to, p.severity]),
    [['template.unknown-field', 22, 26, 'warning']],
  );
  assert.equal(checkGoTemplate('{{ .Recevier }}', 'alertmanager')[0]?.code, 'template.unknown-field');
  assert.equal(checkGoTemplate('{{ .Labelz.x }}', 'prometheus')[0]?.code, 'template.unknown-field');
  assert.deepEqual(checkGoTemplate('{{ with .CommonLabels }}{{ .anything }}{{ end }}', 'alertmanager'), []);
});

test('recovery: an action closed with one brace is one problem, and what follows is read as written', () => {
  // `{{ .CommonLabels.severity }`: without recovery the action ran on into `{{ range .Alerts }}`,
  // so `.Annotations` was looked up on the template data and the `{{ end }}` closed nothing.
  const text = '{{ .CommonLabels.severity }\n{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}';
  const ps = checkGoTemplate(text, 'alertmanager');
  assert.deepEqual(
    ps.map((p) => [p.code, p.from, p.to]),
    [['template.unexpected-token', 26, 27]],
  );
  assert.equal(formatLangMessage(ps[0]!), "Unexpected '}' in operand: an action ends with '}}'; write '}}'.");
  // With no action after it, the action is unclosed (one problem, whose fixes close it).
  assert.deepEqual(
    checkGoTemplate('{{ .Status }', 'alertmanager').map((p) => p.code),
    ['template.unclosed-action'],
  );
  assert.deepEqual(
    checkGoTemplate('{{ .Status }\nfiring', 'alertmanager').map((p) => p.code),
    ['template.unclosed-action'],
  );
  // A brace inside an action that closes later is only an unexpected token.
  const inside = checkGoTemplate('{{ .Status } }}', 'alertmanager');
  assert.deepEqual(
    inside.map((p) => [p.code, p.from, p.message]),
    [['template.unexpected-token', 11, undefined]],
  );
  // Two mistakes, two problems: the `{{ end }` of an `{{ if }` written the same way is unclosed.
  assert.deepEqual(
    checkGoTemplate('{{ if .Status }a{{ end }', 'alertmanager').map((p) => [p.code, p.from, p.message]),
    [
      ['template.unexpected-token', 14, 'template.unexpected-token.brace'],
      ['template.unclosed-action', 16, undefined],
    ],
  );
});

test('range and with change the type of the dot, and end restores it', () => {
  assert.deepEqual(checkGoTemplate('{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}', 'alertmanager'), []);
  assert.deepEqual(
    checkGoTemplate('{{ range .Alerts }}{{ end }}{{ .Annotations.summary }}', 'alertmanager').map((p) => p.code),
    ['template.unknown-field'],
    'after {{end}} the dot is the template data again',
  );
  assert.deepEqual(
    checkGoTemplate('{{ range .Alerts }}{{ .Status }}{{ end }}', 'alertmanager'),
    [],
    'an alert has a Status too',
  );
  assert.deepEqual(
    checkGoTemplate('{{ with .CommonLabels }}{{ .Alerts }}{{ end }}', 'alertmanager'),
    [],
    'inside with .CommonLabels the dot is a label map: any name is a label',
  );
  assert.deepEqual(
    checkGoTemplate('{{ range .Alerts }}{{ .Receiver }}{{ end }}', 'alertmanager').map((p) => p.code),
    ['template.unknown-field'],
    'an alert has no Receiver',
  );
});

test('extraction: defines, template refs, variables, label and value refs', () => {
  const r = parseGoTemplate(
    '{{ $labels.instance }} {{ .Labels.job }} {{ index $labels "pod" }} {{ $value | humanize }} {{ $externalLabels.cluster }}',
    'prometheus',
  );
  assert.deepEqual(r.labelRefs, [
    { name: 'instance', from: 11, to: 19, source: 'labels' },
    { name: 'job', from: 34, to: 37, source: 'labels' },
    { name: 'pod', from: 59, to: 62, source: 'labels' },
    { name: 'cluster', from: 110, to: 117, source: 'externalLabels' },
  ]);
  assert.deepEqual(r.valueRefs, [{ name: '$value', from: 70, to: 76 }]);
  assert.deepEqual(
    r.functions.map((f) => f.name),
    ['index', 'humanize'],
  );
  const a = parseGoTemplate(
    '{{ define "t" }}{{ .CommonLabels.severity }}{{ range $i, $x := .Alerts }}{{ $x.Labels.pod }}{{ index .GroupLabels "ns" }}{{ end }}{{ end }}{{ template "t" . }}{{ template "slack.default.text" . }}',
    'alertmanager',
  );
  assert.deepEqual(a.defines, [{ name: 't', from: 11, to: 12 }]);
  assert.deepEqual(
    a.templateRefs.map((t) => t.name),
    ['t', 'slack.default.text'],
  );
  assert.deepEqual(
    a.labelRefs.map((l) => [l.name, l.source]),
    [
      ['severity', 'commonLabels'],
      ['pod', 'labels'],
      ['ns', 'groupLabels'],
    ],
  );
  assert.deepEqual(
    a.variables.map((v) => [v.name, v.kind]),
    [
      ['$i', 'declare'],
      ['$x', 'declare'],
      ['$x', 'use'],
    ],
  );
  assert.equal(isDefaultAlertmanagerTemplate('slack.default.title'), true);
  assert.equal(isDefaultAlertmanagerTemplate('__subject'), true);
  assert.equal(isDefaultAlertmanagerTemplate('my.title'), false);
});

test('robust: deep nesting, long and garbage input never throw and return in time', () => {
  const inputs = [
    '{{ ' + '('.repeat(10000) + '.x' + ')'.repeat(10000) + ' }}',
    '{{if .A}}'.repeat(10000),
    '{{end}}'.repeat(10000),
    '{{'.repeat(50000),
    '}}'.repeat(50000),
    '{{ "'.repeat(30000),
    '{{/*'.repeat(30000),
    'x'.repeat(100000),
    '{{ $a := 1 }}'.repeat(8000),
    '{{ range .Alerts }}{{ .Labels.x }}{{ end }}'.repeat(3000),
    '{{ ' + '.a'.repeat(30000) + ' }}',
    '{{' + '\u0000'.repeat(1000) + '}}',
  ];
  for (const t of inputs) {
    const start = Date.now();
    for (const d of ['prometheus', 'alertmanager'] as TemplateDialect[]) {
      let r: ReturnType<typeof parseGoTemplate> | undefined;
      assert.doesNotThrow(() => (r = parseGoTemplate(t, d)));
      for (const p of r!.problems) assert.ok(p.from >= 0 && p.to <= t.length && p.from <= p.to, JSON.stringify(p));
    }
    assert.ok(Date.now() - start < 5000, `${t.slice(0, 20)}… took ${Date.now() - start}ms`);
  }
  for (const v of [undefined, null, 5])
    assert.doesNotThrow(() => parseGoTemplate(v as unknown as string, 'prometheus'));
  // Nesting limits are per construct: recovered errors inside parentheses must not accumulate.
  const many = '{{ ( , ) }}'.repeat(300) + '{{ (((1))) }}';
  assert.ok(!checkGoTemplate(many, 'prometheus').some((p) => p.code === 'template.too-complex'));
  const deep = '{{ if true }}'.repeat(250);
  assert.equal(checkGoTemplate(deep, 'prometheus').filter((p) => p.code === 'template.too-complex').length, 1);
});

test('fuzz: random token soup never throws, offsets in range, messages fully formatted', () => {
  const pieces = [
    '{{',
    '}}',
    '{{-',
    ' -}}',
    'if',
    'else',
    'end',
    'range',
    'with',
    'define',
    'template',
    '"x"',
    '$x',
    ':=',
    '=',
    '.A',
    '.',
    '|',
    '(',
    ')',
    ' ',
    'printf',
    '$labels',
    '/*',
    '*/',
    '`',
    "'",
    ',',
    '1',
    'nil',
    'break',
    '\n',
    'text',
  ];
  let seed = 987654;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 500; i++) {
    let t = '';
    const len = 1 + rnd(40);
    for (let k = 0; k < len; k++) t += pieces[rnd(pieces.length)];
    const r = parseGoTemplate(t, i % 2 ? 'prometheus' : 'alertmanager');
    for (const p of r.problems) {
      assert.ok(p.from >= 0 && p.to >= p.from && p.to <= t.length, `${JSON.stringify(t)} → ${JSON.stringify(p)}`);
      const msg = formatLangMessage(p);
      assert.ok(!msg.includes('{hint}') && !msg.includes('{name}') && !msg.includes('{context}'), msg);
    }
  }
});
