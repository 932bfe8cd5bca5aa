import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { cursor } from '../support/cursor';
import { doc, service, settings } from '../support/service';

function hover(fixture: string, name = 'test.tenant.yaml'): string | undefined {
  const { text, offset } = cursor(fixture);
  const d = doc(text, name);
  const h = service().doHover(d, d.positionAt(offset), settings());
  return h ? (h.contents as MarkupContent).value : undefined;
}

const BASE =
  'tenant_id: acme\nenvironments:\n  production:\n    enabled: true\n    database:\n      engine: postgresql\n      port: 5432\n';

test('hover on a key: title, type, description, allowed values with descriptions, default, schema', () => {
  const h = hover(BASE.replace('engine:', 'eng$0ine:'));
  assert.ok(h);
  assert.match(h, /\*\*Engine\*\* · string/);
  assert.match(h, /`postgresql` — /);
  assert.match(h, /Default: `postgresql`/);
  assert.match(h, /_Schema: /);
});

test('hover on a value shows the same documentation', () => {
  assert.match(hover(BASE.replace('5432', '54$032')) ?? '', /Constraints: from 1 to 65535/);
});

test('hover in JSON matches YAML', () => {
  const y = hover(BASE.replace('port:', 'po$0rt:'));
  const j = hover(
    '{"tenant_id": "acme", "environments": {"production": {"enabled": true, "database": {"po$0rt": 5432}}}}',
    'x.tenant.json',
  );
  assert.equal(y, j);
});

test('no hover outside any schema', () => {
  assert.equal(hover('a: b$0', 'plain.yaml'), undefined);
});
