/**
 * The fix descriptors of a problem's `data.fixes` (core/src/fixes.ts) as edits on the current text.
 * Each node is found again by its path in a fresh parse; a descriptor whose node is gone, has
 * another shape or no longer holds the expected value gives no fix. Values are written by the
 * dialect (YAML or JSON quoting; a quoted string keeps its quotes), text inside a scalar goes
 * through the scalar's offset map and is escaped for its style. Never throws.
 */
import type { ASTNode, JSONPath, PropertyNode, StringNode, ValueNode } from '../../document/ast';
import { findNodeAtPath, findProperty, plainValue as plain } from '../../document/ast';
import type { Dialect } from '../../dialect/dialect';
import { yamlString } from '../../dialect/yaml';
import { buildOffsetMap } from '../../lang/scalarMap';
import { descriptorsOf, type FixDescriptor, type FixStep } from '../../fixes';
import { phrases, phrase, type PhraseId } from '../../messages';
import { insertItems, insertProperties, removeItem, removeProperty, renameKey, type OffsetEdit } from './edits';
import type { Fix, FixInput } from './fixes';

type Scalar = string | number | boolean | null;

interface StepResult {
  edits: OffsetEdit[];
  writes: JSONPath[];
  /** A property or sequence item the step removes. */
  removed?: JSONPath;
  /** A key the step renames (its new path). */
  renamed?: { from: JSONPath; to: JSONPath };
}

/** Fixes from the descriptors of the problem being fixed. */
export function descriptorFixes(input: FixInput): Fix[] {
  const list = descriptorsOf(input.data);
  const out: Fix[] = [];
  let first: string | undefined;
  // A value picked as the closest match of a misspelling is a guess, whatever the descriptor says.
  const suggestions = new Set(
    (Array.isArray(input.data.suggestions) ? input.data.suggestions : []).map((s) => JSON.stringify(s)),
  );
  for (const d of list) {
    try {
      const fix = toFix(input, d);
      first ??= fix?.title;
      if (!fix) continue;
      if (fix.safe && writesSuggestion(d, suggestions)) fix.safe = false;
      // The first fix is preferred, with its alternatives (same title), unless a descriptor says otherwise.
      fix.preferred = typeof d.preferred === 'boolean' ? d.preferred : fix.title === first;
      out.push(fix);
    } catch {
      // A malformed descriptor gives no fix.
    }
  }
  return out;
}

/** Whether a descriptor writes one of the closest-match suggestions of its problem. */
function writesSuggestion(d: FixDescriptor, suggestions: Set<string>): boolean {
  if (suggestions.size === 0) return false;
  const steps: FixStep[] = [d, ...(Array.isArray(d.also) ? d.also : [])];
  return steps.some(
    (s) =>
      (s.kind === 'replace' && suggestions.has(JSON.stringify(s.value))) ||
      (s.kind === 'replaceText' && suggestions.has(JSON.stringify(s.text))) ||
      (s.kind === 'rename' && suggestions.has(JSON.stringify(s.to))),
  );
}

