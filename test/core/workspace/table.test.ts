import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes } from '../../../core/src/codes';
import { EXTRACTION, NAMESPACES, namespaceAtPath } from '../../../core/src/workspace/index';
import { compile, type Step } from '../../../core/src/workspace/pattern';
import { repoRoot } from '../../support/service';

type Schema = Record<string, unknown> | boolean;
const schemasDir = path.join(repoRoot, 'schemas');
const catalog: Array<{ id: string; file: string }> = JSON.parse(
  fs.readFileSync(path.join(schemasDir, 'catalog.json'), 'utf8'),
).schemas;
const files = new Map<string, Record<string, unknown>>();
function load(file: string): Record<string, unknown> {
  let s = files.get(file);
  if (!s) files.set(file, (s = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'))));
  return s as Record<string, unknown>;
}

interface At {
  schema: Schema;
  file: string;
}

function resolve(at: At, ref: string): At | undefined {
  const [target, pointer = ''] = ref.split('#');
  const file = target ? path.posix.join(path.posix.dirname(at.file), target) : at.file;
  let cur: unknown = load(file);
  for (const seg of pointer.split('/').filter(Boolean))
    cur = (cur as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur === undefined ? undefined : { schema: cur as Schema, file };
}

/** Every schema an instance at `at` may be checked against ($ref followed, combinators flattened). */
function expand(at: At, depth = 0): At[] {
  if (typeof at.schema !== 'object' || depth > 20) return [at];
  const s = at.schema;
  const out: At[] = [at];
  if (typeof s.$ref === 'string') {
    const r = resolve(at, s.$ref);
    if (r) out.push(...expand(r, depth + 1));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    for (const b of (s[k] as Schema[] | undefined) ?? []) out.push(...expand({ schema: b, file: at.file }, depth + 1));
  for (const k of ['then', 'else']) if (s[k]) out.push(...expand({ schema: s[k] as Schema, file: at.file }, depth + 1));
  return out;
}

function step(at: At, st: Step): At[] {
  const out: At[] = [];
  for (const c of expand(at)) {
    if (typeof c.schema !== 'object') continue;
    const s = c.schema;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const sub = (x: unknown): void =>
      void (x && typeof x === 'object' && out.push({ schema: x as Schema, file: c.file }));
    switch (st.t) {
      case 'prop':
        sub(props[st.key]);
        for (const [re, v] of Object.entries((s.patternProperties ?? {}) as Record<string, Schema>))
          if (new RegExp(re).test(st.key)) sub(v);
        if (!(st.key in props)) sub(s.additionalProperties);
        break;
      case 'items':
        sub(s.items);
        break;
      case 'values':
        Object.values(props).forEach(sub);
        Object.values((s.patternProperties ?? {}) as Record<string, Schema>).forEach(sub);
        sub(s.additionalProperties);
        break;
      case 'recurse':
        for (const p of step({ schema: props[st.key] ?? {}, file: c.file }, { t: 'items' })) out.push(p);
        break;
      case 'keys':
      case 'strings':
        if (s.properties || s.additionalProperties || s.patternProperties || s.propertyNames || s.type === 'object')
          out.push(c);
        break;
    }
  }
  return out;
}

function allowsString(at: At): boolean {
  return expand(at).some(
    (c) =>
      typeof c.schema === 'object' &&
      (c.schema.type === 'string' ||
        (Array.isArray(c.schema.type) && c.schema.type.includes('string')) ||
        typeof c.schema.pattern === 'string' ||
        Array.isArray(c.schema.enum)),
  );
}

test('every extraction pattern names a place the kind schema allows (strings where names are values)', () => {
  const missing: string[] = [];
  for (const [kind, rows] of Object.entries(EXTRACTION)) {
    const entry = catalog.find((c) => c.id === kind);
    assert.ok(entry, `kind ${kind} is in the catalog`);
    for (const row of rows) {
      let cur: At[] = [{ schema: load(entry.file), file: entry.file }];
      const steps = compile(row.pattern);
      for (const st of steps) cur = cur.flatMap((a) => step(a, st));
      const last = steps[steps.length - 1];
      const ok =
        cur.length > 0 &&
        (last.t === 'keys' || last.t === 'strings' || row.role === 'wildcard' || cur.some(allowsString));
      if (!ok) missing.push(`${kind}: ${row.pattern}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every catalog kind has a row list, every namespace is used, every code is registered', () => {
  for (const c of catalog) assert.ok(EXTRACTION[c.id], c.id);
  const used = new Set(Object.values(EXTRACTION).flatMap((rows) => rows.map((r) => r.ns)));
  for (const ns of Object.keys(NAMESPACES)) assert.ok(used.has(ns as never), ns);
  for (const info of Object.values(NAMESPACES))
    for (const code of [info.undefinedCode, info.duplicateCode, info.unusedCode])
      if (code) assert.ok(codes[code], code);
  for (const code of [
    'ref.role-cycle',
    'ref.missing-translation',
    'ref.placeholder-mismatch',
    'ref.missing-template-locale',
  ])
    assert.ok(codes[code], code);
});

test('namespaceAtPath: the namespace of a reference position, for completion providers', () => {
  assert.equal(namespaceAtPath('alertmanager', ['route', 'routes', 0, 'routes', 2, 'receiver']), 'receiver');
  assert.equal(namespaceAtPath('monitoring', ['alertmanager', 'route', 'receiver']), 'receiver');
  assert.equal(namespaceAtPath('security-policy', ['mfa', 'required_for_roles', 1]), 'role');
  assert.equal(namespaceAtPath('alert-templates', ['templates', 'x', 'fr'], true), 'locale');
  assert.equal(namespaceAtPath('alert-templates', ['templates', 'x', 'fr']), undefined);
  assert.equal(namespaceAtPath('tenant', ['environments', 'production']), undefined);
  assert.equal(namespaceAtPath(undefined, ['receiver']), undefined);
});
