import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Lexer } from 'yaml';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { parseText, type ASTNode } from '../../core/src/index';
import { repoRoot, service, settings, doc } from '../support/service';

/**
 * Formatting and every offered quick fix keep every comment, token and document marker, and each
 * line's ending, whatever the line endings of the input: LF, CRLF, CR or a mix.
 */

type Kind = 'comment' | 'marker' | 'content';
interface Token {
  offset: number;
  end: number;
  kind: Kind;
  text: string;
}

/** The tokens of a text as its format's own lexer sees them (blanks and line breaks left out). */
function tokens(text: string, format: 'yaml' | 'json'): Token[] {
  const out: Token[] = [];
  if (format === 'json') {
    const s = createScanner(text, false);
    for (let k = s.scan(); k !== SyntaxKind.EOF; k = s.scan()) {
      if (k === SyntaxKind.Trivia || k === SyntaxKind.LineBreakTrivia) continue;
      const offset = s.getTokenOffset();
      const end = offset + s.getTokenLength();
      const comment = k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia;
      out.push({ offset, end, kind: comment ? 'comment' : 'content', text: text.slice(offset, end) });
    }
    return out;
  }
  // yaml's lexer ends lines at LF only; a lone CR is a line break for YAML 1.2, so it reads LF there.
  const source = text.replace(/\r(?!\n)/g, '\n');
  let offset = 0;
  for (const t of new Lexer().lex(source)) {
    if (t === '\x02' || t === '\x18' || t === '\x1f') continue; // markers the lexer adds, not text
    const end = offset + t.length;
    if (/\S/.test(t)) {
      const kind: Kind = t.startsWith('#') ? 'comment' : /^(---|\.\.\.)$/.test(t) ? 'marker' : 'content';
      out.push({ offset, end, kind, text: t });
    }
    offset = end;
  }
  assert.equal(offset, text.length, 'the lexer covers the text');
  return out;
}

/** A document's data with key order, comparable across texts. */
function data(text: string, format: 'yaml' | 'json'): unknown {
  const plain = (n: ASTNode | undefined): unknown => {
    if (!n) return undefined;
    if (n.type === 'object') return n.properties.map((p) => [p.keyNode.value, plain(p.valueNode)]);
    if (n.type === 'array') return n.items.map(plain);
    if (n.type === 'property' || n.type === 'alias') return `<${n.type}>`;
    return n.type === 'null' ? null : n.value;
  };
  return parseText(text, format).parts.map((p) => plain(p.root));
}

const breaksOf = (text: string): string[] => text.match(/\r\n|\r|\n/g) ?? [];

/** The line ending a text uses at `offset`'s line (its own, else the nearest before, else the first). */
function endingAt(text: string, offset: number): string | undefined {
  const after = /\r\n|\r|\n/.exec(text.slice(offset));
  if (after) return after[0];
  const all = breaksOf(text.slice(0, offset));
  return all[all.length - 1];
}

// ---- Inputs ----------------------------------------------------------------------------------

const examples: string[] = [];
const walk = (d: string): void => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const f = path.join(d, e.name);
    if (e.isDirectory()) walk(f);
    else if (/\.(ya?ml|json)$/.test(e.name) && !e.name.endsWith('.expected.json')) examples.push(f);
  }
};
walk(path.join(repoRoot, 'examples'));

