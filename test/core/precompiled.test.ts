// The bundled schemas' validators generated at build time (dist/validators) against the ones ajv
// compiles in process: the same diagnostics, data included, on every example, broken example,
// validation fixture and upstream corpus file; nothing compiled at run time for a bundled kind;
// the manifest current for the schema files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../core/src/languageService';
import { loadBundledSchemas, schemasHash, validatorsDir } from '../../node/src/index';
import { readFileUri, repoRoot, settings } from '../support/service';
import { documentOf, loadCorpus } from '../support/upstreamCorpus';

const schemasDir = path.join(repoRoot, 'schemas');

function makeService(precompiled: boolean): LanguageService {
  return createLanguageService({ bundled: loadBundledSchemas(schemasDir, { precompiled }), readFile: readFileUri });
}

/** Every config file under a folder (not goldens). */
function configFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...configFiles(full));
    else if (/\.(ya?ml|json)$/.test(e.name) && !e.name.endsWith('.expected.json')) out.push(full);
  }
  return out.sort();
}

const languageOf = (file: string): string => (/\.json$/.test(file) ? 'tenant-json' : 'tenant-yaml');

test('the build generated validators for the current schema files', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(validatorsDir(schemasDir), 'manifest.json'), 'utf8')) as {
    schemasHash: string;
    modules: Record<string, string>;
  };
  assert.equal(manifest.schemasHash, schemasHash(schemasDir), 'dist/validators is stale: run npm run build');
  const bundled = loadBundledSchemas(schemasDir, { precompiled: false });
  for (const uri of Object.keys(bundled.schemas)) assert.ok(manifest.modules[uri], `no module exports ${uri}`);
  for (const e of bundled.catalog) assert.equal(manifest.modules[e.uri], e.id, `${e.id} is its own module`);
});

test('precompiled and in-process validators give the same diagnostics on every example and fixture', () => {
  const pre = makeService(true);
  const runtime = makeService(false);
  const files = [
    ...configFiles(path.join(repoRoot, 'examples')),
    ...configFiles(path.join(repoRoot, 'test', 'fixtures', 'validation')),
    ...configFiles(path.join(repoRoot, 'test', 'e2e', 'workspace')),
  ];
  assert.ok(files.length > 80, `${files.length} files`);
  let withProblems = 0;
  for (const file of files) {
    const uri = URI.file(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    const a = pre.doValidation(TextDocument.create(uri, languageOf(file), 1, text), settings());
    const b = runtime.doValidation(TextDocument.create(uri, languageOf(file), 1, text), settings());
    assert.deepEqual(a, b, path.relative(repoRoot, file));
    if (a.length) withProblems++;
  }
  assert.ok(withProblems > 40, `${withProblems} files with problems`);
  assert.equal(pre.store.stats.runtimeCompiles, 0, 'nothing compiled at run time for a bundled kind');
  assert.ok(runtime.store.stats.runtimeCompiles > 0);
});

test('precompiled and in-process validators agree on the upstream corpus', () => {
  const pre = makeService(true);
  const runtime = makeService(false);
  let n = 0;
  for (const c of loadCorpus().cases) {
    const s = settings({ schemas: { [c.kind]: ['**/*'] } });
    assert.deepEqual(pre.doValidation(documentOf(c), s), runtime.doValidation(documentOf(c), s), c.file);
    n++;
  }
  assert.ok(n > 100, `${n} corpus files`);
  assert.equal(pre.store.stats.runtimeCompiles, 0);
});

test('a user schema that references a bundled schema runs the precompiled validator under its stub', () => {
  const pre = makeService(true);
  const runtime = makeService(false);
  const schema = URI.file(path.join(schemasDir, 'tenant.schema.json')).toString();
  const file = path.join(repoRoot, 'examples', 'broken', 'bad-enum-ssl-mode.tenant.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const uri = URI.file(path.join(repoRoot, 'examples', 'broken', 'copy.yaml')).toString();
  const s = settings({ schemas: { [schema]: ['copy.yaml'] } });
  const a = pre.doValidation(TextDocument.create(uri, 'yaml', 1, text), s);
  const b = runtime.doValidation(TextDocument.create(uri, 'yaml', 1, text), s);
  assert.ok(
    a.some((d) => d.code === 'schema.enum'),
    JSON.stringify(a.map((d) => d.code)),
  );
  assert.deepEqual(a, b);
});

test('deprecated keys (a keyword function in the generated code) report as in process', () => {
  const pre = makeService(true);
  const runtime = makeService(false);
  const cases: Array<[string, string]> = [
    [
      'x.environment.yaml',
      'environment: staging\nautoscaling:\n  enabled: true\n  cpu_threshold: 70\n  min_instances: 1\n',
    ],
    ['x.isolation.yaml', '# acme\nschema_version: "1"\ntenant_id: acme\nlevel: dedicated\nstrategy: database\n'],
  ];
  for (const [name, text] of cases) {
    const uri = URI.file(path.join(repoRoot, 'test', 'fixtures', name)).toString();
    const a = pre.doValidation(TextDocument.create(uri, 'tenant-yaml', 1, text), settings());
    const b = runtime.doValidation(TextDocument.create(uri, 'tenant-yaml', 1, text), settings());
    const codes = a.map((d) => String(d.code));
    assert.ok(codes.includes('schema.deprecated'), `${name}: ${codes.join(', ')}`);
    assert.ok(!codes.includes('schema.compile-error'), `${name}: ${codes.join(', ')}`);
    assert.deepEqual(a, b, name);
  }
  assert.equal(pre.store.stats.runtimeCompiles, 0);
});
