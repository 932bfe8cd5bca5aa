// Health of the bundled schemas (schemas/), the catalog and the example workspace (examples/).
//
// - every schema compiles with the product's ajv factory and every $ref resolves;
// - our own kinds document every property (title, description), describe every enum value,
//   give every pattern a patternErrorMessage, close every object (additionalProperties: false),
//   use only known keywords, and model deprecations with deprecationMessage + x-replacement;
// - every catalog entry points at an existing file whose $id is the entry's uri; every own kind
//   lists its format versions, each in its own file with a versioned $id, the latest declared;
// - every example outside examples/broken validates, and every broken example fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createAjv } from '../../core/src/schema/ajv';

/** The compiled file is out/test/core/schemaHealth.test.js. */
const ROOT = path.resolve(__dirname, '../../..');
const SCHEMAS = path.join(ROOT, 'schemas');
const EXAMPLES = path.join(ROOT, 'examples');
const BROKEN = path.join(EXAMPLES, 'broken');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface CatalogEntry {
  id: string;
  uri: string;
  file: string;
  title: string;
  description: string;
  fileMatch: string[];
  upstream: boolean;
  versions?: Array<{ version: string; uri: string; file: string }>;
  latestVersion?: string;
}

const OWN_KINDS = [
  'tenant',
  'monitoring',
  'security-policy',
  'environment',
  'localization',
  'isolation-policy',
  'access-control',
  'alert-templates',
  'slack-receivers',
  'notification-rules',
];
const UPSTREAM_KINDS = ['prometheus', 'prometheus-rules', 'alertmanager', 'grafana-dashboard'];
/** The tool's own configuration (`.tenant-config.yaml`): held to the documentation rules, not a configuration kind. */
const TOOL_CONFIGS = ['tenant-config-project'];

/** JSON Schema draft-07 keywords plus the editor keywords our schemas may use. */
const ALLOWED_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$ref',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'definitions',
  'type',
  'enum',
  'const',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'deprecationMessage',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'x-replacement',
]);
/** Keywords whose value is a map of name -> schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keywords whose value is a schema (or, for items, a schema or an array of schemas). */
const SCHEMA_VALUES = new Set([
  'additionalProperties',
  'additionalItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const SCHEMA_ARRAYS = new Set(['allOf', 'anyOf', 'oneOf']);

function readJson(file: string): JsonObject {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const catalog = (readJson(path.join(SCHEMAS, 'catalog.json')) as unknown as { schemas: CatalogEntry[] }).schemas;
const versionFiles = catalog.flatMap((e) => (e.versions ?? []).map((v) => v.file));
const schemaFiles = ['common.schema.json', ...catalog.map((e) => e.file), ...versionFiles];
const schemas = new Map<string, JsonObject>(schemaFiles.map((f) => [f, readJson(path.join(SCHEMAS, f))]));
const byId = new Map<string, JsonObject>([...schemas.values()].map((s) => [String(s.$id), s]));
const ownFiles = ['common.schema.json', ...catalog.filter((e) => !e.upstream).map((e) => e.file), ...versionFiles];

/** One ajv instance with every bundled schema added, as the server does. */
const ajv = createAjv();
for (const s of schemas.values()) ajv.addSchema(s as object);

/** Visit every subschema with its JSON pointer; `inProperty` is the property name when the node is a property schema. */
function walkSchema(
  node: Json,
  pointer: string,
  visit: (schema: JsonObject, pointer: string, parentKeyword: string | undefined) => void,
  parentKeyword?: string,
): void {
  if (!isObject(node)) return;
  visit(node, pointer, parentKeyword);
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      for (const [name, sub] of Object.entries(value)) walkSchema(sub, `${pointer}/${key}/${name}`, visit, key);
    } else if (SCHEMA_ARRAYS.has(key) && Array.isArray(value)) {
      value.forEach((sub, i) => walkSchema(sub, `${pointer}/${key}/${i}`, visit, key));
    } else if (SCHEMA_VALUES.has(key)) {
      if (Array.isArray(value)) value.forEach((sub, i) => walkSchema(sub, `${pointer}/${key}/${i}`, visit, key));
      else walkSchema(value, `${pointer}/${key}`, visit, key);
    }
  }
}

function resolvePointer(doc: Json, fragment: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of fragment.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** Basename glob (`*.tenant.yaml`, `prometheus.yml`) to a RegExp; `**\/` prefixes are dropped (we match basenames). */
function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/^(\*\*\/)+/, '');
  let re = '';
  for (const c of g) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function schemaFor(file: string): CatalogEntry | undefined {
  const base = path.basename(file);
  return catalog.find((e) => e.fileMatch.some((g) => globToRegExp(g).test(base)));
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]))
    .sort();
}

