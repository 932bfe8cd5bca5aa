import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../core/src/languageService';
import { loadBundledSchemas } from '../../node/src/index';
import { createAjv } from '../../core/src/schema/ajv';
import { linearErrors } from '../../core/src/schema/standalone';
import { doc, freshService, readFileUri, repoRoot, settings } from '../support/service';

/**
 * What a code action request costs. Verification re-checks only the documents of a stream an edit
 * changes, and an editor's request stops verifying when its time is spent (what it did not verify
 * is not offered); the language service's caches are bounded by an estimate of their bytes.
 */

const S = '# tenant-config: $schema=../schemas/service.schema.json\n';
const name = 'validation/budget.yaml';
/** A stream of `n` documents of about 2 KB, each with one misspelt key (`prot`). */
const stream = (n: number): string =>
  S +
  Array.from(
    { length: n },
    (_, i) => `name: svc-${i}\nowner: ops@example.com\nprot: 8080\n# ${'x'.repeat(2000)}\nlevel: info\n`,
  ).join('---\n');

const editsOf = (a: CodeAction | undefined): TextEdit[] => Object.values(a?.edit?.changes ?? {})[0] ?? [];

function request(
  text: string,
  budget?: Parameters<ReturnType<typeof freshService>['getCodeActions']>[5],
): { actions: CodeAction[]; targets: Diagnostic[] } {
  const service = freshService();
  const d = doc(text, name);
  const targets = service.doValidation(d, settings()).filter((x) => x.code === 'schema.additional-property');
  const actions = service.getCodeActions(
    d,
    targets[0].range,
    { diagnostics: [targets[0]] },
    settings(),
    undefined,
    budget,
  );
  return { actions, targets };
}

test('a fix in one document of a stream is verified on that document: fix all of a code covers an 80 KB stream', () => {
  // Each candidate (a rename and a removal per problem) re-checks its own 2 KB document, not the
  // 80 KB stream (plus a 32nd of it for the passes over the whole text): the text budget of a
  // request (600,000 characters) covers all 80 candidates, where re-validating the whole text per
  // candidate stopped after the eighth.
  const { actions, targets } = request(stream(40));
  assert.equal(targets.length, 40);
  const all = actions.find((a) => a.kind === 'quickfix' && (a.diagnostics?.length ?? 0) > 1);
  assert.ok(all, actions.map((a) => a.title).join(' | '));
  const edits = editsOf(all);
  assert.equal(edits.length, 40);
  assert.ok(edits.every((e) => e.newText === 'port'));
  const fixAll = actions.find((a) => a.kind === 'source.fixAll.tenantConfig');
  // The rename guesses the intended key: offered, never applied by fix-all.
  assert.equal(fixAll, undefined);
});

test('a verification whose time is spent offers only what it verified, and says how many it did not', () => {
  const text = stream(40);
  const full = request(text).actions;
  // A clock that moves 5 ms each time it is read: the 100 ms budget is spent after a few candidates.
  let clock = 0;
  let unverified = 0;
  const { actions } = request(text, { ms: 100, now: () => (clock += 5), unverified: (n) => (unverified += n) });
  assert.ok(unverified > 0, 'candidates left unverified are counted');
  const quick = actions.filter((a) => a.diagnostics?.length === 1);
  assert.ok(quick.length >= 1, 'the target itself is verified first');
  // Everything offered within the budget is what the unbounded verification offers.
  const offered = new Set(full.map((a) => JSON.stringify(editsOf(a))));
  for (const a of quick) assert.ok(offered.has(JSON.stringify(editsOf(a))), a.title);
  const some = actions.find((a) => (a.diagnostics?.length ?? 0) > 1);
  const every = full.find((a) => (a.diagnostics?.length ?? 0) > 1);
  assert.ok(every && editsOf(every).length === 40);
  if (some) {
    const all = new Set(editsOf(every).map((e) => JSON.stringify(e)));
    assert.ok(editsOf(some).length < 40);
    assert.ok(editsOf(some).every((e) => all.has(JSON.stringify(e))));
  }
  // No budget: nothing is left unverified and the answer does not depend on the clock.
  let told = 0;
  request(text, { ms: 1e9, unverified: () => told++ });
  assert.equal(told, 0);
});