function toFix(input: FixInput, d: FixDescriptor): Fix | undefined {
  if (typeof d.title !== 'string' || !(d.title in phrases) || !d.title.startsWith('fix.')) return undefined;
  const steps: FixStep[] = [d, ...(Array.isArray(d.also) ? d.also.slice(0, 8) : [])];
  const edits: OffsetEdit[] = [];
  const writes: JSONPath[] = [];
  const removed: JSONPath[] = [];
  const renames: Array<{ from: JSONPath; to: JSONPath }> = [];
  for (const s of steps) {
    const r = stepEdits(input, s);
    if (!r) return undefined;
    for (const e of r.edits) {
      if (edits.some((x) => x.offset < e.offset + e.length && e.offset < x.offset + x.length)) return undefined;
      edits.push(e);
    }
    writes.push(...r.writes);
    if (r.removed) removed.push(r.removed);
    if (r.renamed) renames.push(r.renamed);
  }
  if (edits.length === 0) return undefined;
  const args = Object.fromEntries(
    Object.entries(d.args ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  );
  const fix: Fix = { title: phrase(d.title as PhraseId, args), edits, safe: d.safe === true, writes };
  if (removed.length || renames.length) fix.remap = (path) => remap(path, removed, renames);
  return fix;
}

const startsWith = (p: JSONPath, prefix: JSONPath): boolean =>
  p.length >= prefix.length && same(p.slice(0, prefix.length), prefix);

/**
 * Where a path of the text before a fix is after it: null inside a removed node; sequence items
 * after removed ones move up (every removal counted in the original numbering); renamed keys.
 */
function remap(path: JSONPath, removed: JSONPath[], renames: Array<{ from: JSONPath; to: JSONPath }>): JSONPath | null {
  if (removed.some((r) => startsWith(path, r))) return null;
  const out = [...path];
  for (let depth = out.length - 1; depth >= 0; depth--) {
    const seg = path[depth];
    if (typeof seg !== 'number') continue;
    const base = path.slice(0, depth);
    const before = removed.filter(
      (r) =>
        r.length === depth + 1 &&
        typeof r[depth] === 'number' &&
        (r[depth] as number) < seg &&
        same(r.slice(0, depth), base),
    ).length;
    out[depth] = seg - before;
  }
  for (const r of renames) if (startsWith(path, r.from)) return [...r.to, ...out.slice(r.from.length)];
  return out;
}

function stepEdits(input: FixInput, s: FixStep): StepResult | undefined {
  if (!s || !Array.isArray(s.path) || !s.path.every((x) => typeof x === 'string' || typeof x === 'number'))
    return undefined;
  switch (s.kind) {
    case 'replace':
      return replace(input, s);
    case 'replaceText':
      return replaceText(input, s);
    case 'remove':
      return remove(input, s);
    case 'insert':
      return insert(input, s);
    case 'rename':
      return rename(input, s);
    default:
      return undefined;
  }
}

/** The value node at a path (not a property, not an alias). */
function valueAt(root: ASTNode | undefined, path: JSONPath): ValueNode | undefined {
  const { node, depth } = findNodeAtPath(root, path);
  if (depth !== path.length || !node || node.type === 'property' || node.type === 'alias') return undefined;
  return node;
}

function propertyAt(root: ASTNode | undefined, path: JSONPath): PropertyNode | undefined {
  if (typeof path[path.length - 1] !== 'string') return undefined;
  const parent = valueAt(root, path.slice(0, -1));
  return parent?.type === 'object' ? findProperty(parent, path[path.length - 1] as string) : undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Inside a YAML flow collection, where `,[]{}` end a plain scalar. */
function inFlow(node: ASTNode): boolean {
  for (let p = node.parent; p; p = p.parent) if ((p.type === 'object' || p.type === 'array') && p.flow) return true;
  return false;
}

/** A scalar as the dialect writes it, keeping the quotes of the string it replaces. */
function scalarText(value: Scalar, dialect: Dialect, old: ValueNode | undefined): string {
  if (dialect.name === 'json') return JSON.stringify(value);
  if (typeof value !== 'string') return dialect.scalar(value);
  const style = old && 'style' in old ? old.style : undefined;
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  const text = yamlString(value);
  return text === value && old && inFlow(old) && /[,[\]{}]/.test(value) ? JSON.stringify(value) : text;
}

/** The range a scalar occupies, without the line break that ends a block scalar. */
function scalarRange(text: string, node: ValueNode): { offset: number; length: number } {
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1])) end--;
  return { offset: node.offset, length: end - node.offset };
}

