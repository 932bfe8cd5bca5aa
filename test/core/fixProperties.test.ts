import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { repoRoot, service, settings, doc } from '../support/service';

/**
 * Properties every offered quick fix must have, checked independently of the fix engine:
 * the document still parses, the diagnostic it targets is gone, no new error appears outside
 * what the fix wrote, and every line outside the edit (comments included) is unchanged.
 */
function checkFix(name: string, text: string, before: Diagnostic[], target: Diagnostic, action: CodeAction): void {
  const edits = (Object.values(action.edit?.changes ?? {})[0] ?? []) as TextEdit[];
  const after = TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
  const diags = service().doValidation(doc(after, name, path.dirname(name)), settings());
  const label = `${name}: ${String(target.code)} → ${action.title}`;
  const syntax = (ds: Diagnostic[]) => ds.filter((d) => /\.syntax$/.test(String(d.code))).length;
  assert.ok(syntax(diags) <= syntax(before), `${label}: still parses`);
  const key = (d: Diagnostic) =>
    `${String(d.code)}|${JSON.stringify((d.data as { path?: unknown }).path ?? null)}|${JSON.stringify((d.data as { missing?: unknown }).missing ?? null)}`;
  if (target.code === 'document.duplicate-key')
    assert.ok(
      diags.filter((d) => d.code === target.code).length < before.filter((d) => d.code === target.code).length,
      `${label}: duplicate gone`,
    );
  else assert.ok(!diags.some((d) => key(d) === key(target)), `${label}: target gone`);
  // New errors: only strictly inside a key the fix renamed or a value it wrote.
  const oldErrors = before.filter((d) => d.severity === DiagnosticSeverity.Error).map(key);
  const touched = edits.map((e) => e.range.start.line);
  for (const d of diags.filter((x) => x.severity === DiagnosticSeverity.Error)) {
    const i = oldErrors.indexOf(key(d));
    if (i >= 0) {
      oldErrors.splice(i, 1);
      continue;
    }
    assert.ok(
      touched.some((l) => d.range.start.line >= l),
      `${label}: no new error (${key(d)})`,
    );
    assert.notEqual(
      d.code,
      target.code === 'schema.additional-property' ? 'schema.additional-property' : '',
      `${label}: no new unknown key`,
    );
  }
  // Lines outside the edited span are byte for byte the same.
  const a = text.split('\n');
  const b = after.split('\n');
  const first = Math.min(...edits.map((e) => e.range.start.line));
  const last = Math.max(...edits.map((e) => e.range.end.line));
  for (let i = 0; i < first; i++) assert.equal(b[i], a[i], `${label}: line ${i + 1} unchanged`);
  const tail = a.length - 1 - last;
  for (let i = 0; i < tail; i++)
    assert.equal(b[b.length - 1 - i], a[a.length - 1 - i], `${label}: line ${a.length - i} unchanged`);
}

function fixesOf(name: string, text: string): Array<{ before: Diagnostic[]; target: Diagnostic; action: CodeAction }> {
  const d = doc(text, name, path.dirname(name));
  const before = service().doValidation(d, settings());
  const out: Array<{ before: Diagnostic[]; target: Diagnostic; action: CodeAction }> = [];
  for (const target of before) {
    for (const action of service().getCodeActions(
      d,
      target.range,
      { diagnostics: [target], only: ['quickfix'] },
      settings(),
    )) {
      if (action.diagnostics?.length === 1) out.push({ before, target, action });
    }
  }
  return out;
}

const brokenDir = path.join(repoRoot, 'examples', 'broken');
const broken = fs
  .readdirSync(brokenDir)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
  .map((f) => path.join(brokenDir, f));

test('every fix offered on the broken examples keeps its promises', () => {
  let count = 0;
  for (const file of broken) {
    const text = fs.readFileSync(file, 'utf8');
    for (const { before, target, action } of fixesOf(file, text)) {
      checkFix(file, text, before, target, action);
      count++;
    }
  }
  assert.ok(count >= 30, `only ${count} fixes offered on ${broken.length} broken examples`);
});

/** Valid example files, mutated by a generated mistake. */
const validFiles: string[] = [];
const walk = (d: string): void => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const f = path.join(d, e.name);
    if (e.isDirectory() && e.name !== 'broken') walk(f);
    else if (/\.(ya?ml)$/.test(e.name)) validFiles.push(f);
  }
};
walk(path.join(repoRoot, 'examples'));

type Mutation = (text: string, rnd: number) => string | undefined;
const keyLines = (text: string) =>
  text
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => /^\s*(- )?[a-z_]+:/.test(l));
const mutate = (text: string, rnd: number, f: (line: string) => string | undefined): string | undefined => {
  const lines = text.split('\n');
  const candidates = keyLines(text);
  if (!candidates.length) return undefined;
  const { i } = candidates[rnd % candidates.length];
  const changed = f(lines[i]);
  if (changed === undefined || changed === lines[i]) return undefined;
  lines[i] = changed;
  return lines.join('\n');
};
const mutations: Record<string, Mutation> = {
  typoKey: (t, r) =>
    mutate(t, r, (l) =>
      l.replace(
        /^(\s*(?:- )?)([a-z_]{4,}):/,
        (_m, p: string, k: string) => p + k.slice(0, 1) + k.slice(2, 3) + k.slice(1, 2) + k.slice(3) + ':',
      ),
    ),
  quoteNumber: (t, r) =>
    mutate(t, r, (l) => (/:\s+\d+\s*(#.*)?$/.test(l) ? l.replace(/:\s+(\d+)/, ': "$1"') : undefined)),
  yesForTrue: (t, r) => mutate(t, r, (l) => (/:\s+true\b/.test(l) ? l.replace(/:\s+true\b/, ': yes') : undefined)),
  typoValue: (t, r) =>
    mutate(t, r, (l) =>
      /:\s+[a-z][a-z-]{3,}\s*(#.*)?$/.test(l) ? l.replace(/:\s+([a-z])([a-z])([a-z-]+)/, ': $1$3$2') : undefined,
    ),
  duplicateLine: (t, r) => {
    const lines = t.split('\n');
    const c = keyLines(t).filter(({ l }) => /^\s*[a-z_]+:\s+\S/.test(l) && !/^\s*- /.test(l));
    if (!c.length) return undefined;
    const { i } = c[r % c.length];
    lines.splice(i + 1, 0, lines[i]);
    return lines.join('\n');
  },
};

test('generated mistakes in valid examples: every offered fix keeps its promises', () => {
  let checked = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...validFiles),
      fc.constantFrom(...Object.keys(mutations)),
      fc.nat(10_000),
      (file, m, r) => {
        const text = mutations[m](fs.readFileSync(file, 'utf8'), r);
        if (text === undefined) return;
        for (const { before, target, action } of fixesOf(file, text)) {
          checkFix(file, text, before, target, action);
          checked++;
        }
      },
    ),
    { numRuns: 120, seed: 20261121 },
  );
  assert.ok(checked >= 20, `only ${checked} fixes checked`);
});
