import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { freshService, settings } from '../support/service';
import { answer, checkRanges, type Tally } from './checks';

/**
 * Every user-schema pattern (`pattern`, `patternProperties`, `propertyNames`) runs on RE2 in
 * validation, completion, hover and fix verification, so the target generates hostile patterns
 * (overlapping alternations, nested and bounded quantifiers) beside ordinary ones.
 * `--all-patterns` on scripts/fuzz.mjs is kept for compatibility and changes nothing.
 */
export const USER_PATTERNS_ON_RE2 = true;

/** Classes that never match the separators below, so a quantified class followed by one cannot backtrack. */
const CLASSES = ['[a-z]', '[0-9]', '[A-Z]', '[a-z0-9]', '\\d', '[a-f0-9]', '[A-Za-z_]'];
const SEPARATORS = ['-', '\\.', ':', '/', '@', '_', ' ', '=', ','];
const QUANTIFIERS = ['', '+', '*', '?', '{2}', '{1,3}', '{0,8}', '{2,}'];

const safeSegment = fc.oneof(
  fc
    .tuple(fc.constantFrom(...CLASSES), fc.constantFrom(...QUANTIFIERS), fc.constantFrom(...SEPARATORS))
    .map(([c, q, s]) => c + q + s),
  fc
    .array(fc.constantFrom('prod', 'staging', 'eu', 'us', 'a', 'b'), { minLength: 1, maxLength: 4 })
    .map((ws) => `(${ws.join('|')})`),
  fc.constantFrom('v', 'x-', 'tenant', '\\$', '\\{'),
);
const safePattern = fc
  .tuple(
    fc.boolean(),
    fc.array(safeSegment, { minLength: 1, maxLength: 5 }),
    fc.boolean(),
    fc.constantFrom(...CLASSES, ''),
  )
  .map(([start, segs, end, tail]) => (start ? '^' : '') + segs.join('') + (tail ? tail + '+' : '') + (end ? '$' : ''));

/** The shapes that backtrack exponentially or polynomially, and patterns that do not compile at all. */
const hostileAtom = fc.constantFrom('a', 'a+', '\\w', '[a-z]', '.', 'a|a', 'a|ab', 'a?', '\\s*', '(?:a|b)');
const hostilePattern = fc.oneof(
  hostileAtom.map((a) => `^(${a}+)+$`),
  hostileAtom.map((a) => `^(${a})*$`),
  hostileAtom.map((a) => `^(${a}|${a})*$`),
  hostileAtom.map((a) => `^(${a}+){2,}x{0,1}$`),
  fc.integer({ min: 2, max: 12 }).map((n) => '^' + 'a*'.repeat(n) + '$'),
  fc.constantFrom(
    '(a+)\\1$',
    '^(?=a+)a*b',
    '(?<=a+)b',
    '^\\p{L}+$',
    '(',
    '[',
    '*a',
    'a{2,1}',
    '(?<n>a)\\k<n>',
    '\\',
    '',
  ),
  fc
    .array(fc.constantFrom('a', 'ab', 'abc', 'b'), { minLength: 50, maxLength: 300 })
    .map((ws) => `^(${ws.join('|')})+$`),
  fc.string({ maxLength: 40 }),
);

/** Values meant to make a backtracking engine work hard, and plain ones. */
const value = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((n) => 'a'.repeat(n) + '!'),
  fc.integer({ min: 1, max: 60 }).map((n) => 'ab'.repeat(n) + 'x'),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom('prod-1.eu', 'x-tenant', 'a@b', '', ' ', 'v1', '\u2028', 'é'),
  fc.string({ maxLength: 30 }),
);

export async function runSchemas(tally: Tally, seed: number, ms: number, allPatterns: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-fuzz-schema-'));
  const schemaFile = path.join(dir, 'fuzz.schema.json');
  const schemaUri = URI.file(schemaFile).toString();
  const pattern = allPatterns || USER_PATTERNS_ON_RE2 ? fc.oneof(safePattern, hostilePattern) : safePattern;
  const service = freshService();
  let version = 1;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: pattern,
          tag: pattern,
          keys: pattern,
          keyed: pattern,
          names: fc.option(pattern, { nil: undefined }),
        }),
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 4 }),
        async (p, pairs) => {
          const schema = {
            type: 'object',
            properties: {
              name: { type: 'string', pattern: p.name, description: 'The name' },
              tags: { type: 'array', items: { type: 'string', pattern: p.tag } },
            },
            patternProperties: { [p.keys]: { type: 'string', pattern: p.keyed } },
            ...(p.names !== undefined ? { propertyNames: { pattern: p.names } } : {}),
            additionalProperties: false,
          };
          const lines = [
            '# tenant-config: $schema=./fuzz.schema.json',
            `name: ${JSON.stringify(pairs[0][1])}`,
            `tags: [${pairs.map(([, v]) => JSON.stringify(v)).join(', ')}]`,
            ...pairs.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`),
            '',
          ];
          const text = lines.join('\n');
          tally.begin(`schema ${JSON.stringify(schema)}`, text);
          fs.writeFileSync(schemaFile, JSON.stringify(schema));
          service.invalidateSchema(schemaUri);
          const d = TextDocument.create(URI.file(path.join(dir, 'doc.yaml')).toString(), 'yaml', version++, text);
          const s = settings({ workspaceFolders: [URI.file(dir).toString()] });
          const diags = (await answer(tally, 'validation', () => service.doValidation(d, s))) ?? [];
          checkRanges(
            tally,
            d,
            'diagnostics',
            diags.map((x) => x.range),
          );
          for (let line = 1; line < lines.length - 1; line++) {
            const hover = await answer(tally, 'hover', () => service.doHover(d, { line, character: 1 }, s));
            checkRanges(tally, d, 'hover', [hover?.range ?? undefined]);
          }
          await answer(tally, 'completion', () => service.doComplete(d, { line: lines.length - 1, character: 0 }, s));
          await answer(tally, 'completion', () => service.doComplete(d, { line: 2, character: 7 }, s));
          for (const target of diags.slice(0, 4))
            await answer(tally, 'codeAction', () =>
              service.getCodeActions(d, target.range, { diagnostics: [target] }, s),
            );
          tally.beat();
        },
      ),
      { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms, markInterruptAsFailure: false },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
