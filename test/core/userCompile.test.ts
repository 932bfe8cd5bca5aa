// User schemas compiled away from the thread that answers requests: compiled by a chunk checker
// (what an analysis worker runs), handed over as data and adopted by the language service, with the
// same diagnostics as an in-process compile; reused while their files read the same, compiled again
// when one changes; chunks of a stream checked by the checker under the adopted schema.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../core/src/languageService';
import { createChunkChecker, remoteKey, type CompiledUserSchema } from '../../core/src/index';
import { loadBundledSchemas } from '../../node/src/index';
import { readFileUri, repoRoot, settings } from '../support/service';

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-user-compile-')));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const bundled = loadBundledSchemas(path.join(repoRoot, 'schemas'));
const fresh = (): LanguageService => createLanguageService({ bundled, readFile: readFileUri });

const schemaFile = path.join(dir, 'svc.schema.json');
const schemaUri = URI.file(schemaFile).toString();
const tenantUri = URI.file(path.join(repoRoot, 'schemas', 'tenant.schema.json')).toString();
function writeSchema(portMax: number): void {
  fs.writeFileSync(
    schemaFile,
    JSON.stringify({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
        port: { type: 'integer', maximum: portMax },
        legacy: { type: 'string', deprecationMessage: 'legacy is replaced by name' },
        tenant: { $ref: tenantUri },
      },
    }),
  );
}

const TEXT =
  '# tenant-config: $schema=./svc.schema.json\nname: Bad_Name\nport: 70000\nlegacy: x\nextra: 1\ntenant: {}\n';
const docOf = (text: string, version = 1): TextDocument =>
  TextDocument.create(URI.file(path.join(dir, 'svc.yaml')).toString(), 'yaml', version, text);

/** A service whose user schemas are compiled by a chunk checker (as on a worker); the compiles counted. */
function adopting(): { service: LanguageService; compiles: string[] } {
  const service = fresh();
  const checker = createChunkChecker(bundled);
  const compiles: string[] = [];
  service.store.setCompiler(async (uri) => {
    compiles.push(uri);
    return checker.compile(uri, readFileUri);
  });
  return { service, compiles };
}

test('a user schema compiled by the checker and adopted reports as one compiled in process', async () => {
  writeSchema(65535);
  const { service, compiles } = adopting();
  await service.store.prepare(schemaUri);
  assert.deepEqual(compiles, [schemaUri]);
  const a = service.doValidation(docOf(TEXT), settings());
  assert.equal(service.store.stats.userCompiles, 0, 'nothing compiled on the thread that validates');
  const inProcess = fresh();
  const b = inProcess.doValidation(docOf(TEXT), settings());
  assert.equal(inProcess.store.stats.userCompiles, 1);
  const codes = a.map((d) => String(d.code)).sort();
  for (const c of ['schema.pattern', 'schema.range', 'schema.deprecated', 'schema.additional-property'])
    assert.ok(codes.includes(c), `${c} in ${codes.join(', ')}`);
  assert.ok(
    a.some((d) => d.code === 'schema.required' && (d.data as { path: unknown[] }).path[0] === 'tenant'),
    'the bundled schema behind the reference is checked',
  );
  assert.deepEqual(a, b);
});

test('reused while its files read the same, compiled again when one changes', async () => {
  writeSchema(65535);
  const { service, compiles } = adopting();
  await service.store.prepare(schemaUri);
  service.doValidation(docOf(TEXT), settings());
  // The file is reported changed but reads the same: nothing compiled.
  service.invalidateSchema(schemaUri);
  assert.equal(service.store.prepare(schemaUri), undefined, 'ready without a compile');
  service.doValidation(docOf(TEXT, 2), settings());
  assert.equal(compiles.length, 1);
  assert.equal(service.store.stats.userCompiles, 0);
  // Its text changes: compiled again (on the checker), and the new maximum applies.
  writeSchema(80000);
  service.invalidateSchema(schemaUri);
  await service.store.prepare(schemaUri);
  assert.equal(compiles.length, 2);
  const after = service.doValidation(docOf(TEXT, 3), settings());
  assert.ok(!after.some((d) => d.code === 'schema.range'), 'port 70000 is allowed now');
  assert.equal(service.store.stats.userCompiles, 0);
});

test('chunks of a stream checked by the checker under an adopted user schema: the diagnostics of the main thread', async () => {
  writeSchema(65535);
  const { service } = adopting();
  await service.store.prepare(schemaUri);
  const stream = `${TEXT}---\nname: ok\nport: 1\n---\nname: Also_Bad\nport: -1.5\n`;
  const d = docOf(stream);
  const plan = service.validationPlan(d, settings());
  assert.equal(plan.chunks, 3);
  assert.ok(plan.remote?.user, 'the compiled schema travels');
  const checker = createChunkChecker(bundled);
  const user = plan.remote.user as CompiledUserSchema;
  // The first batch carries the compiled schema; later ones name it by key only.
  const first = checker.check([plan.job(0)], plan.format, { uri: plan.remote.uri, user });
  assert.ok(first);
  plan.accept(0, first[0]);
  const key = remoteKey(user);
  const unknown = createChunkChecker(bundled).check([plan.job(1)], plan.format, { uri: plan.remote.uri, key });
  assert.equal(unknown, undefined, 'a checker that was never sent the schema says so');
  const rest = checker.check([plan.job(1), plan.job(2)], plan.format, { uri: plan.remote.uri, user });
  assert.ok(rest);
  plan.accept(1, rest[0]);
  plan.accept(2, rest[1]);
  assert.ok(plan.complete);
  assert.deepEqual(plan.finish(), fresh().doValidation(docOf(stream), settings()));
});
