/**
 * What `promtool check rules` finds in one rules file beyond the schema (DOMAIN §2.2): repeated
 * group names, recording rules with alerting-only fields, record names that are not metric
 * names or carry braces, `__name__` as a label, and the `duplicate-rules` lint (same name and
 * labels twice). Also applied to the `alert_rules` groups of monitoring files. A rules file of
 * several YAML documents gets promtool's warning on each document after the first (Prometheus
 * reads only the first). Codes `rules.*`.
 */
import type { ASTNode, JSONPath, ValueNode } from '../document/ast';
import { firstLine } from '../validation/paths';
import type { Rule, RuleContext } from './types';
import { child, entries, items, prop, str, val } from './util';
import { report } from './report';
import { removeKey, type FixDescriptor } from '../fixes';

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const ALERT_ONLY = ['for', 'keep_firing_for', 'annotations'];

interface GroupList {
  /** Path of the list of groups. */
  path: JSONPath;
  /** Key of a group's name (`name` upstream, `group` in monitoring files). */
  nameKey: string;
}

function duplicateGroups(ctx: RuleContext, groups: ValueNode[], list: GroupList): void {
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const name = str(child(g, list.nameKey));
    if (!name) return;
    if (seen.has(name.value))
      report(ctx, {
        code: 'rules.duplicate-group',
        node: name,
        path: [...list.path, i, list.nameKey],
        args: { name: name.value },
        data: { name: name.value },
      });
    seen.add(name.value);
  });
}

/** `record` and `alert` both set: a rule is one or the other (the schema's branch problem about either is replaced). */
function recordAndAlert(ctx: RuleContext, rule: ValueNode, path: JSONPath): void {
  const alert = prop(rule, 'alert');
  const record = prop(rule, 'record');
  if (!alert || !record) return;
  report(ctx, {
    code: 'rules.record-and-alert',
    node: alert.keyNode,
    path: [...path, 'alert'],
    args: { record: scalar(record.valueNode), alert: scalar(alert.valueNode) },
    data: { keys: ['record', 'alert'] },
    supersedes: ['schema.additional-property'],
    supersedesAt: [
      [...path, 'alert'],
      [...path, 'record'],
    ],
  });
}

const scalar = (node: ASTNode | undefined): string => {
  const v = val(node);
  return v && (v.type === 'string' || v.type === 'number' || v.type === 'boolean') ? String(v.value) : '';
};

function recordingRule(ctx: RuleContext, rule: ValueNode, path: JSONPath): void {
  const record = str(child(rule, 'record'));
  if (!record || child(rule, 'alert')) return;
  for (const field of ALERT_ONLY) {
    const p = prop(rule, field);
    if (p)
      report(ctx, {
        code: 'rules.recording-rule-field',
        node: p.keyNode,
        path: [...path, field],
        args: { record: record.value, field },
        data: { field, fixes: [removeKey([...path, field])] },
        // The schema says it as an unknown key of the recording rule branch ("Allowed keys: …").
        supersedes: ['schema.additional-property'],
      });
  }
  const name = record.value;
  const at = { node: record, path: [...path, 'record'] };
  if (/[{}]/.test(name)) report(ctx, { code: 'rules.record-name-braces', ...at, args: { name }, data: { name } });
  else if (!LEGACY_METRIC_NAME.test(name))
    report(ctx, {
      code: 'rules.invalid-record-name',
      ...at,
      args: { name },
      data: { name },
      severity: name.trim() === '' ? 'error' : 'warning',
    });
}

function reservedLabels(ctx: RuleContext, holder: ValueNode, path: JSONPath): void {
  const p = prop(child(holder, 'labels'), '__name__');
  if (p)
    report(ctx, {
      code: 'rules.reserved-label-name',
      node: p.keyNode,
      path: [...path, 'labels', '__name__'],
      data: { label: '__name__', fixes: [removeKey([...path, 'labels', '__name__'])] },
    });
}

/** promtool's default lint: two rules with the same name and the same merged labels. */
function duplicateRules(ctx: RuleContext, groups: ValueNode[], list: GroupList): void {
  const seen = new Map<string, JSONPath>();
  groups.forEach((g, gi) => {
    const groupLabels = Object.fromEntries(entries(child(g, 'labels')).map((e) => [e.key, str(e.value)?.value ?? '']));
    items(child(g, 'rules')).forEach((rule, ri) => {
      const nameNode = str(child(rule, 'alert')) ?? str(child(rule, 'record'));
      if (!nameNode) return;
      const labels: Record<string, string> = { ...groupLabels };
      for (const e of entries(child(rule, 'labels'))) labels[e.key] = str(e.value)?.value ?? '';
      const key = JSON.stringify([
        child(rule, 'alert') ? 'alert' : 'record',
        nameNode.value,
        Object.entries(labels).sort(),
      ]);
      const rulePath = [...list.path, gi, 'rules', ri];
      const first = seen.get(key);
      if (first) {
        const field = child(rule, 'alert') ? 'alert' : 'record';
        // Removed only when it is the same rule to the letter (same expression, annotations, …).
        const identical = JSON.stringify(plainAt(ctx.value, first)) === JSON.stringify(plainAt(ctx.value, rulePath));
        const fixes: FixDescriptor[] = identical
          ? [{ kind: 'remove', path: rulePath, title: 'fix.remove-rule', args: { name: nameNode.value }, safe: true }]
          : [];
        report(ctx, {
          code: 'rules.duplicate-rule',
          node: nameNode,
          path: [...rulePath, field],
          args: { name: nameNode.value },
          data: { name: nameNode.value, fixes },
          severity: 'warning',
        });
      } else seen.set(key, rulePath);
    });
  });
}

function plainAt(value: unknown, path: JSONPath): unknown {
  let v = value;
  for (const seg of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** Check a list of rule groups (upstream `groups`, or monitoring `alert_rules`). */
export function checkGroups(ctx: RuleContext, groupsNode: ValueNode | undefined, list: GroupList): void {
  const groups = items(groupsNode);
  duplicateGroups(ctx, groups, list);
  groups.forEach((g, gi) => {
    const gpath = [...list.path, gi];
    reservedLabels(ctx, g, gpath);
    items(child(g, 'rules')).forEach((rule, ri) => {
      const rpath = [...gpath, 'rules', ri];
      recordAndAlert(ctx, rule, rpath);
      recordingRule(ctx, rule, rpath);
      reservedLabels(ctx, rule, rpath);
    });
  });
  duplicateRules(ctx, groups, list);
}

/** A document after the first of a rules file (`part.index` is 0 only for the stream's first document): on its `---`. */
function laterDocument(ctx: RuleContext): void {
  const root = ctx.part.root;
  if (ctx.part.index === 0 || !root) return;
  const start = ctx.part.start;
  const line = firstLine(root, ctx.text);
  const range: [number, number] = ctx.text.startsWith('---', start) ? [start, 3] : [line.offset, line.length];
  report(ctx, { code: 'rules.multiple-documents', node: root, path: [], range, blockedBy: [] });
}

export const rulesFileRule: Rule = {
  id: 'rules-file',
  kinds: ['prometheus-rules', 'monitoring'],
  check(ctx) {
    const root = ctx.part.root;
    if (ctx.kind === 'prometheus-rules') {
      laterDocument(ctx);
      checkGroups(ctx, child(root, 'groups'), { path: ['groups'], nameKey: 'name' });
    } else checkGroups(ctx, child(root, 'alert_rules'), { path: ['alert_rules'], nameKey: 'group' });
  },
};