function replace(input: FixInput, s: Extract<FixStep, { kind: 'replace' }>): StepResult | undefined {
  const node = valueAt(input.part.root, s.path);
  if (!node || node.type === 'object' || node.type === 'array' || !isScalar(s.value)) return undefined;
  if (s.expect !== undefined && !same(plain(node), s.expect)) return undefined;
  if (same(plain(node), s.value)) return undefined;
  return {
    edits: [{ ...scalarRange(input.text, node), text: scalarText(s.value, input.dialect, node) }],
    writes: [s.path],
  };
}

function replaceText(input: FixInput, s: Extract<FixStep, { kind: 'replaceText' }>): StepResult | undefined {
  const { text, dialect } = input;
  if (typeof s.text !== 'string') return undefined;
  let node: StringNode | undefined;
  let prop: PropertyNode | undefined;
  if (s.key) {
    prop = propertyAt(input.part.root, s.path);
    node = prop?.keyNode;
  } else {
    const v = valueAt(input.part.root, s.path);
    node = v?.type === 'string' ? v : undefined;
  }
  if (!node) return undefined;
  const value = node.value;
  const raw = text.slice(node.offset, node.offset + node.length);
  const map = buildOffsetMap(raw, node.style, value);
  let from = s.from;
  let to = s.to;
  if ((from === undefined || to === undefined) && typeof s.offset === 'number') {
    // A source range (the workspace index knows names by their offsets): back to decoded offsets.
    if (!map.exact) return undefined;
    const a = s.offset - node.offset;
    const b = a + (typeof s.length === 'number' ? s.length : 0);
    from = undefined;
    to = undefined;
    for (let k = 0; k < value.length && from === undefined; k++) if (map(k) === a) from = k;
    if (from !== undefined) {
      if (a === b) to = from;
      else for (let k = from + 1; k <= value.length && to === undefined; k++) if (map(k, true) === b) to = k;
    }
  }
  if (typeof from !== 'number' || typeof to !== 'number' || from < 0 || to < from || to > value.length)
    return undefined;
  if (s.expect !== undefined && value.slice(from, to) !== s.expect) return undefined;
  const next = value.slice(0, from) + s.text + value.slice(to);
  if (next === value) return undefined;
  const writes = [s.key ? [...s.path.slice(0, -1), next] : s.path];
  const remap = s.key ? { renamed: { from: s.path, to: [...s.path.slice(0, -1), next] } } : {};
  // In place: the new text escaped for the style, checked by decoding the result.
  const inPlace = map.exact ? encodeFor(node, s.text) : undefined;
  if (inPlace !== undefined) {
    const [a, b] = from === to ? [map(from), map(from)] : map.mapRange(from, to);
    const newRaw = raw.slice(0, a) + inPlace + raw.slice(b);
    if (decodes(newRaw, node, next))
      return { edits: [{ offset: node.offset + a, length: b - a, text: inPlace }], writes, ...remap };
  }
  // Otherwise the whole scalar is written again (flow scalars on one line only).
  if (node.style === 'literal' || node.style === 'folded' || /[\n\r]/.test(raw)) return undefined;
  if (s.key) {
    if (prop?.parent?.type === 'object' && findProperty(prop.parent, next)) return undefined;
    return prop ? { edits: [renameKey(prop, dialect, next)], writes, ...remap } : undefined;
  }
  return { edits: [{ offset: node.offset, length: node.length, text: scalarText(next, dialect, node) }], writes };
}

