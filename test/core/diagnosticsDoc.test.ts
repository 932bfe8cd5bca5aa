import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, codeAnchor } from '../../core/src/index';
import { repoRoot } from '../support/service';

test('docs/diagnostics.md documents every code, and nothing else', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
  const headings = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
  const expected = Object.keys(codes).map(codeAnchor);
  assert.deepEqual([...headings].sort(), [...expected].sort());
  for (const code of Object.keys(codes)) assert.ok(doc.includes('`' + code + '`'), `${code} is named in its section`);
});

test('docs/diagnostics.md says for every code which quick fix it has, or why it has none', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
  const sections = new Map(
    doc
      .split(/^## /m)
      .slice(1)
      .map((s) => [s.slice(0, s.indexOf('\n')), s] as const),
  );
  const silent = Object.keys(codes).filter(
    (code) => !/Quick fix|Quick fixes|No quick fix/.test(sections.get(codeAnchor(code)) ?? ''),
  );
  assert.deepEqual(silent, []);
});
