/**
 * Keys at the wrong indentation. A YAML key one level too shallow (a `body:` beside its locale
 * instead of under it) or too deep is read as a key of another mapping, where the schema and the
 * rules find it wrong, often twice ("not a locale tag" and "missing the required key `body`").
 * When a key line with such a problem, moved with its block to the indentation of the lines above
 * (deeper) or of its parent (shallower), leaves the document without those problems and adds
 * none, the problems the move would clear are replaced by one: `yaml.misindented-key`, with the
 * move as a quick fix. Each move is tried by checking the moved text again, for at most a few
 * key lines of a chunk. Never throws.
 */
import type { OffsetEdit } from '../features/fixes/edits';
import { say, whereName } from '../messages';
import type { Problem } from '../problem';
import type { JSONPath } from '../document/ast';
import { indexAt } from '../util/search';

const MAX_CANDIDATES = 3;
const MAX_PROBLEMS = 50;
/** Chunks larger than this are not re-checked for a move (each try re-validates the chunk). */
const MAX_TEXT = 200_000;
/** Problems that say a key is not where it belongs: only their key lines are tried. */
const MISPLACED: ReadonlySet<string> = new Set(['schema.additional-property', 'schema.property-name', 'schema.false']);
const misplaced = (p: Problem): boolean =>
  MISPLACED.has(p.code) || (typeof p.data?.supersedes === 'string' && MISPLACED.has(p.data.supersedes));
