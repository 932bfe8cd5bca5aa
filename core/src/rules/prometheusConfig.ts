/**
 * What `promtool check config` finds in one Prometheus configuration beyond the schema (DOMAIN
 * §2.3): a scrape timeout longer than the interval (globally and per job), a job name used twice,
 * static targets written as URLs (`http://host:9100/metrics`) where `host:port` is expected,
 * remote write and read names used twice, relabeling rules (relabel.ts) and HTTP clients
 * (httpClient.ts) Prometheus rejects; and, as warnings, remote write queue bounds that
 * contradict each other (Prometheus accepts them) and promtool's `too-long-scrape-interval`
 * lint (an interval not shorter than the default 5m lookback delta). Applied to
 * `prometheus.yml` files and to the `prometheus` block of monitoring files.
 * Codes `prometheus.*`, `relabel.*`, `http.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { formatDuration, parseDuration } from '../lang/duration';
import { checkHttpClients, checkRemoteHeaders, checkTracingHeaders } from './httpClient';
import { checkRelabelConfigs } from './relabel';
import { checkPrometheusSettings } from './prometheusSettings';
import { checkServiceDiscovery } from './prometheusSd';
import type { Rule, RuleContext } from './types';
import { child, items, str, strAt } from './util';
import { report } from './report';
import { setValue, type FixDescriptor, type FixStep } from '../fixes';

const DEFAULT_INTERVAL = 60_000;
/** promtool's default `--query.lookback-delta` (the server's default too). */
const LOOKBACK_DELTA = 5 * 60_000;

function duration(node: ValueNode | undefined): number | undefined {
  const s = str(node);
  return s ? parseDuration(s.value) : undefined;
}

function timeouts(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const global = child(block, 'global');
  const globalInterval = duration(child(global, 'scrape_interval')) ?? DEFAULT_INTERVAL;
  const globalTimeout = str(child(global, 'scrape_timeout'));
  const gt = duration(globalTimeout);
  if (globalTimeout && gt !== undefined && gt > globalInterval) {
    const path = [...base, 'global', 'scrape_timeout'];
    report(ctx, {
      code: 'prometheus.timeout-exceeds-interval',
      node: globalTimeout,
      path,
      args: { timeout: globalTimeout.value, interval: formatDuration(globalInterval) },
      data: {
        timeoutMs: gt,
        intervalMs: globalInterval,
        fixes: [setValue(path, formatDuration(globalInterval), globalTimeout.value)],
      },
    });
  }
  items(child(block, 'scrape_configs')).forEach((job, i) => {
    const timeout = str(child(job, 'scrape_timeout'));
    const t = duration(timeout);
    const interval = duration(child(job, 'scrape_interval')) ?? globalInterval;
    if (timeout && t !== undefined && t > interval) {
      const path = [...base, 'scrape_configs', i, 'scrape_timeout'];
      report(ctx, {
        code: 'prometheus.timeout-exceeds-interval',
        node: timeout,
        path,
        args: { timeout: timeout.value, interval: formatDuration(interval) },
        data: { timeoutMs: t, intervalMs: interval, fixes: [setValue(path, formatDuration(interval), timeout.value)] },
      });
    }
  });
}

function jobNames(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const seen = new Set<string>();
  items(child(block, 'scrape_configs')).forEach((job, i) => {
    const name = str(child(job, 'job_name'));
    if (!name) return;
    if (seen.has(name.value))
      report(ctx, {
        code: 'prometheus.duplicate-job-name',
        node: name,
        path: [...base, 'scrape_configs', i, 'job_name'],
        args: { name: name.value },
        data: { name: name.value },
      });
    seen.add(name.value);
  });
}

/** `http://host:9100/metrics` → host, scheme and path; undefined when the target has neither. */
export function splitTarget(target: string): { host: string; scheme?: string; path?: string } | undefined {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/]*)(\/.*)?$/.exec(target);
  if (!m || (!m[1] && !m[3])) return undefined;
  // Credentials in the authority (`user:pass@host`) are never repeated.
  return { host: m[2].replace(/^[^@]*@/, ''), scheme: m[1]?.toLowerCase(), path: m[3] };
}

/** The target as messages may show it: without the credentials of `scheme://user:pass@host`. */
const shown = (target: string): string => target.replace(/^([^/]*\/\/)?[^/@]*@/, '$1…@');

/**
 * Whether relabeling may change or drop a target's `__address__` before Prometheus checks it
 * (promtool checks the relabeled address): a rule writing `__address__`, `labelmap` (it may write
 * any label), or one that keeps or drops targets.
 */
