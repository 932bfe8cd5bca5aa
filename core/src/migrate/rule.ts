/**
 * What the migrations say about a document while it is validated: a file of our kinds at an older
 * format version (`schema.outdated-version`) and what would stop its migration
 * (`migration.needs-choice`); in upstream formats, each old shape a migration step converts, with
 * the step's own code (`alertmanager.deprecated-match`, `grafana.legacy-panel-type`, …).
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { findProperty } from '../document/ast';
import type { Problem } from '../problem';
import type { Rule, RuleContext } from '../rules/types';
import { say, type ProblemMessageId } from '../messages';
import { declaredVersion, type Blocker } from './engine';
import { conditionsHold, matchPattern, plain } from './match';
import { blockerMessage } from './blocker';
import { chain, latestVersion, migrations, versionsOf } from './registry';
import { buildOffsetMap } from '../lang/scalarMap';
import { planStep } from './steps';
import { functionCalls } from './promql';
import type { Migration, Step } from './types';

export const migrationRule: Rule = {
  id: 'migration',
  check(ctx) {
    if (!ctx.kind || !ctx.part.root) return;
    if (versionsOf(ctx.kind)) ownKind(ctx, ctx.kind);
    else for (const m of migrations.filter((x) => x.kind === ctx.kind)) upstream(ctx, m);
  },
};

function ownKind(ctx: RuleContext, kind: string): void {
  const root = ctx.part.root!;
  const version = declaredVersion(kind, ctx.value);
  const latest = latestVersion(kind);
  if (!version || !latest || version === latest) return;
  const versionProp = root.type === 'object' ? findProperty(root, 'schema_version') : undefined;
  const at: { offset: number; length: number } =
    versionProp?.valueNode ??
    (root.type === 'object' && root.properties[0] ? root.properties[0].keyNode : { offset: root.offset, length: 0 });
  const args = { kind, version, latest };
  ctx.report({
    code: 'schema.outdated-version',
    offset: at.offset,
    length: at.length,
    message: say('schema.outdated-version', [], args),
    data: { path: versionProp ? ['schema_version'] : [], ...args },
  });
  // What stops the next migration, read from this tree (its first round; the quick fix and
  // `tenant-config migrate` run every round and say the rest).
  const next = chain(kind, version)[0];
  const json = guess(ctx) === 'json';
  for (const step of next?.steps ?? []) {
    const holderPattern = step.op === 'merge' || step.op === 'set';
    for (const m of matchPattern(root, step.at)) {
      if (!conditionsHold(holderPattern ? m.node : m.holder, step.if)) continue;
      const outcome = planStep({ text: ctx.text, json }, step, m);
      if (outcome && 'blocked' in outcome)
        report(ctx, { migration: next.id, step: step.id, path: m.path, ...outcome.blocked });
    }
  }
}

/** The rule sees the tree, not the language: keys read by the JSON reader have the `json` style. */
function guess(ctx: RuleContext): 'json' | 'yaml' {
  const root = ctx.part.root;
  return root?.type === 'object' && root.properties.every((p) => p.keyNode.style === 'json') ? 'json' : 'yaml';
}

function report(ctx: RuleContext, b: Blocker): void {
  const p: Problem = {
    code: 'migration.needs-choice',
    offset: b.offset,
    length: b.length,
    message: blockerMessage(b),
    data: {
      path: b.path,
      reason: b.reason,
      migration: b.migration,
      step: b.step,
      ...b.args,
      superseded: [{ code: 'schema.deprecated', path: b.path }],
    },
  };
  ctx.report(p);
}

/** Each node an upstream step would change: a diagnostic with the step's code, at the old key or value. */
function upstream(ctx: RuleContext, migration: Migration): void {
  const json = guess(ctx) === 'json';
  // A node several steps could change (a `graph` panel) is the first one's, as in the engine.
  const taken = new Set<unknown>();
  for (const step of migration.steps) {
    if (!step.code) continue;
    const holderPattern = step.op === 'merge' || step.op === 'set';
    for (const m of matchPattern(ctx.part.root, step.at)) {
      if (taken.has(m.node) || !conditionsHold(holderPattern ? m.node : m.holder, step.if)) continue;
      const outcome = planStep({ text: ctx.text, json }, step, m);
      if (!outcome) continue;
      taken.add(m.node);
      if ('blocked' in outcome) {
        report(ctx, { migration: migration.id, step: step.id, path: m.path, ...outcome.blocked });
        continue;
      }
      for (const site of sites(ctx.text, step, m.node, m.path)) {
        const data = {
          path: site.path,
          migration: migration.id,
          step: step.id,
          target: m.path,
          ...site.args,
          superseded: (['schema.additional-property', 'schema.deprecated', 'schema.enum'] as const).map((code) => ({
            code,
            path: site.path,
          })),
        };
        ctx.report({
          code: step.code,
          offset: site.offset,
          length: site.length,
          message: say(step.code as ProblemMessageId, site.path, site.args),
          data,
        });
      }
    }
  }
}

interface Site {
  path: JSONPath;
  offset: number;
  length: number;
  args: Record<string, string>;
}

/** Where an upstream step's diagnostic goes, and what its message names. */
function sites(text: string, step: Step, node: ValueNode, path: JSONPath): Site[] {
  const keyOf = (n: ValueNode) => (n.parent?.type === 'property' ? n.parent.keyNode : undefined);
  switch (step.op) {
    case 'merge': {
      if (node.type !== 'object') return [];
      return step.from.flatMap((f) => {
        const p = findProperty(node, f.key);
        if (!p) return [];
        const k = p.keyNode;
        return [
          { path: [...path, f.key], offset: k.offset, length: k.length, args: { key: f.key, replacement: step.into } },
        ];
      });
    }
    case 'rename': {
      const k = keyOf(node);
      return k ? [{ path, offset: k.offset, length: k.length, args: { key: k.value, replacement: step.to } }] : [];
    }
    case 'map': {
      const old = String(plain(node));
      const replacement = String(step.values[old]);
      return [{ path, offset: node.offset, length: node.length, args: { type: old, replacement, value: old } }];
    }
    case 'rename-function': {
      if (node.type !== 'string') return [];
      const call = functionCalls(node.value, step.from)[0];
      const map = buildOffsetMap(text.slice(node.offset, node.offset + node.length), node.style, node.value);
      const [a, b] = call && map.exact ? map.mapRange(call.from, call.to) : [0, node.length];
      return [{ path, offset: node.offset + a, length: b - a, args: { name: step.from, replacement: step.to } }];
    }
    default:
      return [];
  }
}