type Mutation = (lines: string[], r: number, json: boolean) => void;
const keyLine = (lines: string[], r: number, json: boolean): number => {
  const c = lines.map((l, i) => ({ l, i })).filter(({ l }) => (json ? /^\s*"[a-z_]+":/ : /^\s*[a-z_]+:/).test(l));
  return c.length ? c[r % c.length].i : -1;
};
const MUTATIONS: Record<string, Mutation> = {
  none: () => undefined,
  duplicate: (lines, r, json) => {
    const i = keyLine(lines, r, json);
    const l = lines[i];
    if (i >= 0 && /:\s+\S/.test(l) && !/[{[]\s*$/.test(l)) lines.splice(i + 1, 0, json ? l.replace(/,?$/, ',') : l);
  },
  typo: (lines, r, json) => {
    const i = keyLine(lines, r, json);
    if (i >= 0) lines[i] = lines[i].replace(/([a-z])([a-z])([a-z_]*":?|[a-z_]*:)/, '$2$1$3');
  },
  comment: (lines, r, json) => {
    if (json) return;
    const i = r % lines.length;
    lines.splice(i, 0, (lines[i].match(/^\s*/)?.[0] ?? '') + '# note ' + r);
    const j = keyLine(lines, r + 1, json);
    if (j >= 0 && !lines[j].includes('#')) lines[j] += '  # trailing';
  },
  separator: (lines, r, json) => {
    if (json) return;
    const i = keyLine(lines, r, json);
    if (i >= 0) lines.splice(i, 0, `# reviewed\u2028${(lines[i].match(/^\s*/)?.[0] ?? '') + 'hidden_' + r}: 1`);
  },
  marker: (lines, _r, json) => {
    if (!json) lines.unshift('---');
  },
  badValue: (lines, r, json) => {
    const i = keyLine(lines, r, json);
    if (i >= 0) lines[i] = lines[i].replace(/:\s+(true|\d+)\b/, ': "$1x"');
  },
};

/** Join lines with LF, CRLF, CR, or a mix chosen line by line. */
function withEndings(lines: string[], mode: string, r: number): string {
  const pick = (i: number): string =>
    mode === 'mixed' ? ['\n', '\r\n', '\r'][(i * 7 + r) % 3] : { lf: '\n', crlf: '\r\n', cr: '\r' }[mode]!;
  return lines.map((l, i) => l + (i < lines.length - 1 ? pick(i) : '')).join('');
}

const input = fc
  .record({
    file: fc.constantFrom(...examples),
    mutations: fc.array(fc.constantFrom(...Object.keys(MUTATIONS)), { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom('lf', 'crlf', 'cr', 'mixed'),
    r: fc.nat(10_000),
  })
  .map(({ file, mutations, mode, r }) => {
    const json = file.endsWith('.json');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    mutations.forEach((m, k) => MUTATIONS[m](lines, r + k * 13, json));
    return { file, text: withEndings(lines, mode, r), format: (json ? 'json' : 'yaml') as 'yaml' | 'json', mode };
  });

const open = (file: string, text: string): TextDocument => doc(text, path.basename(file), path.dirname(file));

// ---- Formatting ------------------------------------------------------------------------------

test('formatting keeps every comment, value and document marker, and each line ending, for LF, CRLF, CR and mixed', async () => {
  let changed = 0;
  await fc.assert(
    fc.asyncProperty(input, async ({ file, text, format, mode }) => {
      const d = open(file, text);
      const edits = await service().format(d, { tabSize: 2, insertSpaces: true });
      const out = TextDocument.applyEdits(d, edits);
      if (out !== text) changed++;
      const label = `${path.basename(file)} (${mode})`;
      const kinds = (t: string, k: Kind) =>
        tokens(t, format)
          .filter((x) => x.kind === k)
          .map((x) => x.text.trimEnd());
      assert.deepEqual(kinds(out, 'comment'), kinds(text, 'comment'), `${label}: comments`);
      assert.deepEqual(kinds(out, 'marker'), kinds(text, 'marker'), `${label}: markers`);
      assert.deepEqual(data(out, format), data(text, format), `${label}: data`);
      // Every line break written is one the text already had, at that place.
      const used = new Set(breaksOf(text));
      for (const e of edits) {
        const at = d.offsetAt(e.range.start);
        for (const b of breaksOf(e.newText)) {
          assert.ok(used.has(b), `${label}: ${JSON.stringify(b)} is new`);
          if (mode !== 'mixed') assert.equal(b, endingAt(text, at), `${label}: ending`);
        }
      }
      if (mode !== 'mixed')
        assert.ok(
          breaksOf(out).every((b) => b === breaksOf(text)[0]),
          `${label}: one ending`,
        );
      // Idempotent: formatting the result changes nothing.
      assert.deepEqual(await service().format(open(file, out), { tabSize: 2, insertSpaces: true }), [], label);
    }),
    { numRuns: 150, seed: 20260712 },
  );
  assert.ok(changed >= 30, `formatting changed only ${changed} inputs`);
});

test('formatting a CR-only or mixed document no longer duplicates lines', async () => {
  for (const text of ['a:   1\r# c\rb:\r    - x\r    - y\r', 'a:   1\r\n# c\nb:\r    - x\n    - y\r\n']) {
    const d = TextDocument.create('file:///w/x.tenant.yaml', 'tenant-yaml', 1, text);
    const out = TextDocument.applyEdits(d, await service().format(d, { tabSize: 2, insertSpaces: true }));
    assert.equal(out, text.replace('a:   1', 'a: 1').replace(/ {4}- /g, '  - '));
  }
});

// ---- Fixes -----------------------------------------------------------------------------------

function checkFix(label: string, text: string, format: 'yaml' | 'json', code: string, action: CodeAction): void {
  const d = TextDocument.create('file:///x', format, 1, text);
  const edits = (Object.values(action.edit?.changes ?? {})[0] ?? []) as TextEdit[];
  const out = TextDocument.applyEdits(d, edits);
  if (code === 'yaml.unicode-line-break') {
    // The one fix that splits a token on purpose: each character becomes its line's own line break.
    assert.ok(edits.length >= 1, label);
    for (const e of edits) {
      const at = d.offsetAt(e.range.start);
      assert.equal(d.offsetAt(e.range.end), at + 1, label);
      assert.match(text[at], /[\u0085\u2028\u2029]/, label);
      assert.equal(e.newText, endingAt(text, at), label);
    }
    return;
  }
  const before = tokens(text, format);
  const after = tokens(out, format);
  const markers = (ts: Token[]) => ts.filter((t) => t.kind === 'marker').length;
  assert.equal(markers(after), markers(before), `${label}: document markers`);
  for (const e of edits) {
    const s = d.offsetAt(e.range.start);
    const end = d.offsetAt(e.range.end);
    for (const at of [s, end])
      assert.ok(!(text[at - 1] === '\r' && text[at] === '\n'), `${label}: an edit splits a CRLF at ${at}`);
    // No token is cut by an edit: each lies wholly inside or wholly outside it.
    for (const t of before)
      assert.ok(t.end <= s || t.offset >= end || (t.offset >= s && t.end <= end), `${label}: cuts ${t.text}`);
    // A comment goes only with what it annotates: never first in a removed span, never last
    // unless a removed token shares its line.
    const inside = before.filter((t) => t.offset >= s && t.end <= end);
    if (inside.length) {
      assert.notEqual(inside[0].kind, 'comment', `${label}: removes the comment ${inside[0].text}`);
      const last = inside[inside.length - 1];
      if (last.kind === 'comment') {
        const lineStart =
          Math.max(text.lastIndexOf('\n', last.offset - 1), text.lastIndexOf('\r', last.offset - 1)) + 1;
        assert.ok(
          inside.some((t) => t.kind !== 'comment' && t.offset >= lineStart && t.offset < last.offset),
          `${label}: removes the comment ${last.text}`,
        );
      }
    }
    // Line breaks written are the line's own.
    for (const b of breaksOf(e.newText)) assert.equal(b, endingAt(text, s), `${label}: line ending`);
  }
  // Every comment outside the edits is still there.
  const kept = (ts: Token[]) => ts.filter((t) => t.kind === 'comment').map((t) => t.text);
  const removed = before.filter(
    (t) =>
      t.kind === 'comment' &&
      edits.some((e) => t.offset >= d.offsetAt(e.range.start) && t.end <= d.offsetAt(e.range.end)),
  ).length;
  assert.equal(kept(after).length, kept(before).length - removed, `${label}: comments`);
}

test('every offered fix keeps every comment, token and document marker outside what it changes, and each line ending', () => {
  let checked = 0;
  const titles = new Set<string>();
  fc.assert(
    fc.property(input, ({ file, text, format, mode }) => {
      const d = open(file, text);
      const before = service().doValidation(d, settings());
      for (const target of before.filter((x) => x.source === 'tenant-config').slice(0, 6)) {
        const actions = service().getCodeActions(
          d,
          target.range,
          { diagnostics: [target], only: ['quickfix'] },
          settings(),
        );
        for (const action of actions) {
          const label = `${path.basename(file)} (${mode}) ${String(target.code)} → ${action.title}`;
          checkFix(label, text, format, String(target.code), action);
          titles.add(String(target.code));
          checked++;
        }
      }
    }),
    { numRuns: 70, seed: 20260713 },
  );
  assert.ok(checked >= 40, `only ${checked} fixes checked`);
  for (const code of ['document.duplicate-key', 'schema.additional-property', 'yaml.unicode-line-break'])
    assert.ok(titles.has(code), `no fix of ${code} checked (${[...titles].join(', ')})`);
});
