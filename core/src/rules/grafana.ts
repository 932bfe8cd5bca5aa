/**
 * What breaks a Grafana dashboard Grafana otherwise imports: two panels with one id (Grafana
 * edits, links and repeats panels by id; rows' panels and legacy `rows` included), and data
 * source references to a variable the dashboard does not define (`$datasource`, `${DS_PROM}`,
 * `[[ds]]` not in `templating.list` nor `__inputs`: the panel or variable cannot load its data).
 * Legacy shapes are accepted: only what breaks is reported. Codes `grafana.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { closest } from '../util/strings';
import { changeTo } from '../fixes';
import type { Rule, RuleContext } from './types';
import { child, items, str, walk } from './util';
import { rangeIn, report } from './report';

interface PanelAt {
  node: ValueNode;
  path: JSONPath;
}

/** Every panel: top level, inside rows (`panels[].panels[]`) and in legacy `rows[].panels[]`. */
function panels(root: ValueNode): PanelAt[] {
  const out: PanelAt[] = [];
  items(child(root, 'panels')).forEach((p, i) => {
    out.push({ node: p, path: ['panels', i] });
    items(child(p, 'panels')).forEach((q, j) => out.push({ node: q, path: ['panels', i, 'panels', j] }));
  });
  items(child(root, 'rows')).forEach((r, i) =>
    items(child(r, 'panels')).forEach((q, j) => out.push({ node: q, path: ['rows', i, 'panels', j] })),
  );
  return out;
}

function duplicateIds(ctx: RuleContext, root: ValueNode): void {
  const all = panels(root);
  const ids = all.map((p) => child(p.node, 'id')).map((n) => (n?.type === 'number' ? n.value : undefined));
  const next = Math.max(0, ...ids.filter((n): n is number => n !== undefined)) + 1;
  const seen = new Map<number, PanelAt>();
  let free = next;
  all.forEach((p, i) => {
    const id = ids[i];
    if (id === undefined) return;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, p);
      return;
    }
    const node = child(p.node, 'id') as ValueNode;
    const path = [...p.path, 'id'];
    const title = str(child(first.node, 'title'))?.value ?? '';
    report(ctx, {
      code: 'grafana.duplicate-panel-id',
      message: title ? 'grafana.duplicate-panel-id.titled' : 'grafana.duplicate-panel-id',
      node,
      path,
      args: { id, title, first: first.path.join('.'), suggestion: free },
      data: { id, first: first.path, suggestion: free, fixes: [changeTo(path, free, id)] },
    });
    free++;
  });
}

const REF = /\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]|\$([A-Za-z0-9_]+)/g;

/** The variables a dashboard defines: `templating.list[].name` and the import inputs `__inputs[].name`. */
function defined(root: ValueNode): { names: Set<string>; datasources: string[] } {
  const names = new Set<string>();
  const datasources: string[] = [];
  for (const v of items(child(child(root, 'templating'), 'list'))) {
    const name = str(child(v, 'name'))?.value;
    if (!name) continue;
    names.add(name);
    if (str(child(v, 'type'))?.value === 'datasource') datasources.push(name);
  }
  for (const input of items(child(root, '__inputs'))) {
    const name = str(child(input, 'name'))?.value;
    if (!name) continue;
    names.add(name);
    if (str(child(input, 'type'))?.value === 'datasource') datasources.push(name);
  }
  return { names, datasources };
}

function datasourceRefs(ctx: RuleContext, root: ValueNode): void {
  const { names, datasources } = defined(root);
  walk(root, (node, path, key) => {
    if (key !== 'datasource' || path[path.length - 1] !== 'datasource') return;
    const s = str(node) ?? str(child(node, 'uid'));
    if (!s) return false;
    const at = s === node ? path : [...path, 'uid'];
    REF.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REF.exec(s.value)) !== null) {
      const name = m[1] ?? m[2] ?? m[3];
      // Grafana's own variables (`$__interval`, …) are never data sources; `${__…}` is left alone.
      if (names.has(name) || name.startsWith('__')) continue;
      const suggestions = closest(name, datasources.length ? datasources : [...names], 3);
      report(ctx, {
        code: 'grafana.unknown-datasource',
        message: suggestions.length ? 'grafana.unknown-datasource.suggest' : 'grafana.unknown-datasource',
        node: s,
        path: at,
        range: rangeIn(ctx, s, m.index, m.index + m[0].length),
        args: { name, suggestion: suggestions[0] ?? '' },
        data: {
          name,
          suggestions,
          fixes: suggestions.map((sug) => ({
            kind: 'replaceText' as const,
            path: at,
            from: m!.index,
            to: m!.index + m![0].length,
            text: m![0].replace(name, sug),
            expect: m![0],
            title: 'fix.change-to' as const,
            args: { value: m![0].replace(name, sug) },
          })),
        },
      });
    }
    return false;
  });
}

export const grafanaRule: Rule = {
  id: 'grafana',
  kinds: ['grafana-dashboard'],
  check(ctx) {
    const root = ctx.part.root;
    if (root?.type !== 'object') return;
    duplicateIds(ctx, root);
    datasourceRefs(ctx, root);
  },
};
