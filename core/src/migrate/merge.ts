/**
 * Label maps to Alertmanager matchers (`match`, `match_re` → `matchers`): the map becomes the list
 * in place, each entry replaced on its own line (comments stay), or its matchers join a list that
 * is already there.
 */
import type { PropertyNode, ValueNode } from '../document/ast';
import { deref, findProperty } from '../document/ast';
import { renameKey, type OffsetEdit } from '../features/fixes/edits';
import type { Match } from './match';
import { plain } from './match';
import { formatMatcher } from './matchers';
import { blocked, dialectOf, show, type Outcome, type Remap, type StepContext } from './outcome';
import {
  column,
  eolOf,
  lineEnd,
  lineStart,
  nodeEnd,
  propertyEnd,
  removeKeepingComments,
  anchored,
  trailingComment,
  yamlText,
} from './text';
import type { Step } from './types';

/** A label value as Alertmanager reads it into a string: the text of a number or boolean, as written. */
function labelValue(ctx: StepContext, node: ValueNode | undefined): string | undefined {
  const n = deref(node);
  if (!n) return undefined;
  if (n.type === 'string') return n.value;
  if ((n.type === 'number' || n.type === 'boolean') && n === node)
    return ctx.text.slice(n.offset, nodeEnd(ctx.text, n));
  return undefined;
}

interface Converted {
  prop: PropertyNode;
  entries: Array<{ entry: PropertyNode; matcher: string }>;
}

export function merge(ctx: StepContext, step: Extract<Step, { op: 'merge' }>, m: Match): Outcome {
  const obj = deref(m.node);
  if (obj?.type !== 'object') return undefined;
  const present: Converted[] = [];
  for (const f of step.from) {
    const prop = findProperty(obj, f.key);
    if (!prop) continue;
    // `match: *common`: the anchored map is converted where it is written; here the key alone changes.
    if (prop.valueNode?.type === 'alias') {
      const only = step.from.every((g) => g === f || !findProperty(obj, g.key));
      if (!only || findProperty(obj, step.into)) return blocked('migration.cannot-edit', prop.keyNode, { key: f.key });
      return {
        edits: [renameKey(prop, dialectOf(ctx), step.into)],
        remaps: [{ from: [...m.path, f.key], to: [...m.path, step.into], dropInside: true }],
      };
    }
    const value = deref(prop.valueNode);
    const entries: Converted['entries'] = [];
    if (value && value.type !== 'null' && value.type !== 'object')
      return blocked('migration.not-a-label-map', prop.keyNode, { key: f.key });
    for (const entry of value?.type === 'object' ? value.properties : []) {
      const v = labelValue(ctx, entry.valueNode);
      const matcher =
        v === undefined ? undefined : formatMatcher(entry.keyNode.value, f.as === 'regex-matchers' ? '=~' : '=', v);
      if (matcher === undefined)
        return blocked('migration.matcher-not-convertible', entry.keyNode, {
          key: f.key,
          label: entry.keyNode.value,
          value: show(plain(entry.valueNode)),
        });
      entries.push({ entry, matcher });
    }
    present.push({ prop, entries });
  }
  if (present.length === 0) return undefined;
  // A map other places reuse (`match: &common …`) can become the list only when it stays as it is.
  const shared = present.find((p) => anchored(ctx.text, p.prop));
  if (shared && (present.length > 1 || findProperty(obj, step.into)))
    return blocked('migration.shared-anchor', shared.prop.keyNode, { key: shared.prop.keyNode.value });
  // What was said about a label map is said about the list that replaces it (its entries are gone).
  const remaps: Remap[] = present.map((p) => ({
    from: [...m.path, p.prop.keyNode.value],
    to: [...m.path, step.into],
    dropInside: true,
  }));
  const into = findProperty(obj, step.into);
  const all = present.flatMap((p) => p.entries);
  // The entries' own comments travel with their matchers.
  const carried = new Set(all.map((e) => lineStart(ctx.text, propertyEnd(ctx.text, e.entry))));
  const removals = present.map((p) => removeKeepingComments(ctx.text, p.prop, carried));
  if (into) {
    if (removals.some((r) => !r)) return undefined;
    const list = deref(into.valueNode);
    if (list?.type !== 'array')
      return blocked('migration.conflict', present[0].prop.keyNode, conflictArgs(present, step, into));
    if (all.length === 0) return { edits: removals as OffsetEdit[], remaps };
    const append = appendMatchers(ctx, list, all);
    return append ? { edits: [append, ...(removals as OffsetEdit[])], remaps } : undefined;
  }
  const first = present.find((p) => p.entries.length > 0);
  if (removals.some((r, i) => !r && present[i] !== first)) return undefined;
  if (!first) return { edits: removals as OffsetEdit[], remaps };
  const edits = convertInPlace(
    ctx,
    first,
    step.into,
    present.filter((p) => p !== first).flatMap((p) => p.entries),
  );
  if (!edits) return undefined;
  present.forEach((p, i) => {
    if (p !== first) edits.push(removals[i]!);
  });
  return { edits, remaps };
}

