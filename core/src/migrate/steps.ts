/**
 * One step on one node: the minimal text edits, where paths move to (for verification), or why
 * the step cannot be done without a decision. Edits touch only what the step changes: a renamed
 * key keeps its value text and comments, a converted map keeps its lines and their comments.
 */
import type { ObjectNode, PropertyNode, ValueNode } from '../document/ast';
import { deref, findProperty } from '../document/ast';
import { renameKey, type OffsetEdit } from '../features/fixes/edits';
import { buildOffsetMap } from '../lang/scalarMap';
import type { Match } from './match';
import { plain, sameJson } from './match';
import { functionCalls } from './promql';
import {
  column,
  eolOf,
  inFlow,
  lineEnd,
  lineStart,
  nodeEnd,
  propertyEnd,
  reindent,
  removeKeepingComments,
  anchored,
  replaceScalar,
  scalarText,
  trailingComment,
  type Scalar,
} from './text';
import type { Json, Requirement, Step } from './types';
import { merge } from './merge';
import { blocked, dialectOf, isScalar, show, type Outcome, type StepContext } from './outcome';

export type { Blocked, Outcome, Remap, StepContext } from './outcome';

/** The key under which a scalar is looked up in a `values` map (`true`, `1.2`, `graph`). */
function valueKey(v: Json | undefined): string | undefined {
  return isScalar(v) && v !== null ? String(v) : undefined;
}

