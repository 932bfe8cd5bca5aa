import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { validate } from '../support/service';

/** The same content written as YAML and as JSON must give the same codes at the same paths. */
const cases: Array<[string, string, Record<string, unknown>]> = [
  [
    'tenant',
    'tenant',
    {
      tenant_id: 'Acme_Music',
      metadata: { name: 'Acme', owner: { user_id: 'usr_1', email: 'not-an-email' }, ownr: 1 },
      environments: {
        production: {
          enabled: 'true',
          database: { engine: 'postgress', host: 'db.acme.example', name: 'acme', port: 70000 },
        },
        prod: { enabled: true },
      },
      isolation: { strategy: 'row' },
    },
  ],
  ['security', 'security-policy', { authentication: { providers: [{ name: 'corp', type: 'oidcc' }] } }],
  ['monitoring', 'monitoring', { alertmanager: { route: { receiver: 1, group_wait: 'soon' } } }],
  [
    'rules',
    'prometheus-rules',
    { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', for: '5 minutes', labels: { __name__: 'x' } }] }] },
  ],
];

for (const [name, kind, content] of cases) {
  test(`YAML/JSON parity: ${kind}`, () => {
    const shots = (text: string, file: string) =>
      validate(text, file)
        .map((d) => `${String(d.code)} ${JSON.stringify((d.data as { path?: unknown }).path)}`)
        .sort();
    const ext = kind === 'prometheus-rules' ? 'rules' : kind === 'security-policy' ? 'security' : kind;
    const y = shots(stringify(content), `${name}.${ext}.yaml`);
    const j = shots(JSON.stringify(content, null, 2), `${name}.${ext}.json`);
    assert.ok(y.length >= 2, y.join('\n'));
    assert.deepEqual(y, j);
  });
}

test('user schemas in drafts 07, 2019-09 and 2020-12 validate alike', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-drafts-'));
  const drafts = {
    '07': 'http://json-schema.org/draft-07/schema#',
    '2019': 'https://json-schema.org/draft/2019-09/schema',
    '2020': 'https://json-schema.org/draft/2020-12/schema',
  };
  for (const [id, uri] of Object.entries(drafts)) {
    const defs = id === '07' ? 'definitions' : '$defs';
    fs.writeFileSync(
      path.join(dir, `${id}.schema.json`),
      JSON.stringify({
        $schema: uri,
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { $ref: `#/${defs}/name` }, port: { type: 'integer', maximum: 65535 } },
        [defs]: { name: { type: 'string', minLength: 3 } },
      }),
    );
    const codes = validate(
      `# tenant-config: $schema=./${id}.schema.json\nname: ab\nport: 70000\nextra: 1\n`,
      `${id}.yaml`,
      {},
      dir,
    )
      .map((d) => String(d.code))
      .sort();
    assert.deepEqual(codes, ['schema.additional-property', 'schema.length', 'schema.range'], id);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
