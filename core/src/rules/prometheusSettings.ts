/**
 * Settings of a Prometheus configuration that Prometheus v3 refuses when it loads the file, beyond
 * the schema (config/config.go): empty or null list entries, a job without a name and a remote
 * endpoint without a URL, globs outside the last element of `rule_files` and
 * `scrape_config_files`, remote write queue bounds (with the defaults of v3.14.0), the metric
 * name escaping a validation scheme allows, the OTLP resource attribute lists and translation
 * strategy, and tracing. Codes `prometheus.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { parseDuration } from '../lang/duration';
import { firstLine } from '../validation/paths';
import { removeItem, removeKey, type FixDescriptor } from '../fixes';
import { isSet } from './httpClient';
import type { RuleContext } from './types';
import { child, entries, items, prop, str, strAt } from './util';
import { report } from './report';

/** The range of an empty item: its text, or the `-` before an item written as nothing at all. */
export function itemRange(ctx: RuleContext, node: ValueNode): [number, number] {
  if (node.length > 0) return [node.offset, node.length];
  for (let i = node.offset - 1; i >= 0 && i >= node.offset - 200 && ctx.text[i] !== '\n'; i--)
    if (ctx.text[i] === '-') return [i, 1];
  return [node.offset, 0];
}

/** A null or empty entry of a list Prometheus refuses (`empty or null scrape config section`, …). */
export function emptyItems(ctx: RuleContext, list: ValueNode | undefined, path: JSONPath, key: string): void {
  items(list).forEach((item, i) => {
    const blank = item.type === 'null' || (item.type === 'string' && item.value.trim() === '');
    if (!blank) return;
    const at = [...path, i];
    const fix: FixDescriptor = {
      kind: 'remove',
      path: at,
      title: 'fix.remove-item',
      args: { value: item.type === 'null' ? 'null' : '""', key },
    };
    report(ctx, {
      code: 'prometheus.empty-item',
      node: item,
      path: at,
      range: itemRange(ctx, item),
      args: { key },
      data: { key, fixes: [fix] },
      supersedes: ['schema.type', 'schema.length'],
      blockedBy: [],
    });
  });
}

/**
 * Settings a mapping must give a non-empty value: absent, null, `""` and `[]` are empty, as Go reads
 * them (`withDefault` keys are only empty when written empty: the default applies otherwise).
 * `anyOf` is one requirement met by any of its keys.
 */
export interface Requirement {
  anyOf: string[];
  withDefault?: boolean;
}

export function requireSettings(
  ctx: RuleContext,
  holder: ValueNode | undefined,
  path: JSONPath,
  where: string,
  needs: readonly Requirement[],
): void {
  if (holder?.type !== 'object') return;
  for (const need of needs) {
    const present = need.anyOf.map((k) => prop(holder, k)).filter((p) => !!p);
    if (need.anyOf.some((k) => isSet(child(holder, k)) && !blankString(child(holder, k)))) continue;
    if (need.withDefault && present.length === 0) continue;
    const written = present[0];
    const range = written
      ? ([written.keyNode.offset, written.keyNode.length] as [number, number])
      : holderRange(ctx, holder);
    const many = need.anyOf.length > 1;
    report(ctx, {
      code: 'prometheus.missing-setting',
      message: many
        ? 'prometheus.missing-setting.any'
        : written
          ? 'prometheus.missing-setting.empty'
          : 'prometheus.missing-setting',
      node: holder,
      path,
      range,
      args: { where, key: need.anyOf[0], keys: need.anyOf.map((k) => '`' + k + '`').join(', ') },
      data: { where, missing: need.anyOf },
      supersedes: ['schema.required', 'schema.type'],
      supersedesAt: [path, ...need.anyOf.map((k) => [...path, k])],
      blockedBy: [],
    });
  }
}

const blankString = (n: ValueNode | undefined): boolean => n?.type === 'string' && n.value.trim() === '';

/** Where a problem about a whole mapping goes: its key, or its first line (list items). */
function holderRange(ctx: RuleContext, holder: ValueNode): [number, number] {
  const parent = holder.parent;
  if (parent?.type === 'property' && parent.valueNode === holder) return [parent.keyNode.offset, parent.keyNode.length];
  const line = firstLine(holder, ctx.text);
  return [line.offset, line.length];
}

/** `a` and `b` both set in one mapping, which Prometheus refuses: reported on `a`, with the fix that removes it. */
export function exclusive(
  ctx: RuleContext,
  holder: ValueNode | undefined,
  path: JSONPath,
  a: string,
  b: string,
  detail: '' | '.kubeconfig' | '.instance-principal' = '',
): void {
  const pa = prop(holder, a);
  const pb = prop(holder, b);
  if (!pa || !pb || !isSet(child(holder, a)) || !isSet(child(holder, b))) return;
  if (child(holder, a)?.type === 'boolean' && !(child(holder, a) as { value: boolean }).value) return;
  if (child(holder, b)?.type === 'boolean' && !(child(holder, b) as { value: boolean }).value) return;
  const at = [...path, a];
  report(ctx, {
    code: 'prometheus.exclusive-settings',
    message: `prometheus.exclusive-settings${detail}`,
    node: pa.keyNode,
    path: at,
    args: { key: a, other: b },
    data: { key: a, conflicts: [b], fixes: [removeKey(at, { preferred: false })] },
  });
}

