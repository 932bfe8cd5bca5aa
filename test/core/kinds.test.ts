import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KINDS, isKind } from '../../core/src/kinds';
import { repoRoot } from '../support/service';

test('KINDS lists the ids of schemas/catalog.json, in order', () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'catalog.json'), 'utf8')) as {
    schemas: Array<{ id: string }>;
  };
  assert.deepEqual(
    [...KINDS],
    catalog.schemas.map((e) => e.id),
  );
  assert.equal(isKind('tenant'), true);
  assert.equal(isKind('tenant.schema.json'), false);
  assert.equal(isKind(undefined), false);
});