/** `text` as it is written inside a scalar of the node's style, where that is possible. */
function encodeFor(node: StringNode, text: string): string | undefined {
  switch (node.style) {
    case 'json':
    case 'double':
      return JSON.stringify(text).slice(1, -1);
    case 'single':
      return /[\n\r]/.test(text) ? undefined : text.replace(/'/g, "''");
    case 'plain':
      return /[\n\r#]|: |^[\s]|[\s]$/.test(text) || (inFlow(node) && /[,[\]{}]/.test(text)) ? undefined : text;
    case 'literal':
    case 'folded':
      return /[\n\r]/.test(text) ? undefined : text;
  }
}

/** Whether an edited scalar still reads as the intended value (and, plain, still as a string). */
function decodes(newRaw: string, node: StringNode, expected: string): boolean {
  const map = buildOffsetMap(newRaw, node.style);
  if (!map.exact || map.decoded !== expected) return false;
  return node.style !== 'plain' || yamlString(expected) === expected;
}

function remove(input: FixInput, s: Extract<FixStep, { kind: 'remove' }>): StepResult | undefined {
  const lastSeg = s.path[s.path.length - 1];
  if (typeof lastSeg === 'number') {
    const item = valueAt(input.part.root, s.path);
    const parent = item?.parent;
    if (!item || parent?.type !== 'array' || parent.items[lastSeg] !== item) return undefined;
    if (s.expect !== undefined && !same(plain(item), s.expect)) return undefined;
    const edit = removeItem(input.text, item);
    if (!edit) return undefined;
    return { edits: [edit], writes: [], removed: s.path };
  }
  const prop = propertyAt(input.part.root, s.path);
  if (!prop) return undefined;
  if (s.expect !== undefined && !same(plain(prop.valueNode), s.expect)) return undefined;
  const edit = removeProperty(input.text, prop);
  return edit ? { edits: [edit], writes: [], removed: s.path } : undefined;
}

function insert(input: FixInput, s: Extract<FixStep, { kind: 'insert' }>): StepResult | undefined {
  const { text, dialect } = input;
  const node = valueAt(input.part.root, s.path);
  if (Array.isArray(s.items)) {
    if (node?.type !== 'array' || !s.items.every(isScalar)) return undefined;
    const present = node.items.map((i) => plain(i));
    const items = s.items.filter((i) => !present.some((p) => same(p, i)));
    if (items.length === 0) return undefined;
    // A YAML flow sequence takes plain scalars only where they cannot end the item early.
    const written = items.map((i) => ({ kind: 'scalar' as const, value: i }));
    if (
      dialect.name === 'yaml' &&
      node.flow &&
      items.some((i) => typeof i === 'string' && (yamlString(i) !== i || /[,[\]{}]/.test(i)))
    )
      return undefined;
    const edit = insertItems(text, dialect, node, written);
    return edit ? { edits: [edit], writes: items.map((_, k) => [...s.path, node.items.length + k]) } : undefined;
  }
  if (!Array.isArray(s.entries)) return undefined;
  const entries: Array<{ key: string; value: { kind: 'scalar'; value: Scalar } }> = [];
  for (const e of s.entries) {
    if (!e || typeof e.key !== 'string' || !isScalar(e.value)) return undefined;
    const existing = node?.type === 'object' ? findProperty(node, e.key) : undefined;
    if (existing) {
      if (same(plain(existing.valueNode), e.value)) continue;
      return undefined;
    }
    entries.push({ key: e.key, value: { kind: 'scalar', value: e.value } });
  }
  if (entries.length === 0) return { edits: [], writes: [] };
  let edit: OffsetEdit | undefined;
  if (node?.type === 'object') edit = insertProperties(text, dialect, { object: node }, entries);
  else if (node?.type === 'null' && node.parent?.type === 'property')
    edit = insertProperties(text, dialect, { emptyValueOf: node.parent }, entries);
  return edit ? { edits: [edit], writes: entries.map((e) => [...s.path, e.key]) } : undefined;
}

function rename(input: FixInput, s: Extract<FixStep, { kind: 'rename' }>): StepResult | undefined {
  const prop = propertyAt(input.part.root, s.path);
  if (!prop || typeof s.to !== 'string' || s.to === '' || s.to === prop.keyNode.value) return undefined;
  if (s.expect !== undefined && prop.keyNode.value !== s.expect) return undefined;
  if (prop.parent?.type === 'object' && findProperty(prop.parent, s.to)) return undefined;
  const to = [...s.path.slice(0, -1), s.to];
  return { edits: [renameKey(prop, input.dialect, s.to)], writes: [to], renamed: { from: s.path, to } };
}
