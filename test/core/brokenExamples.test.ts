import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, validate, shot, golden } from '../support/service';

const dir = path.join(repoRoot, 'examples', 'broken');
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
  .sort();

test('there are broken examples to check', () => {
  assert.ok(files.length >= 42, `${files.length} files`);
});

for (const name of files) {
  test(`broken example ${name} yields exactly its expected diagnostics and messages`, () => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const actual = validate(text, name, {}, dir).map((d) => ({ ...shot(d), message: d.message }));
    assert.ok(actual.length >= 1, 'a broken example has at least one diagnostic');
    assert.deepEqual(actual, golden(path.join(dir, name + '.expected.json'), actual));
  });
}