function mayRewriteAddress(job: ValueNode): boolean {
  return items(child(job, 'relabel_configs')).some((rule) => {
    const action = (strAt(rule, 'action') ?? 'replace').toLowerCase();
    return (
      strAt(rule, 'target_label') === '__address__' ||
      ['labelmap', 'keep', 'drop', 'keepequal', 'dropequal'].includes(action)
    );
  });
}

/** Static targets of the jobs (and Alertmanager configs) whose relabeling does not rewrite the address. */
function targets(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const jobs: Array<{ node: ValueNode; path: JSONPath }> = [];
  items(child(block, 'scrape_configs')).forEach((node, i) => jobs.push({ node, path: [...base, 'scrape_configs', i] }));
  items(child(child(block, 'alerting'), 'alertmanagers')).forEach((node, i) =>
    jobs.push({ node, path: [...base, 'alerting', 'alertmanagers', i] }),
  );
  for (const job of jobs) {
    if (mayRewriteAddress(job.node)) continue;
    items(child(job.node, 'static_configs')).forEach((sc, si) => {
      items(child(sc, 'targets')).forEach((t, ti) => {
        const node = str(t);
        const parts = node ? splitTarget(node.value) : undefined;
        if (!node || !parts || parts.host === '') return;
        const message =
          parts.scheme && parts.path
            ? 'prometheus.target-with-scheme'
            : parts.scheme
              ? 'prometheus.target-with-scheme.scheme'
              : 'prometheus.target-with-scheme.path';
        const args = {
          target: shown(node.value),
          suggestion: parts.host,
          scheme: parts.scheme ?? '',
          metricsPath: parts.path ?? '',
        };
        const data: Record<string, unknown> = { suggestion: parts.host };
        if (parts.scheme) data.scheme = parts.scheme;
        if (parts.path) data.metricsPath = parts.path;
        const path = [...job.path, 'static_configs', si, 'targets', ti];
        const fix = targetFix(job, node.value, parts, path);
        if (fix) data.fixes = [fix];
        report(ctx, {
          code: 'prometheus.target-with-scheme',
          message,
          node,
          path,
          args,
          data,
          supersedes: ['schema.pattern'],
        });
      });
    });
  }
}

/** Remote write names are unique among remote write targets, remote read names among remote read ones (empty names aside). */
function remoteNames(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  for (const section of ['remote_write', 'remote_read']) {
    const seen = new Set<string>();
    items(child(block, section)).forEach((item, i) => {
      const name = str(child(item, 'name'));
      if (!name || name.value === '') return;
      if (seen.has(name.value))
        report(ctx, {
          code: 'prometheus.duplicate-remote-name',
          node: name,
          path: [...base, section, i, 'name'],
          args: { name: name.value, section },
          data: { name: name.value, section },
        });
      seen.add(name.value);
    });
  }
}

function relabeling(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const lists = (holder: ValueNode | undefined, path: JSONPath, keys: string[]): void => {
    for (const key of keys) checkRelabelConfigs(ctx, child(holder, key), [...path, key]);
  };
  items(child(block, 'scrape_configs')).forEach((job, i) =>
    lists(job, [...base, 'scrape_configs', i], ['relabel_configs', 'metric_relabel_configs']),
  );
  const alerting = child(block, 'alerting');
  lists(alerting, [...base, 'alerting'], ['alert_relabel_configs']);
  items(child(alerting, 'alertmanagers')).forEach((am, i) =>
    lists(am, [...base, 'alerting', 'alertmanagers', i], ['relabel_configs', 'alert_relabel_configs']),
  );
  items(child(block, 'remote_write')).forEach((rw, i) =>
    lists(rw, [...base, 'remote_write', i], ['write_relabel_configs']),
  );
}

/** HTTP clients everywhere; remote write adds `sigv4`, `azuread` and `google_iam`, Alertmanager targets `sigv4`. */
function httpClients(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  checkHttpClients(ctx, block, base, (path) => {
    const rel = path.slice(base.length);
    if (rel.length === 2 && rel[0] === 'remote_write') return ['sigv4', 'azuread', 'google_iam'];
    if (rel.length === 3 && rel[0] === 'alerting' && rel[1] === 'alertmanagers') return ['sigv4'];
    if (rel[rel.length - 2] === 'marathon_sd_configs') return ['auth_token'];
    return undefined;
  });
  for (const section of ['remote_write', 'remote_read'])
    items(child(block, section)).forEach((item, i) => checkRemoteHeaders(ctx, item, [...base, section, i]));
  checkTracingHeaders(ctx, child(block, 'tracing'), [...base, 'tracing']);
}

/**
 * promtool's `too-long-scrape-interval` lint: a job scraped every 5m or less often has no sample
 * within the default lookback delta between scrapes. Reported on the job's own interval, or once
 * on the global one for the jobs that inherit it.
 */
