import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, validate } from '../support/service';

const dir = path.join(repoRoot, 'templates');

test('every new-file template validates against its kind with no problem at all', () => {
  const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.equal(files.length, 14);
  for (const f of files) {
    const kind = f.replace(/\.(ya?ml|json)$/, '');
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const diags = validate(text, f, { schemas: { [kind]: ['**/' + f] } }, dir);
    assert.deepEqual(
      diags.map((d) => `${String(d.code)} ${d.message}`),
      [],
      f,
    );
  }
});