const KEY_LINE = /^( *)([^\s#'"{[\-?][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

interface Line {
  start: number;
  end: number;
  indent: number;
  blank: boolean;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const indent = raw.length - raw.replace(/^ +/, '').length;
    const content = raw.slice(indent).replace(/\r$/, '');
    out.push({ start, end, indent, blank: content === '' || content.startsWith('#') });
    if (end === text.length) break;
    start = end + 1;
  }
  return out;
}

/** The line at an offset (index). */
function lineAt(lines: Line[], offset: number): number {
  return indexAt(lines.length, (i) => lines[i]!.start, offset);
}

/** The lines of a key and its nested block: the key line and the deeper or blank lines after it. */
function blockOf(lines: Line[], i: number): number[] {
  const out = [i];
  for (let k = i + 1; k < lines.length; k++) {
    const l = lines[k]!;
    if (!l.blank && l.indent <= lines[i]!.indent) break;
    out.push(k);
  }
  while (out.length > 1 && lines[out[out.length - 1]!]!.blank) out.pop();
  return out;
}

/** The indentations a key line could have been meant at: under the line above it, or beside its parent. */
function targets(lines: Line[], i: number): number[] {
  const indent = lines[i]!.indent;
  const out: number[] = [];
  let k = i - 1;
  while (k >= 0 && lines[k]!.blank) k--;
  if (k >= 0 && lines[k]!.indent > indent) out.push(lines[k]!.indent);
  for (let p = i - 1; p >= 0; p--) {
    const l = lines[p]!;
    if (l.blank || l.indent >= indent) continue;
    // Beside the parent: only when the parent has a parent (a top-level key stays top-level).
    if (l.indent < indent) {
      out.push(l.indent);
      break;
    }
  }
  return out.filter((t) => t !== indent);
}

/** The edits that move a key line and its block by `delta` columns (negative: to the left). */
export function indentEdits(text: string, keyOffset: number, delta: number): OffsetEdit[] {
  try {
    const lines = linesOf(text);
    const i = lineAt(lines, keyOffset);
    if (!KEY_LINE.test(text.slice(lines[i]!.start, lines[i]!.end)) || delta === 0) return [];
    const edits: OffsetEdit[] = [];
    for (const k of blockOf(lines, i)) {
      const l = lines[k]!;
      if (l.blank && l.indent === l.end - l.start) continue;
      if (delta > 0) edits.push({ offset: l.start, length: 0, text: ' '.repeat(delta) });
      else if (l.indent >= -delta) edits.push({ offset: l.start, length: -delta, text: '' });
      else return [];
    }
    return edits;
  } catch {
    return [];
  }
}

function applied(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

const keyOf = (p: Problem): string => `${p.code}\u0000${JSON.stringify(p.data?.path ?? null)}`;
const isError = (p: Problem): boolean => (p.severity ?? 'error') === 'error';

/**
 * The problems of a YAML chunk, with those a misindented key causes replaced by one
 * `yaml.misindented-key` each. `recheck` gives the problems of another text of the chunk.
 */
export function withIndentHints(text: string, problems: Problem[], recheck: (text: string) => Problem[]): Problem[] {
  try {
    if (!problems.length || problems.length > MAX_PROBLEMS || text.length > MAX_TEXT) return problems;
    if (problems.some((p) => p.code.startsWith('yaml.')) || !problems.some(misplaced)) return problems;
    const lines = linesOf(text);
    const tried = new Set<number>();
    let out = problems;
    for (const p of problems) {
      if (tried.size >= MAX_CANDIDATES) break;
      if (!isError(p) || !misplaced(p)) continue;
      const i = lineAt(lines, p.offset);
      if (tried.has(i)) continue;
      const line = lines[i]!;
      const m = KEY_LINE.exec(text.slice(line.start, line.end));
      if (!m || line.indent === 0 || p.offset < line.start + line.indent) continue;
      tried.add(i);
      const hint = tryMoves(text, lines, i, m[2]!.trim(), out, recheck);
      if (hint) out = hint;
    }
    return out;
  } catch {
    return problems;
  }
}

function tryMoves(
  text: string,
  lines: Line[],
  i: number,
  key: string,
  problems: Problem[],
  recheck: (text: string) => Problem[],
): Problem[] | undefined {
  const line = lines[i]!;
  const keyOffset = line.start + line.indent;
  const before = new Set(problems.map(keyOf));
  for (const target of targets(lines, i)) {
    const delta = target - line.indent;
    const edits = indentEdits(text, keyOffset, delta);
    if (!edits.length) continue;
    const after = recheck(applied(text, edits));
    const afterKeys = new Set(after.map(keyOf));
    if (after.length >= problems.length || !after.every((q) => before.has(keyOf(q)))) continue;
    const cleared = problems.filter((q) => !afterKeys.has(keyOf(q)));
    if (!cleared.some(isError)) continue;
    const path = keyPathAt(cleared, keyOffset, key);
    const parent = parentKey(text, lines, i, target, delta);
    const args = { key, spaces: Math.abs(delta), parent, where: whereName(path.slice(0, -1)) };
    const hint: Problem = {
      code: 'yaml.misindented-key',
      offset: keyOffset,
      length: key.length,
      message: say(delta > 0 ? 'yaml.misindented-key' : 'yaml.misindented-key.shallower', path, args),
      data: { path, indent: delta, cleared: cleared.map((q) => q.code) },
    };
    const kept = problems.filter((q) => afterKeys.has(keyOf(q)));
    return [...kept, hint].sort((a, b) => a.offset - b.offset);
  }
  return undefined;
}

/** The key path of the misindented key, from a cleared problem about it (its key or its value). */
function keyPathAt(cleared: Problem[], keyOffset: number, key: string): JSONPath {
  for (const q of cleared) {
    const path = q.data?.path;
    if (Array.isArray(path) && path[path.length - 1] === key) return path as JSONPath;
  }
  const near = cleared.find((q) => q.offset >= keyOffset && Array.isArray(q.data?.path));
  return near ? [...(near.data!.path as JSONPath), key] : [key];
}

/** The key the moved line goes under (deeper) or beside (shallower). */
function parentKey(text: string, lines: Line[], i: number, target: number, delta: number): string {
  for (let k = i - 1; k >= 0; k--) {
    const l = lines[k]!;
    if (l.blank) continue;
    const want = delta > 0 ? l.indent < target : l.indent === target;
    if (!want) continue;
    const m = KEY_LINE.exec(text.slice(l.start, l.end));
    return m ? m[2]!.trim() : '';
  }
  return '';
}
