/**
 * What `amtool check-config` finds in one Alertmanager configuration beyond the schema (DOMAIN
 * §2.4): root route rules, receivers and time intervals defined once and referenced only when
 * defined, `group_by` with `...` alone and without duplicates, non-zero group/repeat intervals,
 * ordered time ranges, matcher syntax (`matcher.*`, also in notification rules), settings given
 * both inline and from a file, the values each integration needs (inline, or from `global`
 * where Alertmanager falls back to it; not in monitoring files, whose block is merged into the
 * platform's configuration), and HTTP clients (httpClient.ts).
 * Applied to `alertmanager.yml`, the `alertmanager` block of monitoring files (whose receivers may
 * live in other files, so undefined receivers are left to the cross-file index), Slack receiver
 * files (unique names) and notification rules (matchers). Codes `alertmanager.*`, `matcher.*`,
 * `http.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { checkMatcher } from '../lang/matcher';
import { parseDuration } from '../lang/duration';
import { re2Error } from '../lang/re2';
import { snippet } from '../lang/types';
import { closest } from '../util/strings';
import { firstLine } from '../validation/paths';
import { checkHttpClients } from './httpClient';
import type { Rule, RuleContext } from './types';
import { integrations } from './alertmanagerIntegrations';
import { boolAt, child, entries, items, prop, select, str, type Hit } from './util';
import { report, reportLang } from './report';
import { changeTo, removeItem, removeKey, type FixDescriptor, type FixStep } from '../fixes';
import type { Code } from '../codes';

const ROOT_FORBIDDEN = ['matchers', 'match', 'match_re', 'mute_time_intervals', 'active_time_intervals'];

function names(ctx: RuleContext, list: Hit[], key: string, code: Code): Set<string> {
  const seen = new Set<string>();
  for (const hit of list) {
    const n = str(child(hit.node, key));
    if (!n) continue;
    if (seen.has(n.value))
      report(ctx, { code, node: n, path: [...hit.path, key], args: { name: n.value }, data: { name: n.value } });
    seen.add(n.value);
  }
  return seen;
}

/** Matcher strings of a list (route `matchers`, inhibit `source_matchers`, …). */
function matchers(ctx: RuleContext, holder: ValueNode, path: JSONPath, key: string): void {
  items(child(holder, key)).forEach((m, i) => {
    const node = str(m);
    if (node)
      reportLang(ctx, node, checkMatcher(node.value), { path: [...path, key, i], supersedes: ['schema.pattern'] });
  });
}

/** `match_re` values are RE2 regular expressions, anchored. */
function matchRe(ctx: RuleContext, holder: ValueNode, path: JSONPath, key: string): void {
  for (const e of entries(child(holder, key))) {
    const node = str(e.value);
    const err = node ? re2Error(node.value) : undefined;
    if (node && err)
      reportLang(
        ctx,
        node,
        [
          {
            code: 'matcher.bad-regex',
            from: err.from,
            to: err.to,
            args: { reason: err.message, value: snippet(node.value) },
          },
        ],
        { path: [...path, key, e.key] },
      );
  }
}

interface Defined {
  receivers?: Set<string>;
  intervals: Set<string>;
}

function reference(
  ctx: RuleContext,
  node: ValueNode | undefined,
  path: JSONPath,
  defined: Set<string>,
  code: 'alertmanager.undefined-receiver' | 'alertmanager.undefined-time-interval',
): void {
  const n = str(node);
  if (!n || defined.has(n.value)) return;
  const suggestions = closest(n.value, [...defined], 3);
  const suggestion = suggestions[0];
  const fixes = suggestions.map((s) => changeTo(path, s, n.value, { safe: suggestions.length === 1 }));
  report(ctx, {
    code,
    message: suggestion ? `${code}.suggest` : code,
    node: n,
    path,
    args: { name: n.value, suggestion: suggestion ?? '' },
    data: { name: n.value, suggestions, fixes },
  });
}

