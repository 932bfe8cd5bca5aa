// docs/config-kinds.md is generated from schemas/catalog.json and the schemas; fail when it is stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

/** The compiled file is out/test/core/configKindsDoc.test.js. */
const ROOT = path.resolve(__dirname, '../../..');

test('docs/config-kinds.md is up to date (node scripts/gen-config-kinds.mjs --check)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-config-kinds.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`.trim() || `exit ${String(r.status)}`);
});