const isConfigFile = (f: string): boolean => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json');

/** Parse a YAML or JSON example into its documents; YAML syntax errors fail the test. */
function loadDocuments(file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) return [JSON.parse(text) as unknown];
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) assert.equal(d.errors.length, 0, `${rel(file)}: YAML error ${d.errors[0]?.message ?? ''}`);
  return list.map((d) => d.toJS() as unknown);
}

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

function validationErrors(entry: CatalogEntry, file: string): string[] {
  const validate = ajv.getSchema(entry.uri);
  assert.ok(validate, `schema ${entry.uri} is not registered`);
  const out: string[] = [];
  for (const doc of loadDocuments(file)) {
    if (!validate(doc))
      for (const e of validate.errors ?? [])
        out.push(`${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  }
  return out;
}

test('catalog lists the 14 kinds and the project configuration with existing files, matching $id and file patterns', () => {
  assert.deepEqual(catalog.map((e) => e.id).sort(), [...OWN_KINDS, ...UPSTREAM_KINDS, ...TOOL_CONFIGS].sort());
  assert.equal(new Set(catalog.map((e) => e.uri)).size, catalog.length, 'catalog uris are unique');
  for (const e of catalog) {
    const file = path.join(SCHEMAS, e.file);
    assert.ok(fs.existsSync(file), `${e.id}: ${e.file} does not exist`);
    assert.equal(readJson(file).$id, e.uri, `${e.id}: $id of ${e.file} differs from the catalog uri`);
    assert.ok(e.title && e.description, `${e.id}: title and description are required`);
    assert.ok(e.fileMatch.length > 0, `${e.id}: fileMatch is empty`);
    assert.equal(e.upstream, UPSTREAM_KINDS.includes(e.id), `${e.id}: upstream flag`);
    if (TOOL_CONFIGS.includes(e.id)) {
      assert.equal(e.versions, undefined, `${e.id}: the tool's own configuration has one format`);
    } else if (!e.upstream) {
      assert.equal(e.uri, `https://schemas.tenant-config.dev/${e.id}.schema.json`);
      assert.equal(e.file, `${e.id}.schema.json`);
      const versions = e.versions ?? [];
      assert.deepEqual(
        versions.map((v) => v.version),
        versions.map((_, i) => String(i + 1)),
        `${e.id}: versions are numbered from 1`,
      );
      assert.ok(versions.length >= 2, `${e.id}: at least versions 1 and 2`);
      assert.equal(e.latestVersion, versions[versions.length - 1].version, `${e.id}: latestVersion is the last one`);
      for (const v of versions) {
        assert.equal(v.file, `${e.id}.v${v.version}.schema.json`);
        assert.equal(v.uri, `https://schemas.tenant-config.dev/${v.file}`);
        assert.equal(readJson(path.join(SCHEMAS, v.file)).$id, v.uri, `${e.id}: $id of ${v.file}`);
      }
    } else {
      assert.equal(e.versions, undefined, `${e.id}: upstream kinds follow upstream versions`);
      assert.ok(e.file.startsWith('upstream/'), `${e.id}: upstream schemas live in schemas/upstream/`);
    }
  }
  // A file name must never be claimed by two kinds.
  const probes = catalog.flatMap((e) => e.fileMatch.map((g) => g.replace(/^(\*\*\/)*\*/, 'probe')));
  for (const probe of probes) {
    const owners = catalog.filter((e) => e.fileMatch.some((g) => globToRegExp(g).test(probe)));
    assert.equal(owners.length, 1, `${probe} matches ${owners.map((o) => o.id).join(', ')}`);
  }
});

