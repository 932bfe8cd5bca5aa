import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { EDITOR_VERIFY_MS, type LanguageService } from '../../core/src/languageService';
import { createWorkspaceIndex } from '../../core/src/workspace/workspaceIndex';
import { freshService, repoRoot, settings } from '../support/service';
import { answer, checkRanges, type Tally } from './checks';

/**
 * Byte-level mutations of every example (the broken ones included): control and line-break
 * characters, deep nesting, long lines, cut, repeated and truncated text, other line endings. Each
 * mutant goes through every feature of the real core, as the server and the linter call it.
 */

export const examples = (): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(ya?ml|json)$/.test(e.name) && !e.name.endsWith('.expected.json')) out.push(f);
    }
  };
  walk(path.join(repoRoot, 'examples'));
  return out;
};

/** Characters that have broken readers elsewhere: controls, every line break, BOM, lone surrogates, bidi. */
export const HOSTILE = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u000b',
  '\f',
  '\u001b',
  '\u001b[2J\u001b]0;x\u0007',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\r',
  '\n',
  '\r\n',
  '\n\r',
  '\t',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u00a0',
  '#',
  '"',
  "'",
  ': ',
  '- ',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '%YAML 1.1\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\\',
  '|\n',
  '>-\n',
];

/** Text that nests `depth` levels in one of the shapes the readers must bound. */
export function nesting(kind: number, depth: number): string {
  switch (kind % 7) {
    case 0:
      return '- '.repeat(depth);
    case 1:
      return '['.repeat(depth) + ']'.repeat(depth % 2 ? depth : 0);
    case 2:
      return '{a: '.repeat(depth);
    case 3:
      return '\n' + Array.from({ length: Math.min(depth, 1500) }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    case 4:
      return '\n' + Array.from({ length: Math.min(depth, 1500) }, (_, i) => ' '.repeat(2 * i) + '- ').join('\n');
    case 5:
      return '? '.repeat(depth);
    default:
      return '- [{a: '.repeat(depth);
  }
}

const op = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...HOSTILE),
    times: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ op: fc.constant('chars' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
  fc.record({
    op: fc.constant('nest' as const),
    at: fc.nat(),
    kind: fc.nat(),
    depth: fc.integer({ min: 50, max: 6000 }),
  }),
  fc.record({
    op: fc.constant('long' as const),
    at: fc.nat(),
    unit: fc.constantFrom('x', ' ', 'a: ', '"', '#', '\\', '[a, ', '{a: 1, ', '- ', 'é', '\u{1F600}'),
    length: fc.integer({ min: 1000, max: 400_000 }),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.nat(400) }),
  fc.record({
    op: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.nat(3000),
    times: fc.integer({ min: 2, max: 30 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('endings' as const), to: fc.constantFrom('\r', '\r\n', '\u0085', '\u2028', 'mixed') }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/**
 * Mutants stay under 1 MB: larger documents are the large-document setting's business
 * (structure-only service), where answers are bounded differently.
 */
export const MAX_FUZZ_CHARS = 1024 * 1024;

export function mutate(text: string, ops: Op[]): string {
  let t = text;
  for (const o of ops) {
    const at = 'at' in o ? o.at % (t.length + 1) : 0;
    switch (o.op) {
      case 'insert':
        t = t.slice(0, at) + o.text.repeat(o.times) + t.slice(at);
        break;
      case 'chars':
        t = t.slice(0, at) + o.text + t.slice(at);
        break;
      case 'nest':
        t = t.slice(0, at) + nesting(o.kind, o.depth) + t.slice(at);
        break;
      case 'long':
        t = t.slice(0, at) + o.unit.repeat(Math.ceil(o.length / o.unit.length)) + t.slice(at);
        break;
      case 'cut':
        t = t.slice(0, at) + t.slice(at + o.length);
        break;
      case 'repeat':
        t = t.slice(0, at) + t.slice(at, at + o.length).repeat(o.times) + t.slice(at + o.length);
        break;
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'endings': {
        let i = 0;
        t = t.replace(/\r\n|\n/g, () => (o.to === 'mixed' ? ['\n', '\r\n', '\r'][i++ % 3] : o.to));
        break;
      }
    }
  }
  return t.length > MAX_FUZZ_CHARS ? t.slice(0, MAX_FUZZ_CHARS) : t;
}

/** Every feature of the core on one document; what each answer returns is checked for ranges. */
export async function exercise(tally: Tally, service: LanguageService, d: TextDocument, at: number[]): Promise<void> {
  const s = settings();
  const positions: Position[] = at.map((n) => d.positionAt(n % (d.getText().length + 1)));
  const diags = (await answer(tally, 'validation', () => service.doValidation(d, s))) ?? ([] as Diagnostic[]);
  checkRanges(
    tally,
    d,
    'diagnostics',
    diags.map((x) => x.range),
  );
  const symbols = await answer(tally, 'documentSymbol', () => service.getDocumentSymbols(d));
  checkRanges(
    tally,
    d,
    'documentSymbol',
    (symbols ?? []).flatMap((x) => [x.range, x.selectionRange]),
  );
  await answer(tally, 'foldingRange', () => service.getFoldingRanges(d));
  const sel = await answer(tally, 'selectionRange', () => service.getSelectionRanges(d, positions));
  checkRanges(
    tally,
    d,
    'selectionRange',
    (sel ?? []).map((x) => x.range),
  );
  for (const p of positions.slice(0, 2)) {
    const hover = await answer(tally, 'hover', () => service.doHover(d, p, s));
    checkRanges(tally, d, 'hover', [hover?.range ?? undefined]);
    const list = await answer(tally, 'completion', () => service.doComplete(d, p, s));
    checkRanges(
      tally,
      d,
      'completion',
      (list?.items ?? []).slice(0, 50).map((i) => (i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined)),
    );
  }
  for (const target of diags.slice(0, 3)) {
    // With the editor's time budget, as the server asks (the linter's budget counts text instead).
    const started = Date.now();
    const actions = await answer(tally, 'codeAction', () =>
      service.getCodeActions(d, target.range, { diagnostics: [target] }, s, undefined, {
        ms: EDITOR_VERIFY_MS,
        start: started,
      }),
    );
    const edits = (actions ?? []).flatMap((a) => Object.values(a.edit?.changes ?? {}).flat());
    checkRanges(
      tally,
      d,
      'codeAction edits',
      edits.map((e) => e.range),
    );
  }
  await answer(tally, 'links', () => service.getDocumentLinks(d, s));
  const formatting = await answer(tally, 'formatting', () => service.format(d, { tabSize: 2, insertSpaces: true }));
  checkRanges(
    tally,
    d,
    'formatting',
    (formatting ?? []).map((e) => e.range),
  );
  // The workspace index reads the same text the way the start-up scan's workers do.
  const kind = service.getAssociation(d, s).schemaUri;
  const entry = kind ? service.store.entry(kind)?.id : undefined;
  if (entry) {
    const index = createWorkspaceIndex();
    await answer(tally, 'index', () => {
      index.update(d.uri, entry, service.parse(d), { dependents: false });
      return index.problemsFor(d.uri);
    });
  }
}

export async function runMutations(tally: Tally, seed: number, ms: number): Promise<void> {
  const files = examples();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  let service = freshService();
  let version = 1;
  await fc.assert(
    fc.asyncProperty(
      fc.nat(files.length - 1),
      fc.array(op, { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      async (i, ops, at) => {
        const text = mutate(texts[i], ops);
        tally.begin(`${path.relative(repoRoot, files[i])} ${JSON.stringify(ops)} at ${JSON.stringify(at)}`, text);
        const uri = URI.file(files[i]).toString();
        const d = TextDocument.create(uri, /\.json$/.test(files[i]) ? 'tenant-json' : 'tenant-yaml', version++, text);
        await exercise(tally, service, d, at);
        // A long-lived service, as in the server; renewed now and then so its caches do not hide anything.
        if (tally.cases % 200 === 0) service = freshService();
        tally.beat();
      },
    ),
    { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms, markInterruptAsFailure: false },
  );
}
