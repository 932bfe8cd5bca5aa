import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, validate } from '../support/service';

/**
 * Every diagnostic of examples/broken, as its users read it: each file holds exactly one mistake
 * (examples/broken/README.md), so it yields exactly one problem, and that problem's message names
 * the key or the path it is about, quoted as the messages quote names.
 */
const dir = path.join(repoRoot, 'examples', 'broken');
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
  .sort();

/** `a.b[0].c`, the way a message writes a path. */
function written(p: ReadonlyArray<string | number>): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The names a message may give its place by: the key, the path, a list item with its key, a missing key. */
function namesOf(p: ReadonlyArray<string | number>, data: Record<string, unknown>): string[] {
  const names = new Set<string>();
  if (p.length) names.add(written(p));
  const lastKey = [...p].reverse().find((s): s is string => typeof s === 'string');
  if (lastKey !== undefined) {
    names.add(lastKey);
    const at = p.lastIndexOf(lastKey);
    names.add(written(p.slice(at)));
  }
  for (const k of ['missing', 'key', 'property']) {
    const v = data[k];
    if (typeof v === 'string') names.add(v);
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') names.add(x);
  }
  return [...names];
}

function quoted(message: string, name: string): boolean {
  return ['`', "'", '"'].some((q) => message.includes(q + name + q));
}

test('there are broken examples, each with its golden', () => {
  assert.ok(files.length >= 42, `${files.length} files`);
  for (const f of files) assert.ok(fs.existsSync(path.join(dir, f + '.expected.json')), `${f}: no golden`);
});

for (const name of files) {
  test(`broken example ${name}: one mistake, one problem, whose message names its key or path`, () => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const ds = validate(text, name, {}, dir);
    assert.equal(ds.length, 1, `one problem for the one mistake, got: ${ds.map((d) => d.message).join(' | ')}`);
    const d = ds[0]!;
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const data = (d.data ?? {}) as Record<string, unknown>;
    const p = (data.path ?? []) as Array<string | number>;
    assert.ok(Array.isArray(p), 'data.path is the key path');
    const names = namesOf(p, data);
    assert.ok(
      names.some((n) => quoted(message, n)),
      `${String(d.code)} at ${written(p) || '(document)'}: the message names none of ${JSON.stringify(names)}: ${message}`,
    );
    const golden = JSON.parse(fs.readFileSync(path.join(dir, name + '.expected.json'), 'utf8')) as {
      message: string;
    }[];
    assert.deepEqual(
      golden.map((g) => g.message),
      [message],
      'the golden records this message',
    );
  });
}
