import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coexistence, type CoexistenceInput } from '../../client/src/coexistence';

const base: CoexistenceInput = {
  languageId: 'yaml',
  text: 'tenant_id: acme\n',
  relativePath: 'config/tenants/acme.yaml',
  yamlExtension: true,
  yamlSchemas: {},
  optIn: false,
};
const verdict = (over: Partial<CoexistenceInput>) => coexistence({ ...base, ...over });

test('without Red Hat YAML every document is validated, whatever associates it', () => {
  for (const text of [
    '# yaml-language-server: $schema=./tenant.schema.json\n',
    '# yaml-language-server: $schema=https://json.schemastore.org/prometheus.json\n',
    '# tenant-config: $schema=tenant\n',
  ])
    assert.deepEqual(verdict({ yamlExtension: false, text }), { validate: true });
  assert.deepEqual(verdict({ yamlExtension: false, yamlSchemas: { './tenant.schema.json': 'config/**/*.yaml' } }), {
    validate: true,
  });
});

test('with Red Hat YAML, a document it validates through its modeline is left to it', () => {
  for (const value of [
    './tenant.schema.json',
    'https://json.schemastore.org/prometheus.json',
    '../schemas/tenant.schema.yaml',
  ]) {
    const v = verdict({ text: `# yaml-language-server: $schema=${value}\ntenant_id: acme\n` });
    assert.deepEqual(v, { validate: false, reason: 'yaml-language-server modeline', detail: value });
  }
});

test('with Red Hat YAML, a document matched by yaml.schemas is left to it', () => {
  const v = verdict({ yamlSchemas: { 'https://example.com/t.json': ['other/*.yaml', 'config/tenants/*.yaml'] } });
  assert.deepEqual(v, {
    validate: false,
    reason: 'yaml.schemas',
    detail: 'https://example.com/t.json: config/tenants/*.yaml',
  });
  assert.equal(
    verdict({ yamlSchemas: { './t.json': 'acme.yaml' } }).validate,
    false,
    'a bare file name matches anywhere',
  );
  assert.equal(verdict({ yamlSchemas: { './t.json': 'other/*.yaml' } }).validate, true);
});

test('with Red Hat YAML, what it cannot serve stays ours', () => {
  // Our own modeline, a modeline naming one of our ids (that extension cannot load it), our languages, JSON.
  assert.equal(verdict({ text: '# tenant-config: $schema=tenant\n' }).validate, true);
  assert.equal(verdict({ text: '# yaml-language-server: $schema=tenant\n' }).validate, true);
  const modeline = '# yaml-language-server: $schema=./tenant.schema.json\n';
  assert.equal(verdict({ languageId: 'tenant-yaml', text: modeline }).validate, true);
  assert.equal(verdict({ languageId: 'json', yamlSchemas: { './t.json': '**/*' } }).validate, true);
});

test('the opt-in setting validates the documents Red Hat YAML serves too', () => {
  assert.equal(verdict({ optIn: true, text: '# yaml-language-server: $schema=./t.schema.json\n' }).validate, true);
  assert.equal(verdict({ optIn: true, yamlSchemas: { './t.json': 'config/**' } }).validate, true);
});