test('every schema compiles and declares draft-07', () => {
  for (const [file, schema] of schemas) {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', `${file}: $schema`);
    const validate = ajv.getSchema(String(schema.$id));
    assert.ok(validate, `${file}: not compiled`);
  }
});

test('every $ref resolves to an existing subschema', () => {
  let count = 0;
  for (const [file, schema] of schemas) {
    walkSchema(schema, '#', (node, pointer) => {
      const ref = node.$ref;
      if (typeof ref !== 'string') return;
      count++;
      const url = new URL(ref, String(schema.$id));
      const fragment = url.hash.slice(1);
      url.hash = '';
      const target = byId.get(url.href);
      assert.ok(target, `${file} ${pointer}: $ref ${ref} names an unknown schema ${url.href}`);
      assert.ok(isObject(resolvePointer(target, fragment) ?? null), `${file} ${pointer}: $ref ${ref} does not resolve`);
    });
  }
  assert.ok(count > 100, `expected many $refs, found ${count}`);
});

test('every pattern compiles as a unicode RegExp', () => {
  for (const [file, schema] of schemas) {
    walkSchema(schema, '#', (node, pointer) => {
      const patterns = [node.pattern, ...Object.keys(isObject(node.patternProperties) ? node.patternProperties : {})];
      for (const p of patterns) {
        if (typeof p !== 'string') continue;
        assert.doesNotThrow(() => new RegExp(p, 'u'), `${file} ${pointer}: invalid pattern ${p}`);
      }
    });
  }
});

