/**
 * Relabeling rules as Prometheus loads them (`model/relabel`, DOMAIN §2.3): no empty or null
 * rule, `target_label` for the actions that write or compare a label, a non-zero `modulus` for
 * `hashmod`, only the fields the action uses for `keepequal`/`dropequal` and
 * `labeldrop`/`labelkeep` (and no `replacement` for `lowercase`/`uppercase`), and a `regex` that
 * compiles as RE2. Prometheus 3 accepts any UTF-8 label name as `target_label`, so only a
 * missing or empty one is reported; an unknown action is the schema's. Codes `relabel.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { re2Error } from '../lang/re2';
import { snippet } from '../lang/types';
import { firstLine } from '../validation/paths';
import { removeKey } from '../fixes';
import type { RuleContext } from './types';
import { child, items, prop, schemaProblemAt, str } from './util';
import { rangeIn, report } from './report';

const ACTIONS = new Set([
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
]);
const NEEDS_TARGET = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);

/** Per action, the fields Prometheus refuses to see changed from their defaults, and what the action uses. */
const RESTRICTED: Record<string, { forbidden: string[]; uses: string[] }> = {
  keepequal: { forbidden: ['regex', 'modulus', 'separator', 'replacement'], uses: ['source_labels', 'target_label'] },
  dropequal: { forbidden: ['regex', 'modulus', 'separator', 'replacement'], uses: ['source_labels', 'target_label'] },
  labeldrop: { forbidden: ['source_labels', 'target_label', 'modulus', 'separator', 'replacement'], uses: ['regex'] },
  labelkeep: { forbidden: ['source_labels', 'target_label', 'modulus', 'separator', 'replacement'], uses: ['regex'] },
  lowercase: { forbidden: ['replacement'], uses: ['source_labels', 'separator', 'regex', 'target_label'] },
  uppercase: { forbidden: ['replacement'], uses: ['source_labels', 'separator', 'regex', 'target_label'] },
};

/** Whether a field differs from Prometheus' default (`;`, `$1`, 0, no regex, no source labels, no target). */
function changed(key: string, node: ValueNode | undefined): boolean {
  if (!node || node.type === 'null') return false;
  if (key === 'separator') return !(node.type === 'string' && node.value === ';');
  if (key === 'replacement') return !(node.type === 'string' && node.value === '$1');
  if (key === 'modulus') return !(node.type === 'number' && node.value === 0);
  if (key === 'target_label') return !(node.type === 'string' && node.value === '');
  return true;
}

/** The range of an empty item: its text, or the `-` before an item written as nothing at all. */
function itemRange(ctx: RuleContext, node: ValueNode): [number, number] {
  if (node.length > 0) return [node.offset, node.length];
  for (let i = node.offset - 1; i >= 0 && i >= node.offset - 200 && ctx.text[i] !== '\n'; i--)
    if (ctx.text[i] === '-') return [i, 1];
  return [node.offset, 0];
}

function rule(ctx: RuleContext, item: ValueNode, path: JSONPath): void {
  if (item.type === 'null' || (item.type === 'object' && item.properties.length === 0)) {
    report(ctx, {
      code: 'relabel.empty-rule',
      node: item,
      path,
      range: itemRange(ctx, item),
      data: {
        remove: [path],
        fixes: [
          {
            kind: 'remove',
            path,
            title: 'fix.remove-item',
            args: { value: '{}', key: String(path[path.length - 2] ?? '') },
          },
        ],
      },
      supersedes: ['schema.type', 'schema.required'],
      blockedBy: [],
    });
    return;
  }
  if (item.type !== 'object') return;
  const regex = str(child(item, 'regex'));
  const err = regex ? re2Error(regex.value) : undefined;
  if (regex && err) {
    report(ctx, {
      code: 'relabel.bad-regex',
      node: regex,
      path: [...path, 'regex'],
      range: rangeIn(ctx, regex, err.from, err.to),
      args: { reason: err.message, value: snippet(regex.value) },
      data: { reason: err.message },
    });
  }
  const actionNode = child(item, 'action');
  if (actionNode && actionNode.type !== 'string') return;
  const action = actionNode ? actionNode.value.toLowerCase() : 'replace';
  if (!ACTIONS.has(action) || (actionNode && schemaProblemAt(ctx, [...path, 'action']))) return;
  const line = firstLine(item, ctx.text);
  const at = actionNode
    ? { node: actionNode as ValueNode }
    : { node: item, range: [line.offset, line.length] as [number, number] };
  const target = child(item, 'target_label');
  if (NEEDS_TARGET.has(action) && !(target?.type === 'string' && target.value !== '')) {
    if (!target || target.type === 'null' || target.type === 'string') {
      report(ctx, {
        code: 'relabel.missing-target-label',
        ...at,
        path,
        args: { action },
        data: { action, missing: ['target_label'] },
        supersedes: ['schema.required'],
        blockedBy: ['schema.type'],
      });
    }
  }
  if (action === 'hashmod') {
    const modulus = child(item, 'modulus');
    if (!modulus || modulus.type === 'null' || (modulus.type === 'number' && modulus.value <= 0)) {
      const on = modulus && modulus.type !== 'null' ? { node: modulus } : at;
      report(ctx, {
        code: 'relabel.hashmod-modulus',
        ...on,
        path: [...path, 'modulus'],
        data: modulus?.type === 'number' ? { action } : { action, missing: ['modulus'] },
      });
    }
  }
  const restricted = RESTRICTED[action];
  if (!restricted) return;
  for (const key of restricted.forbidden) {
    const p = prop(item, key);
    if (!p || !changed(key, child(item, key))) continue;
    const keyPath = [...path, key];
    report(ctx, {
      code: 'relabel.field-not-allowed',
      node: p.keyNode,
      path: keyPath,
      args: { key, action, allowed: restricted.uses.map((u) => '`' + u + '`').join(', ') },
      data: { action, key, allowed: restricted.uses, remove: [keyPath], fixes: [removeKey(keyPath)] },
    });
  }
}

/** The rules of one relabeling list (`relabel_configs`, `metric_relabel_configs`, …) at `path`. */
export function checkRelabelConfigs(ctx: RuleContext, list: ValueNode | undefined, path: JSONPath): void {
  items(list).forEach((item, i) => rule(ctx, item, [...path, i]));
}