/** Globs only in the last path element (`dir/*.yml`, not `*\/rules.yml`). */
function globs(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  for (const key of ['rule_files', 'scrape_config_files']) {
    items(child(block, key)).forEach((item, i) => {
      const s = str(item);
      if (!s || /^[^*]*(\*[^/]*)?$/.test(s.value)) return;
      report(ctx, {
        code: 'prometheus.glob-path',
        node: s,
        path: [...base, key, i],
        args: { key, value: s.value },
        data: { key, value: s.value },
      });
    });
  }
}

/** Queue bounds as Prometheus v3.14.0 checks them, unwritten bounds at their defaults. */
const QUEUE_DEFAULTS = { min_shards: 1, max_shards: 50, min_backoff: 30, max_backoff: 5_000 };

function queues(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  items(child(block, 'remote_write')).forEach((item, i) => {
    const q = child(item, 'queue_config');
    if (q?.type !== 'object') return;
    const path = [...base, 'remote_write', i, 'queue_config'];
    const num = (k: 'min_shards' | 'max_shards'): number => {
      const n = child(q, k);
      return n?.type === 'number' ? n.value : QUEUE_DEFAULTS[k];
    };
    const min = num('min_shards');
    const max = num('max_shards');
    const minNode = child(q, 'min_shards');
    const maxNode = child(q, 'max_shards');
    if (min > 0 && max > 0 && min > max && (minNode || maxNode)) {
      const on = minNode ?? (maxNode as ValueNode);
      report(ctx, {
        code: 'prometheus.queue-shards',
        node: on,
        path: [...path, minNode ? 'min_shards' : 'max_shards'],
        args: { min, max },
        data: { min, max, defaulted: !minNode ? ['min_shards'] : !maxNode ? ['max_shards'] : [] },
      });
    }
    // Not refused, but a shard buffering less than one batch: a warning, when both are written.
    const capacity = child(q, 'capacity');
    const perSend = child(q, 'max_samples_per_send');
    if (
      capacity?.type === 'number' &&
      perSend?.type === 'number' &&
      capacity.value > 0 &&
      capacity.value < perSend.value
    )
      report(ctx, {
        code: 'prometheus.queue-capacity',
        node: capacity,
        path: [...path, 'capacity'],
        args: { capacity: capacity.value, max: perSend.value },
        data: { capacity: capacity.value, maxSamplesPerSend: perSend.value },
      });
    const ms = (k: 'min_backoff' | 'max_backoff'): number | undefined => {
      const n = str(child(q, k));
      return n ? parseDuration(n.value) : child(q, k) ? undefined : QUEUE_DEFAULTS[k];
    };
    const minB = ms('min_backoff');
    const maxB = ms('max_backoff');
    const minBNode = str(child(q, 'min_backoff'));
    const maxBNode = str(child(q, 'max_backoff'));
    if (minB !== undefined && maxB !== undefined && maxB < minB && (minBNode || maxBNode)) {
      const on = maxBNode ?? (minBNode as ValueNode);
      report(ctx, {
        code: 'prometheus.queue-backoff',
        node: on,
        path: [...path, maxBNode ? 'max_backoff' : 'min_backoff'],
        args: { min: minBNode?.value ?? '30ms', max: maxBNode?.value ?? '5s' },
        data: { minMs: minB, maxMs: maxB },
      });
    }
  });
}

/** `allow-utf-8` escaping needs UTF-8 validation (per scrape configuration, each falling back to `global`). */
function naming(ctx: RuleContext, block: ValueNode): void {
  const global = child(block, 'global');
  const globalValidation = strAt(global, 'metric_name_validation_scheme') || 'utf8';
  const globalEscapingNode = str(child(global, 'metric_name_escaping_scheme'));
  const globalEscaping = globalEscapingNode?.value || (globalValidation === 'legacy' ? 'underscores' : 'allow-utf-8');
  items(child(block, 'scrape_configs')).forEach((job) => {
    const localValidation = strAt(job, 'metric_name_validation_scheme') || '';
    const validation = localValidation || globalValidation;
    const localEscapingNode = str(child(job, 'metric_name_escaping_scheme'));
    const escaping =
      localEscapingNode?.value ||
      (localValidation === '' ? globalEscaping : localValidation === 'legacy' ? 'underscores' : 'allow-utf-8');
    const node = localEscapingNode ?? globalEscapingNode;
    if (escaping !== 'allow-utf-8' || validation === 'utf8' || !node) return;
    utf8Needed(ctx, node, 'prometheus.setting-requires.escaping');
  });
  const strategy = str(child(child(block, 'otlp'), 'translation_strategy'));
  if (
    strategy &&
    ['NoUTF8EscapingWithSuffixes', 'NoTranslation'].includes(strategy.value) &&
    globalValidation === 'legacy'
  )
    utf8Needed(ctx, strategy, 'prometheus.setting-requires.otlp');
}