function route(ctx: RuleContext, r: ValueNode, path: JSONPath, defined: Defined, depth: number): void {
  if (depth > 64 || r.type !== 'object') return;
  if (defined.receivers)
    reference(ctx, child(r, 'receiver'), [...path, 'receiver'], defined.receivers, 'alertmanager.undefined-receiver');
  for (const key of ['mute_time_intervals', 'active_time_intervals']) {
    items(child(r, key)).forEach((n, i) =>
      reference(ctx, n, [...path, key, i], defined.intervals, 'alertmanager.undefined-time-interval'),
    );
  }
  const groupBy = items(child(r, 'group_by'));
  const seen = new Set<string>();
  groupBy.forEach((g, i) => {
    const n = str(g);
    if (!n) return;
    const at = { node: n, path: [...path, 'group_by', i] };
    if (n.value === '...' && groupBy.length > 1)
      report(ctx, {
        code: 'alertmanager.group-by-wildcard',
        ...at,
        data: { fixes: [keepOnly([...path, 'group_by'], groupBy, i)] },
      });
    else if (seen.has(n.value))
      report(ctx, {
        code: 'alertmanager.duplicate-group-by',
        ...at,
        args: { name: n.value },
        data: { name: n.value, fixes: [removeItem(at.path, n.value, { safe: true })] },
      });
    seen.add(n.value);
  });
  for (const key of ['group_interval', 'repeat_interval']) {
    const n = str(child(r, key));
    const suggestion = key === 'group_interval' ? '5m' : '4h';
    if (n && parseDuration(n.value) === 0)
      report(ctx, {
        code: 'alertmanager.zero-interval',
        node: n,
        path: [...path, key],
        args: { key, suggestion },
        data: { key, suggestion, fixes: [changeTo([...path, key], suggestion, n.value)] },
      });
  }
  matchers(ctx, r, path, 'matchers');
  matchRe(ctx, r, path, 'match_re');
  items(child(r, 'routes')).forEach((c, i) => route(ctx, c, [...path, 'routes', i], defined, depth + 1));
}

function rootRoute(
  ctx: RuleContext,
  block: ValueNode,
  r: ValueNode,
  path: JSONPath,
  firstReceiver: string | undefined,
): void {
  const p = prop(block, 'route');
  // The first receiver as the default one: a choice, so not applied by fix-all.
  const fixes: FixDescriptor[] = firstReceiver
    ? [
        {
          kind: 'insert',
          path,
          entries: [{ key: 'receiver', value: firstReceiver }],
          title: 'fix.add-property',
          args: { key: 'receiver', value: firstReceiver },
        },
      ]
    : [];
  if (!child(r, 'receiver'))
    report(ctx, {
      code: 'alertmanager.root-receiver-missing',
      node: p?.keyNode ?? r,
      path,
      data: { fixes },
      blockedBy: ['schema.required'],
    });
  for (const key of ROOT_FORBIDDEN) {
    const kp = prop(r, key);
    const v = kp ? child(r, key) : undefined;
    const nonEmpty =
      v &&
      ((v.type === 'array' && v.items.length > 0) ||
        (v.type === 'object' && v.properties.length > 0) ||
        v.type === 'string');
    if (kp && nonEmpty)
      report(ctx, {
        code: 'alertmanager.root-route-field',
        node: kp.keyNode,
        path: [...path, key],
        args: { key },
        data: { key, fixes: [removeKey([...path, key])] },
      });
  }
  const cont = prop(r, 'continue');
  if (cont && boolAt(r, 'continue') === true)
    report(ctx, {
      code: 'alertmanager.root-route-field',
      node: cont.keyNode,
      path: [...path, 'continue'],
      args: { key: 'continue' },
      data: { key: 'continue', fixes: [removeKey([...path, 'continue'])] },
    });
}

/** `...` alone in `group_by`: every other item removed (the list meant every label anyway). */
function keepOnly(path: JSONPath, list: ValueNode[], keep: number): FixDescriptor {
  const steps: FixStep[] = [];
  list.forEach((g, i) => {
    if (i !== keep) steps.push({ kind: 'remove', path: [...path, i], expect: str(g)?.value ?? null });
  });
  const [first, ...also] = steps;
  return { ...first, also, title: 'fix.keep-only', args: { value: '...', key: 'group_by' }, safe: true };
}