function conflictArgs(present: Converted[], step: Extract<Step, { op: 'merge' }>, into: PropertyNode) {
  return {
    key: present[0].prop.keyNode.value,
    value: show(plain(present[0].prop.valueNode)),
    to: step.into,
    other: show(plain(into.valueNode)),
  };
}

/** A matcher as a sequence item: YAML plain or quoted as needed, JSON string. */
function itemText(ctx: StepContext, matcher: string, flow: boolean): string {
  return ctx.json ? JSON.stringify(matcher) : yamlText(matcher, flow);
}

/** The label map becomes the list: its key renamed, each entry replaced by its matcher on the same line. */
function convertInPlace(
  ctx: StepContext,
  first: Converted,
  into: string,
  extra: Converted['entries'],
): OffsetEdit[] | undefined {
  const { text } = ctx;
  const map = deref(first.prop.valueNode);
  if (map?.type !== 'object') return undefined;
  const edits: OffsetEdit[] = [renameKey(first.prop, dialectOf(ctx), into)];
  const flow = ctx.json || map.flow;
  for (const { entry, matcher } of first.entries) {
    const end = propertyEnd(text, entry);
    edits.push({
      offset: entry.keyNode.offset,
      length: end - entry.keyNode.offset,
      text: (flow ? '' : '- ') + itemText(ctx, matcher, flow),
    });
  }
  if (flow) {
    const close = text.lastIndexOf('}', map.offset + map.length - 1);
    if (text[map.offset] !== '{' || close < map.offset) return undefined;
    edits.push({ offset: map.offset, length: 1, text: '[' });
    const more = extra.map((e) => ', ' + itemText(ctx, e.matcher, true)).join('');
    edits.push({ offset: close, length: 1, text: more + ']' });
    return edits;
  }
  if (extra.length) {
    const last = first.entries[first.entries.length - 1].entry;
    const indent = ' '.repeat(column(text, first.entries[0].entry.keyNode.offset));
    const eol = eolOf(text);
    const lines = extra.map(
      (e) => `${eol}${indent}- ${itemText(ctx, e.matcher, false)}${trailingComment(text, propertyEnd(text, e.entry))}`,
    );
    edits.push({ offset: lineEnd(text, propertyEnd(text, last)), length: 0, text: lines.join('') });
  }
  return edits;
}

/** Matchers added at the end of an existing list, in its style. */
function appendMatchers(
  ctx: StepContext,
  list: ValueNode & { type: 'array' },
  entries: Converted['entries'],
): OffsetEdit | undefined {
  const { text } = ctx;
  if (ctx.json || list.flow || list.items.length === 0) {
    const close = text.lastIndexOf(']', list.offset + list.length - 1);
    if (close < list.offset) return undefined;
    const values = entries.map((e) => itemText(ctx, e.matcher, true));
    if (list.items.length === 0)
      return { offset: list.offset + 1, length: close - list.offset - 1, text: values.join(', ') };
    const multiline = text.slice(list.offset, close).includes('\n');
    const sep = multiline ? ',' + eolOf(text) + ' '.repeat(column(text, list.items[0].offset)) : ', ';
    return {
      offset: nodeEnd(text, list.items[list.items.length - 1]),
      length: 0,
      text: values.map((v) => sep + v).join(''),
    };
  }
  const dashCol = /^ */.exec(text.slice(lineStart(text, list.items[0].offset)))![0].length;
  const eol = eolOf(text);
  const lines = entries.map(
    (e) =>
      `${eol}${' '.repeat(dashCol)}- ${itemText(ctx, e.matcher, false)}${trailingComment(text, propertyEnd(text, e.entry))}`,
  );
  return { offset: lineEnd(text, nodeEnd(text, list.items[list.items.length - 1])), length: 0, text: lines.join('') };
}