function lookback(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const globalNode = str(child(child(block, 'global'), 'scrape_interval'));
  const globalMs = duration(globalNode) ?? DEFAULT_INTERVAL;
  const inheriting: string[] = [];
  const lint = (node: ValueNode, path: JSONPath, value: string, ms: number, jobs: string[]): void => {
    report(ctx, {
      code: 'prometheus.scrape-interval-lookback',
      node,
      path,
      args: { interval: value, lookback: formatDuration(LOOKBACK_DELTA) },
      data: { intervalMs: ms, lookbackMs: LOOKBACK_DELTA, jobs },
    });
  };
  items(child(block, 'scrape_configs')).forEach((job, i) => {
    const own = str(child(job, 'scrape_interval'));
    const name = strAt(job, 'job_name') ?? '';
    if (own) {
      const ms = parseDuration(own.value);
      if (ms !== undefined && ms >= LOOKBACK_DELTA)
        lint(own, [...base, 'scrape_configs', i, 'scrape_interval'], own.value, ms, [name]);
    } else if (globalMs >= LOOKBACK_DELTA) inheriting.push(name);
  });
  if (globalNode && inheriting.length)
    lint(globalNode, [...base, 'global', 'scrape_interval'], globalNode.value, globalMs, inheriting);
}

/**
 * `host:port` for a URL target, with the job's `scheme` and `metrics_path` set to what the URL
 * said, when that means the same for every target of the job (all of them written as this URL's
 * scheme and path, or the job's settings already saying so). None for credentials in the URL
 * (they would be lost), query strings (`params`), or Alertmanager paths (`path_prefix`).
 */
function targetFix(
  job: { node: ValueNode; path: JSONPath },
  target: string,
  parts: { host: string; scheme?: string; path?: string },
  path: JSONPath,
): FixDescriptor | undefined {
  if (/^[^/]*\/\/[^/]*@/.test(target) || /[\s?#]/.test(target) || !/^[^\s/]+$/.test(parts.host)) return undefined;
  const scrape = job.path[job.path.length - 2] === 'scrape_configs';
  const pathKey = scrape ? 'metrics_path' : 'path_prefix';
  const scheme = strAt(job.node, 'scheme') ?? 'http';
  const metricsPath = strAt(job.node, pathKey) ?? (scrape ? '/metrics' : '/');
  const wantScheme = parts.scheme && parts.scheme !== scheme ? parts.scheme : undefined;
  const wantPath = parts.path && parts.path !== metricsPath ? parts.path : undefined;
  if (wantPath && !scrape) return undefined;
  if (wantScheme || wantPath) {
    // Every other target of the job must mean the same once the job's settings change.
    const others = items(child(job.node, 'static_configs'))
      .flatMap((sc) => items(child(sc, 'targets')))
      .map((t) => str(t)?.value);
    for (const o of others) {
      if (o === undefined || o === target) continue;
      const op = splitTarget(o);
      if (!op || (wantScheme && op.scheme !== wantScheme) || (wantPath && op.path !== wantPath)) return undefined;
    }
  }
  const also: FixStep[] = [];
  const set = (key: string, value: string): void => {
    if (child(job.node, key)) also.push({ kind: 'replace', path: [...job.path, key], value });
    else also.push({ kind: 'insert', path: job.path, entries: [{ key, value }] });
  };
  if (wantScheme) set('scheme', wantScheme);
  if (wantPath) set(pathKey, wantPath);
  const title =
    wantScheme && wantPath
      ? 'fix.target-host-scheme-path'
      : wantScheme
        ? 'fix.target-host-scheme'
        : wantPath
          ? 'fix.target-host-path'
          : 'fix.target-host';
  return {
    kind: 'replace',
    path,
    value: parts.host,
    expect: target,
    also,
    title,
    args: { host: parts.host, scheme: wantScheme ?? '', path: wantPath ?? '' },
    safe: true,
  };
}

export function checkPrometheusConfig(ctx: RuleContext, block: ValueNode | undefined, base: JSONPath): void {
  if (!block || block.type !== 'object') return;
  timeouts(ctx, block, base);
  jobNames(ctx, block, base);
  targets(ctx, block, base);
  remoteNames(ctx, block, base);
  relabeling(ctx, block, base);
  checkPrometheusSettings(ctx, block, base);
  checkServiceDiscovery(ctx, block, base);
  httpClients(ctx, block, base);
  lookback(ctx, block, base);
}

export const prometheusConfigRule: Rule = {
  id: 'prometheus-config',
  kinds: ['prometheus', 'monitoring'],
  check(ctx) {
    if (ctx.kind === 'prometheus') checkPrometheusConfig(ctx, ctx.part.root, []);
    else checkPrometheusConfig(ctx, child(ctx.part.root, 'prometheus'), ['prometheus']);
  },
};