test('our schemas document every property, enum value and pattern', () => {
  const problems: string[] = [];
  for (const file of ownFiles) {
    const schema = schemas.get(file)!;
    walkSchema(schema, '#', (node, pointer, parentKeyword) => {
      for (const key of Object.keys(node))
        if (!ALLOWED_KEYWORDS.has(key)) problems.push(`${file} ${pointer}: unknown keyword "${key}"`);
      // if/then/else subschemas are conditions and overlays on properties documented elsewhere.
      const conditional = /\/(if|then|else)(\/|$)/.test(pointer);
      if (
        typeof node.pattern === 'string' &&
        typeof node.patternErrorMessage !== 'string' &&
        !/\/if(\/|$)/.test(pointer)
      )
        problems.push(`${file} ${pointer}: pattern without patternErrorMessage`);
      if (conditional) return;
      if (parentKeyword === 'properties' || parentKeyword === 'definitions') {
        for (const k of ['title', 'description'] as const) {
          if (typeof node[k] !== 'string' || !(node[k] as string).trim())
            problems.push(`${file} ${pointer}: missing ${k}`);
        }
      }
      if (Array.isArray(node.enum)) {
        if (!Array.isArray(node.enumDescriptions)) problems.push(`${file} ${pointer}: enum without enumDescriptions`);
        else if (node.enumDescriptions.length !== node.enum.length)
          problems.push(
            `${file} ${pointer}: ${node.enum.length} enum values but ${node.enumDescriptions.length} enumDescriptions`,
          );
      }
      if (node.type === 'object' && isObject(node.properties) && node.additionalProperties !== false)
        problems.push(`${file} ${pointer}: object with properties must set additionalProperties: false`);
      if (node.defaultSnippets !== undefined) {
        const ok =
          Array.isArray(node.defaultSnippets) &&
          node.defaultSnippets.every(
            (s) =>
              isObject(s) &&
              typeof s.label === 'string' &&
              s.body !== undefined &&
              (s.description === undefined || typeof s.description === 'string'),
          );
        if (!ok) problems.push(`${file} ${pointer}: defaultSnippets must be [{label, description?, body}]`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

test('deprecated properties of version 1 name an existing replacement, every own kind has one, and the latest version none', () => {
  const problems: string[] = [];
  for (const e of catalog.filter((c) => !c.upstream && !TOOL_CONFIGS.includes(c.id))) {
    const v1 = e.versions![0].file;
    const schema = schemas.get(v1)!;
    let deprecated = 0;
    walkSchema(schema, '#', (node, pointer) => {
      if (!isObject(node.properties)) return;
      for (const [name, prop] of Object.entries(node.properties)) {
        if (!isObject(prop) || prop.deprecationMessage === undefined) continue;
        deprecated++;
        const replacement = prop['x-replacement'];
        if (typeof replacement !== 'string')
          problems.push(`${v1} ${pointer}/properties/${name}: deprecated without x-replacement`);
        else if (!(replacement in node.properties))
          problems.push(
            `${v1} ${pointer}/properties/${name}: x-replacement "${replacement}" is not a sibling property`,
          );
        else if (
          isObject(node.properties[replacement]) &&
          (node.properties[replacement] as JsonObject).deprecationMessage !== undefined
        )
          problems.push(`${v1} ${pointer}/properties/${name}: replacement "${replacement}" is deprecated too`);
        if (
          typeof prop.deprecationMessage !== 'string' ||
          typeof replacement !== 'string' ||
          !prop.deprecationMessage.includes(replacement)
        )
          problems.push(`${v1} ${pointer}/properties/${name}: deprecationMessage must name the replacement`);
      }
    });
    if (deprecated === 0) problems.push(`${v1}: no deprecated property`);
    for (const v of e.versions!) {
      const props = schemas.get(v.file)!.properties;
      const version = isObject(props) ? props.schema_version : undefined;
      if (!isObject(version) || JSON.stringify(version.enum) !== JSON.stringify([v.version]))
        problems.push(`${v.file}: no top-level schema_version accepting only "${v.version}"`);
    }
    // The latest version has no deprecated shape left (the migration to it removes them all).
    const latest = e.versions![e.versions!.length - 1].file;
    walkSchema(schemas.get(latest)!, '#', (node, pointer) => {
      if (node.deprecationMessage !== undefined)
        problems.push(`${latest} ${pointer}: deprecated in the latest version`);
    });
    const required = schemas.get(latest)!.required;
    if (!Array.isArray(required) || !required.includes('schema_version'))
      problems.push(`${latest}: the latest version must be declared (schema_version required)`);
  }
  assert.deepEqual(problems, []);
});

test('every example outside examples/broken validates against its schema', () => {
  const files = listFiles(EXAMPLES).filter((f) => !f.startsWith(BROKEN + path.sep) && isConfigFile(f));
  assert.ok(files.length >= 20, `expected a realistic workspace, found ${files.length} files`);
  const kinds = new Set<string>();
  const failures: string[] = [];
  for (const file of files) {
    const entry = schemaFor(file);
    if (!entry) {
      failures.push(`${rel(file)}: no catalog fileMatch for this file name`);
      continue;
    }
    kinds.add(entry.id);
    const errors = validationErrors(entry, file);
    if (errors.length) failures.push(`${rel(file)} (${entry.id}):\n  ${errors.slice(0, 10).join('\n  ')}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(
    [...kinds].sort(),
    catalog
      .map((e) => e.id)
      .filter((id) => !TOOL_CONFIGS.includes(id))
      .sort(),
    'every kind has at least one valid example',
  );
});

test('every broken example fails validation and documents its mistake', () => {
  const readme = fs.readFileSync(path.join(BROKEN, 'README.md'), 'utf8');
  const files = listFiles(BROKEN).filter(isConfigFile);
  const perKind = new Map<string, number>();
  const failures: string[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const entry = schemaFor(file);
    if (!entry) {
      failures.push(`${rel(file)}: no catalog fileMatch for this file name`);
      continue;
    }
    perKind.set(entry.id, (perKind.get(entry.id) ?? 0) + 1);
    if (!readme.includes(`\`${name}\``)) failures.push(`${rel(file)}: not listed in examples/broken/README.md`);
    if (!file.endsWith('.json') && !fs.readFileSync(file, 'utf8').startsWith('# expect: '))
      failures.push(`${rel(file)}: must start with "# expect: <mistake>"`);
    if (validationErrors(entry, file).length === 0)
      failures.push(`${rel(file)} (${entry.id}): expected at least one schema error, got none`);
  }
  assert.deepEqual(failures, []);
  for (const e of catalog.filter((c) => !TOOL_CONFIGS.includes(c.id)))
    assert.ok((perKind.get(e.id) ?? 0) >= 3, `${e.id}: at least 3 broken examples (found ${perKind.get(e.id) ?? 0})`);
  assert.ok(files.filter((f) => f.endsWith('.json')).length >= 8, 'at least 8 broken JSON examples');
});