function utf8Needed(
  ctx: RuleContext,
  node: ValueNode,
  message: 'prometheus.setting-requires.escaping' | 'prometheus.setting-requires.otlp',
): void {
  const value = str(node)?.value ?? '';
  report(ctx, {
    code: 'prometheus.setting-requires',
    message,
    node,
    args: { value, requirement: 'metric_name_validation_scheme: utf8' },
    data: { value, requires: { metric_name_validation_scheme: 'utf8' } },
  });
}

/** OTLP resource attributes: the lists exclusive as Prometheus reads them; entries trimmed, not empty, unique. */
function otlp(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const o = child(block, 'otlp');
  if (o?.type !== 'object') return;
  const path = [...base, 'otlp'];
  const all = child(o, 'promote_all_resource_attributes');
  const promoteAll = all?.type === 'boolean' && all.value;
  if (promoteAll) exclusive(ctx, o, path, 'promote_resource_attributes', 'promote_all_resource_attributes');
  const ignore = prop(o, 'ignore_resource_attributes');
  if (!promoteAll && ignore && items(child(o, 'ignore_resource_attributes')).length > 0)
    report(ctx, {
      code: 'prometheus.setting-requires',
      message: 'prometheus.setting-requires.otlp-ignore',
      node: ignore.keyNode,
      path: [...path, 'ignore_resource_attributes'],
      args: { value: '', requirement: 'promote_all_resource_attributes: true' },
      data: { requires: { promote_all_resource_attributes: true } },
    });
  for (const key of ['promote_resource_attributes', 'ignore_resource_attributes']) {
    const list = child(o, key);
    emptyItems(ctx, list, [...path, key], key);
    uniqueTrimmed(ctx, list, [...path, key], key);
  }
}

/** Entries of a list that are the same once trimmed: the later ones are reported, with their removal. */
export function uniqueTrimmed(
  ctx: RuleContext,
  list: ValueNode | undefined,
  path: JSONPath,
  key: string,
  read = (n: ValueNode) => str(n)?.value,
): void {
  const seen = new Set<string>();
  items(list).forEach((item, i) => {
    const raw = read(item);
    if (raw === undefined) return;
    const value = raw.trim();
    if (value === '') return;
    if (seen.has(value)) {
      const at = [...path, i];
      const s = str(item);
      report(ctx, {
        code: 'prometheus.duplicate-value',
        node: item,
        path: at,
        args: { key, value },
        data: { key, value, fixes: s ? [removeItem(at, s.value, { safe: true })] : [] },
      });
    }
    seen.add(value);
  });
}

/** Tracing: an endpoint, and no header Prometheus sets itself (`Authorization` is not supported there). */
function tracing(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const t = child(block, 'tracing');
  if (t?.type !== 'object') return;
  requireSettings(ctx, t, [...base, 'tracing'], '`tracing`', [{ anyOf: ['endpoint'] }]);
}

/** Jobs and remote endpoints: a name and a URL; no empty entries in the lists Prometheus reads. */
function sections(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  for (const key of ['scrape_configs', 'remote_write', 'remote_read'])
    emptyItems(ctx, child(block, key), [...base, key], key);
  items(child(block, 'scrape_configs')).forEach((job, i) => {
    const path = [...base, 'scrape_configs', i];
    requireSettings(ctx, job, path, `\`scrape_configs[${i}]\``, [{ anyOf: ['job_name'] }]);
    emptyItems(ctx, child(job, 'static_configs'), [...path, 'static_configs'], 'static_configs');
    for (const e of entries(job)) if (e.key.endsWith('_sd_configs')) emptyItems(ctx, e.value, [...path, e.key], e.key);
  });
  for (const key of ['remote_write', 'remote_read'])
    items(child(block, key)).forEach((item, i) =>
      requireSettings(ctx, item, [...base, key, i], `\`${key}[${i}]\``, [{ anyOf: ['url'] }]),
    );
  items(child(child(block, 'alerting'), 'alertmanagers')).forEach((am, i) => {
    const path = [...base, 'alerting', 'alertmanagers', i];
    emptyItems(ctx, child(am, 'static_configs'), [...path, 'static_configs'], 'static_configs');
    for (const e of entries(am)) if (e.key.endsWith('_sd_configs')) emptyItems(ctx, e.value, [...path, e.key], e.key);
  });
}

export function checkPrometheusSettings(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  sections(ctx, block, base);
  globs(ctx, block, base);
  queues(ctx, block, base);
  naming(ctx, block);
  otlp(ctx, block, base);
  tracing(ctx, block, base);
}