function meets(value: Json | undefined, r: Requirement | undefined): boolean {
  if (!r) return true;
  if (r === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeof value === 'string' && new RegExp(r.pattern, 'u').test(value);
}

export function planStep(ctx: StepContext, step: Step, m: Match): Outcome {
  switch (step.op) {
    case 'rename':
      return rename(ctx, step, m);
    case 'move':
      return move(ctx, step, m);
    case 'map':
      return map(ctx, step, m);
    case 'merge':
      return merge(ctx, step, m);
    case 'set':
      return set(ctx, step, m);
    case 'delete': {
      const edit = m.prop ? removeKeepingComments(ctx.text, m.prop) : undefined;
      return edit ? { edits: [edit], remaps: [{ from: m.path, to: null }] } : undefined;
    }
    case 'manual':
      return m.prop ? blocked(step.reason, m.prop.keyNode, { key: m.prop.keyNode.value }) : undefined;
    case 'rename-function':
      return renameFunction(ctx, step, m);
  }
}

function rename(ctx: StepContext, step: Extract<Step, { op: 'rename' }>, m: Match): Outcome {
  const { prop, holder } = m;
  if (!prop || !holder) return undefined;
  const key = prop.keyNode.value;
  const base = m.path.slice(0, -1);
  const old = plain(m.node);
  let value = old;
  let valueText: string | undefined;
  if (step.values) {
    const k = valueKey(old);
    if (k === undefined || !Object.prototype.hasOwnProperty.call(step.values, k))
      return blocked('migration.unmapped-value', m.node.length ? m.node : prop.keyNode, {
        key,
        value: show(old),
        to: step.to,
        allowed: Object.keys(step.values).join(', '),
      });
    value = step.values[k];
    if (!isScalar(value)) return undefined;
    valueText = scalarText(value, ctx.json, m.node);
  }
  if (!meets(value, step.requires))
    return blocked('migration.value-not-accepted', m.node.length ? m.node : prop.keyNode, {
      key,
      value: show(old),
      to: step.to,
    });
  const existing = findProperty(holder, step.to);
  if (existing) return renameOnto(ctx, step, m, prop, existing, value);
  const edits: OffsetEdit[] = [renameKey(prop, dialectOf(ctx), step.to)];
  if (valueText !== undefined && valueText !== ctx.text.slice(m.node.offset, nodeEnd(ctx.text, m.node)))
    edits.push(replaceScalar(ctx.text, m.node, valueText));
  return { edits, remaps: [{ from: m.path, to: [...base, step.to] }] };
}

/** Both the old key and its replacement are present: equal values, lists to concatenate, or a choice. */
function renameOnto(
  ctx: StepContext,
  step: Extract<Step, { op: 'rename' }>,
  m: Match,
  prop: PropertyNode,
  existing: PropertyNode,
  value: Json | undefined,
): Outcome {
  const other = plain(existing.valueNode);
  const base = m.path.slice(0, -1);
  if (sameJson(other, value)) {
    // `old: &list […]` with `new: *list`: the anchored one takes the new name, the alias goes.
    if (anchored(ctx.text, prop) && existing.valueNode?.type === 'alias' && deref(existing.valueNode) === m.node) {
      const dropAlias = removeKeepingComments(ctx.text, existing);
      return dropAlias
        ? {
            edits: [renameKey(prop, dialectOf(ctx), step.to), dropAlias],
            remaps: [{ from: m.path, to: [...base, step.to] }],
          }
        : undefined;
    }
    const removal = removeKeepingComments(ctx.text, prop);
    if (!removal) return blocked('migration.shared-anchor', prop.keyNode, { key: prop.keyNode.value });
    return { edits: [removal], remaps: [{ from: m.path, to: [...base, step.to] }] };
  }
  const list = deref(existing.valueNode);
  const items = deref(m.node);
  // The items move with their lines and comments: only the key line's own comment stays behind.
  const keyLine = lineStart(ctx.text, prop.keyNode.offset);
  const removal = removeKeepingComments(ctx.text, prop, linesAfter(ctx.text, keyLine, propertyEnd(ctx.text, prop)));
  if (step.merge === 'concat' && list?.type === 'array' && items?.type === 'array' && removal) {
    const append = appendItems(ctx, list, items);
    if (append)
      return {
        edits: [append, removal],
        remaps: items.items.map((_, i) => ({ from: [...m.path, i], to: [...base, step.to, list.items.length + i] })),
      };
  }
  return blocked('migration.conflict', prop.keyNode, {
    key: prop.keyNode.value,
    value: show(plain(m.node)),
    to: step.to,
    other: show(other),
  });
}

/** The starts of the lines after the one at `from`, up to `end`. */
function linesAfter(text: string, from: number, end: number): Set<number> {
  const out = new Set<number>();
  for (let i = text.indexOf('\n', from); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) out.add(i + 1);
  return out;
}

/** Copy the items of one sequence to the end of another, with their lines and comments (block style). */
function appendItems(ctx: StepContext, list: ValueNode & { type: 'array' }, from: ValueNode): OffsetEdit | undefined {
  const { text } = ctx;
  if (from.type !== 'array' || from.items.length === 0) return undefined;
  const eol = eolOf(text);
  const flowish = ctx.json || list.flow || from.flow || list.items.length === 0;
  if (flowish) {
    const close = text.lastIndexOf(']', list.offset + list.length - 1);
    if (close < list.offset || (!ctx.json && !list.flow) || list.items.length === 0) return undefined;
    // Each item's text, re-indented to the column of the list's items when it spans lines.
    const col = column(text, list.items[0].offset);
    const values = from.items.map((i) =>
      reindent(text.slice(i.offset, nodeEnd(text, i)).replace(/\r\n/g, '\n'), col - column(text, i.offset))
        .split('\n')
        .join(eol),
    );
    const multiline = text.slice(list.offset, close).includes('\n');
    const sep = multiline ? ',' + eol + ' '.repeat(col) : ', ';
    if (!multiline && values.some((v) => v.includes('\n'))) return undefined;
    return {
      offset: nodeEnd(text, list.items[list.items.length - 1]),
      length: 0,
      text: values.map((v) => sep + v).join(''),
    };
  }
  // The items' lines, with the comment lines right above the first one.
  let start = lineStart(text, from.items[0].offset);
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (!/^\s*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  const end = lineEnd(text, nodeEnd(text, from.items[from.items.length - 1]));
  const fromCol = /^ */.exec(text.slice(start))![0].length;
  const toCol = /^ */.exec(text.slice(lineStart(text, list.items[0].offset)))![0].length;
  const block = reindent(text.slice(start, end).replace(/\r\n/g, '\n'), toCol - fromCol)
    .split('\n')
    .join(eol);
  return { offset: lineEnd(text, nodeEnd(text, list.items[list.items.length - 1])), length: 0, text: eol + block };
}

function move(ctx: StepContext, step: Extract<Step, { op: 'move' }>, m: Match): Outcome {
  const { prop, holder } = m;
  const { text } = ctx;
  if (!prop || !holder || step.to.length !== 2) return undefined;
  const [outer, inner] = step.to;
  const base = m.path.slice(0, -1);
  const value = plain(m.node);
  const key = prop.keyNode.value;
  const target = [...base, outer, inner];
  if (!meets(value, step.requires))
    return blocked('migration.value-not-accepted', m.node.length ? m.node : prop.keyNode, {
      key,
      value: show(value),
      to: step.to.join('.'),
    });
  const raw = text.slice(m.node.offset, nodeEnd(text, m.node));
  if (!m.node.length || raw.includes('\n') || m.node.type === 'object' || m.node.type === 'array') return undefined;
  const container = findProperty(holder, outer);
  if (container) {
    const obj = deref(container.valueNode);
    const existing = obj?.type === 'object' ? findProperty(obj, inner) : undefined;
    if (existing && sameJson(plain(existing.valueNode), value)) {
      const dropped = removeKeepingComments(text, prop);
      return dropped ? { edits: [dropped], remaps: [{ from: m.path, to: target }] } : undefined;
    }
    if (obj?.type !== 'object' || existing)
      return blocked('migration.conflict', prop.keyNode, {
        key,
        value: show(value),
        to: step.to.join('.'),
        other: show(plain(container.valueNode)),
      });
    // The value moves with its comment into a block mapping; a flow mapping keeps no comment inside.
    const block = !ctx.json && !obj.flow;
    const comment = block ? trailingComment(text, nodeEnd(text, m.node)) : '';
    const carried = new Set(comment ? [lineStart(text, propertyEnd(text, prop))] : []);
    const removal = removeKeepingComments(text, prop, carried);
    const insert = insertRaw(ctx, obj, inner, raw, comment);
    return insert && removal ? { edits: [insert, removal], remaps: [{ from: m.path, to: target }] } : undefined;
  }
  // In place: `old: v` becomes `outer:` with `inner: v` under it (the value keeps its text and comment).
  const keyText = dialectOf(ctx).key(outer);
  const innerKey = dialectOf(ctx).key(inner);
  if (ctx.json || inFlow(m.node))
    return {
      edits: [
        renameKey(prop, dialectOf(ctx), outer),
        { offset: m.node.offset, length: 0, text: `{ ${innerKey}: ` },
        { offset: nodeEnd(text, m.node), length: 0, text: ' }' },
      ],
      remaps: [{ from: m.path, to: target }],
    };
  const indent = ' '.repeat(column(text, prop.keyNode.offset) + 2);
  return {
    edits: [
      {
        offset: prop.keyNode.offset,
        length: m.node.offset - prop.keyNode.offset,
        text: `${keyText}:${eolOf(text)}${indent}${innerKey}: `,
      },
    ],
    remaps: [{ from: m.path, to: target }],
  };
}

/** A property with a raw value text, added after the last property of a mapping in its style. */
function insertRaw(
  ctx: StepContext,
  obj: ObjectNode,
  key: string,
  raw: string,
  comment: string,
): OffsetEdit | undefined {
  const { text } = ctx;
  const last = obj.properties[obj.properties.length - 1];
  const k = dialectOf(ctx).key(key);
  if (ctx.json || obj.flow) {
    if (last) return { offset: propertyEnd(text, last), length: 0, text: `, ${k}: ${raw}` };
    const close = text.lastIndexOf('}', obj.offset + obj.length - 1);
    if (text[obj.offset] !== '{' || close <= obj.offset) return undefined;
    return { offset: obj.offset + 1, length: close - obj.offset - 1, text: ` ${k}: ${raw} ` };
  }
  if (!last) return undefined;
  const indent = ' '.repeat(column(text, obj.properties[0].keyNode.offset));
  return {
    offset: lineEnd(text, propertyEnd(text, last)),
    length: 0,
    text: `${eolOf(text)}${indent}${k}: ${raw}${comment}`,
  };
}

function map(ctx: StepContext, step: Extract<Step, { op: 'map' }>, m: Match): Outcome {
  const old = plain(m.node);
  const k = valueKey(old);
  if (k === undefined || !Object.prototype.hasOwnProperty.call(step.values, k) || !m.node.length) return undefined;
  const value = step.values[k];
  if (!isScalar(value) || sameJson(value, old)) return undefined;
  const edits: OffsetEdit[] = [replaceScalar(ctx.text, m.node, scalarText(value, ctx.json, m.node))];
  if (step.keepOldAs && m.prop && m.holder && !findProperty(m.holder, step.keepOldAs)) {
    const k2 = dialectOf(ctx).key(step.keepOldAs);
    const v2 = scalarText(old as Scalar, ctx.json, m.node);
    const end = propertyEnd(ctx.text, m.prop);
    if (ctx.json || m.holder.flow) {
      const multiline = ctx.text.slice(m.holder.offset, m.holder.offset + m.holder.length).includes('\n');
      const sep = multiline ? ',' + eolOf(ctx.text) + ' '.repeat(column(ctx.text, m.prop.keyNode.offset)) : ', ';
      edits.push({ offset: end, length: 0, text: `${sep}${k2}: ${v2}` });
    } else {
      const indent = ' '.repeat(column(ctx.text, m.prop.keyNode.offset));
      edits.push({ offset: lineEnd(ctx.text, end), length: 0, text: `${eolOf(ctx.text)}${indent}${k2}: ${v2}` });
    }
  }
  return { edits, remaps: [] };
}

function set(ctx: StepContext, step: Extract<Step, { op: 'set' }>, m: Match): Outcome {
  const obj = deref(m.node);
  if (obj?.type !== 'object') return undefined;
  const { text } = ctx;
  const existing = findProperty(obj, step.key);
  if (existing) {
    const cur = plain(existing.valueNode);
    if (sameJson(cur, step.value)) return undefined;
    if (step.atLeast && typeof cur === 'number' && typeof step.value === 'number' && cur >= step.value)
      return undefined;
    const node = existing.valueNode;
    if (!node || !node.length) return undefined;
    const keep = node.type === 'string' ? node : undefined;
    return { edits: [replaceScalar(text, node, scalarText(step.value, ctx.json, keep))], remaps: [] };
  }
  const k = dialectOf(ctx).key(step.key);
  const v = scalarText(step.value, ctx.json);
  const props = obj.properties;
  if (ctx.json || obj.flow) {
    if (props.length === 0) {
      const close = text.lastIndexOf('}', obj.offset + obj.length - 1);
      return { edits: [{ offset: obj.offset + 1, length: close - obj.offset - 1, text: ` ${k}: ${v} ` }], remaps: [] };
    }
    const anchor = step.first ? props.find((p) => p.keyNode.value !== '$schema') : undefined;
    if (anchor) {
      const multiline = text.slice(obj.offset, anchor.keyNode.offset).includes('\n');
      const sep = multiline ? ',' + eolOf(text) + ' '.repeat(column(text, anchor.keyNode.offset)) : ', ';
      return { edits: [{ offset: anchor.keyNode.offset, length: 0, text: `${k}: ${v}${sep}` }], remaps: [] };
    }
    const last = props[props.length - 1];
    return { edits: [{ offset: propertyEnd(text, last), length: 0, text: `, ${k}: ${v}` }], remaps: [] };
  }
  if (props.length === 0) return undefined;
  const anchor = step.first ? props.find((p) => p.keyNode.value !== '$schema') : undefined;
  if (anchor && /^\s*$/.test(text.slice(lineStart(text, anchor.keyNode.offset), anchor.keyNode.offset))) {
    const at = anchor.keyNode.offset;
    const indent = ' '.repeat(column(text, at));
    return { edits: [{ offset: at, length: 0, text: `${k}: ${v}${eolOf(text)}${indent}` }], remaps: [] };
  }
  const last = props[props.length - 1];
  const indent = ' '.repeat(column(text, props[0].keyNode.offset));
  return {
    edits: [{ offset: lineEnd(text, propertyEnd(text, last)), length: 0, text: `${eolOf(text)}${indent}${k}: ${v}` }],
    remaps: [],
  };
}

function renameFunction(ctx: StepContext, step: Extract<Step, { op: 'rename-function' }>, m: Match): Outcome {
  const node = m.node;
  if (node.type !== 'string') return undefined;
  const calls = functionCalls(node.value, step.from);
  if (calls.length === 0) return undefined;
  const raw = ctx.text.slice(node.offset, node.offset + node.length);
  const offsets = buildOffsetMap(raw, node.style, node.value);
  if (!offsets.exact) return blocked('migration.cannot-edit', node, { key: String(m.path[m.path.length - 1] ?? '') });
  const edits = calls.map((c) => {
    const [a, b] = offsets.mapRange(c.from, c.to);
    return { offset: node.offset + a, length: b - a, text: step.to };
  });
  if (
    edits.some(
      (e, i) => ctx.text.slice(e.offset, e.offset + e.length) !== step.from || (i && e.offset < edits[i - 1].offset),
    )
  )
    return blocked('migration.cannot-edit', node, { key: String(m.path[m.path.length - 1] ?? '') });
  return { edits, remaps: [] };
}