const minutes = (t: string): number | undefined => {
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

function timeRanges(ctx: RuleContext, intervals: Hit[]): void {
  for (const ti of intervals) {
    items(child(ti.node, 'time_intervals')).forEach((spec, si) => {
      items(child(spec, 'times')).forEach((t, k) => {
        const start = str(child(t, 'start_time'));
        const end = str(child(t, 'end_time'));
        const a = start ? minutes(start.value) : undefined;
        const b = end ? minutes(end.value) : undefined;
        if (start && end && a !== undefined && b !== undefined && a >= b) {
          report(ctx, {
            code: 'alertmanager.time-range-order',
            node: end,
            path: [...ti.path, 'time_intervals', si, 'times', k, 'end_time'],
            args: { start: start.value, end: end.value },
            data: { start: start.value, end: end.value },
          });
        }
      });
    });
  }
}

/** One Alertmanager configuration at `base`; `ownReceivers`: a whole configuration, every receiver defined in it. */
export function checkAlertmanagerConfig(
  ctx: RuleContext,
  block: ValueNode | undefined,
  base: JSONPath,
  ownReceivers: boolean,
): void {
  if (!block || block.type !== 'object') return;
  const receivers = names(ctx, select(block, 'receivers[]', [...base]), 'name', 'alertmanager.duplicate-receiver');
  const intervalHits = [
    ...select(block, 'time_intervals[]', [...base]),
    ...select(block, 'mute_time_intervals[]', [...base]),
  ];
  const intervals = names(ctx, intervalHits, 'name', 'alertmanager.duplicate-time-interval');
  timeRanges(ctx, intervalHits);
  const r = child(block, 'route');
  if (ownReceivers && r?.type !== 'object') routeMissing(ctx, block, base);
  receiverLabels(ctx, block, base);
  if (r?.type === 'object') {
    rootRoute(ctx, block, r, [...base, 'route'], receivers.values().next().value);
    route(ctx, r, [...base, 'route'], { receivers: ownReceivers ? receivers : undefined, intervals }, 0);
  }
  items(child(block, 'inhibit_rules')).forEach((rule, i) => {
    for (const key of ['source_matchers', 'target_matchers']) matchers(ctx, rule, [...base, 'inhibit_rules', i], key);
    for (const key of ['source_match_re', 'target_match_re']) matchRe(ctx, rule, [...base, 'inhibit_rules', i], key);
  });
  integrations(ctx, block, base, ownReceivers);
  checkHttpClients(ctx, block, base);
}

/** A whole configuration without a root route (or with `route:` empty): Alertmanager has nowhere to send alerts. */
function routeMissing(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const p = prop(block, 'route');
  if (p && child(block, 'route')?.type !== 'null') return;
  const line = firstLine(block, ctx.text);
  report(ctx, {
    code: 'alertmanager.route-missing',
    node: p?.keyNode ?? block,
    path: [...base, 'route'],
    range: p ? undefined : [line.offset, line.length],
    data: { missing: ['route'] },
    supersedes: ['schema.type'],
    blockedBy: [],
  });
}

/** A receiver's `labels.name` is its name (Alertmanager sets it): another value is refused. */
function receiverLabels(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  items(child(block, 'receivers')).forEach((rcv, i) => {
    const name = str(child(rcv, 'name'));
    const label = str(child(child(rcv, 'labels'), 'name'));
    if (!name || !label || label.value === name.value) return;
    const path = [...base, 'receivers', i, 'labels', 'name'];
    report(ctx, {
      code: 'alertmanager.receiver-name-label',
      node: label,
      path,
      args: { name: name.value, value: label.value },
      data: { name: name.value, value: label.value, fixes: [changeTo(path, name.value, label.value, { safe: true })] },
    });
  });
}

/** Notification rules (standalone files and monitoring blocks): matcher syntax. */
function notificationRules(ctx: RuleContext, pattern: string): void {
  for (const hit of select(ctx.part.root, pattern)) matchers(ctx, hit.node, hit.path, 'matchers');
}

export const alertmanagerRule: Rule = {
  id: 'alertmanager',
  kinds: ['alertmanager', 'monitoring', 'slack-receivers', 'notification-rules'],
  check(ctx) {
    const root = ctx.part.root;
    switch (ctx.kind) {
      case 'alertmanager':
        return checkAlertmanagerConfig(ctx, root, [], true);
      case 'monitoring':
        checkAlertmanagerConfig(ctx, child(root, 'alertmanager'), ['alertmanager'], false);
        notificationRules(ctx, 'notification_rules[]');
        notificationRules(ctx, 'multi_channel_alerts[]');
        return;
      case 'slack-receivers':
        names(ctx, select(root, 'receivers[]'), 'name', 'alertmanager.duplicate-receiver');
        return;
      case 'notification-rules':
        return notificationRules(ctx, 'rules[]');
    }
  },
};