test('the caches hold at most their bound in bytes, and answer as a fresh service does', () => {
  const bounds = { chunkProblems: 300_000, trees: 2_000_000, texts: 200_000 };
  const service = createLanguageService({
    bundled: loadBundledSchemas(path.join(repoRoot, 'schemas')),
    readFile: readFileUri,
    cacheBytes: bounds,
  });
  const texts = Array.from({ length: 30 }, (_, i) => stream(8).replace('svc-0', `svc-${i}-first`));
  const first: Diagnostic[][] = [];
  for (const [i, t] of texts.entries()) {
    // Trees and chunk lists are cached per document: one document each.
    const d = doc(t, `validation/budget-${i}.yaml`);
    first.push(service.doValidation(d, settings()));
    service.parse(d);
    const used = service.cacheBytes();
    assert.ok(used.chunkProblems <= bounds.chunkProblems, `chunk problems ${used.chunkProblems}`);
    assert.ok(used.trees <= bounds.trees, `trees ${used.trees}`);
    assert.ok(used.texts <= bounds.texts, `texts ${used.texts}`);
  }
  // Each bound was reached: entries were let go.
  const used = service.cacheBytes();
  assert.ok(used.chunkProblems > bounds.chunkProblems / 2 && used.trees > bounds.trees / 2, JSON.stringify(used));
  assert.ok(service.cacheBytes().chunkProblems > 0);
  // Evicted or not, a text reads the same.
  const fresh = freshService();
  for (const i of [0, 15, 29]) {
    const again = service.doValidation(doc(texts[i], `validation/budget-${i}.yaml`), settings());
    assert.deepEqual(again, first[i]);
    assert.deepEqual(fresh.doValidation(doc(texts[i], `validation/budget-${i}.yaml`), settings()), first[i]);
  }
});

test('rules keep at most 1,000 problems of one code per document, as the readers do', () => {
  // 3,000 repeated labels are one mistake: describing each cost a second and a megabyte per 1,000.
  const labels = Array.from({ length: 3000 }, () => 'alertname').join(', ');
  const text = `route:\n  receiver: team\n  group_by: [${labels}]\nreceivers:\n  - name: team\n`;
  const ds = freshService().doValidation(doc(text, 'alertmanager.yml'), settings({ maxProblems: 100_000 }));
  const repeated = ds.filter((d) => d.code === 'alertmanager.duplicate-group-by');
  assert.equal(repeated.length, 1000);
  // The first ones are kept: the second label onwards.
  assert.deepEqual((repeated[0].data as { path: unknown[] }).path, ['route', 'group_by', 1]);
});

test("schema errors of a long list are gathered without copying them at every call (ajv's concat)", () => {
  // ajv's generated code appended a called validator's errors with `vErrors.concat(…)`, copying
  // all errors so far at each call: 10,000 invalid rules took 2.5 s. Appended in place instead.
  const schema = {
    $id: 'https://example.test/list.json',
    definitions: { item: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
    type: 'object',
    properties: { items: { type: 'array', items: { $ref: '#/definitions/item' } } },
  };
  const value = { items: Array.from({ length: 3000 }, (_, i) => (i % 3 ? { name: i } : 'x')) };
  const ours = createAjv({ extra: { inlineRefs: false } }).compile(schema);
  const plain = new Ajv({ allErrors: true, verbose: true, strict: false, inlineRefs: false }).compile(schema);
  assert.equal(ours(value), false);
  assert.equal(plain(value), false);
  const shape = (es: typeof ours.errors): string[] => (es ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
  assert.equal(ours.errors?.length, 3000);
  assert.deepEqual(shape(ours.errors), shape(plain.errors));
  // The standalone code of the bundled validators (built by `npm run build`) appends too.
  const dir = path.join(repoRoot, 'dist', 'validators');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js')))
    assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /\.concat\([\w$.[\]]+\.errors\)/, f);
  const gen = createAjv({ standalone: true, extra: { inlineRefs: false } });
  gen.addSchema(schema);
  const raw = standaloneCode(gen, { list: schema.$id });
  assert.match(raw, /vErrors\.concat\(/);
  assert.doesNotMatch(linearErrors(raw), /vErrors\.concat\(/);
});

test('a stream whose every document is of an outdated version: the file is migrated once per request, not per problem', () => {
  const tenant = fs
    .readFileSync(path.join(repoRoot, 'examples', 'acme', 'acme.tenant.yaml'), 'utf8')
    .replace('schema_version: "2"', 'schema_version: "1"');
  const text = Array.from({ length: 40 }, () => tenant).join('---\n');
  const service = freshService();
  const d = doc(text, 'budget/outdated.tenant.yaml');
  const targets = service.doValidation(d, settings()).filter((x) => x.code === 'schema.outdated-version');
  assert.equal(targets.length, 40);
  const cpu = process.cpuUsage();
  service.getCodeActions(d, targets[0].range, { diagnostics: [targets[0]] }, settings());
  const used = process.cpuUsage(cpu);
  // Migrating the 40-document file for each of its 40 problems took over ten seconds.
  assert.ok((used.user + used.system) / 1000 < 6000, `${Math.round((used.user + used.system) / 1000)} ms`);
});
