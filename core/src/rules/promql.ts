/**
 * PromQL in rule expressions, custom metric queries and Grafana targets: syntax and type problems
 * of `checkPromql` (codes `promql.*`), placed exactly inside the scalar whatever its style.
 */
import type { ASTNode } from '../document/ast';
import { checkPromql, type PromqlOptions } from '../lang/promql';
import type { Rule, RuleContext } from './types';
import { child, select, str, strAt, walk, items, type Hit } from './util';
import { reportLang } from './report';

/** Where PromQL lives, per kind, and how to read it. */
const LOCATIONS: Record<string, Array<{ pattern: string; options: PromqlOptions }>> = {
  'prometheus-rules': [{ pattern: 'groups[].rules[].expr', options: { rule: true } }],
  monitoring: [
    { pattern: 'alert_rules[].rules[].expr', options: { rule: true } },
    { pattern: 'custom_metrics[].query', options: { rule: true } },
    { pattern: 'grafana.dashboards[].panels[].targets[].expr', options: { grafana: true } },
  ],
};

function check(ctx: RuleContext, hit: Hit, options: PromqlOptions): void {
  const node = str(hit.node);
  if (!node) return;
  reportLang(ctx, node, checkPromql(node.value, options), { path: hit.path });
}

/** A data source that is not Prometheus (Loki, Elasticsearch, …) has its own query language. */
function nonPrometheus(ds: ASTNode | undefined): boolean {
  const type = strAt(ds, 'type');
  if (type !== undefined) return !/prometheus/i.test(type) && !/^\$/.test(type);
  const name = str(ds)?.value;
  return name !== undefined && /loki|elastic|influx|tempo|graphite|mysql|postgres|cloudwatch/i.test(name);
}

/** Grafana dashboard files: `targets[].expr` of every panel, rows included, Prometheus data sources only. */
function dashboardTargets(ctx: RuleContext): void {
  walk(ctx.part.root, (node, path, key) => {
    if (key !== 'targets' || node.type !== 'array') return;
    const panel = node.parent?.parent;
    const panelDs = panel ? child(panel, 'datasource') : undefined;
    items(node).forEach((target, i) => {
      const ds = child(target, 'datasource') ?? panelDs;
      if (ds && nonPrometheus(ds)) return;
      const expr = child(target, 'expr');
      if (expr) check(ctx, { node: expr, path: [...path, i, 'expr'] }, { grafana: true });
    });
    return false;
  });
}

export const promqlRule: Rule = {
  id: 'promql',
  kinds: ['prometheus-rules', 'monitoring', 'grafana-dashboard'],
  check(ctx) {
    if (ctx.kind === 'grafana-dashboard') return dashboardTargets(ctx);
    for (const loc of LOCATIONS[ctx.kind ?? ''] ?? []) {
      for (const hit of select(ctx.part.root, loc.pattern)) check(ctx, hit, loc.options);
    }
  },
};
