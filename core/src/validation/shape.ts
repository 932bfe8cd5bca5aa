import type { ErrorObject } from 'ajv';
import type { SchemaGraph } from '../schema/resolve';

export interface AmbiguousMatch {
  instancePath: string;
  branches: string[];
}

/**
 * Reduce ajv's `allErrors` output so each mistake is reported once. For every failed
 * `oneOf`/`anyOf`, ajv lists the errors of every branch, then the combinator's own error; we keep
 * only the branch the value most likely meant: one whose discriminating `const`/`enum` property
 * matched, then one whose type matched, then the one with the fewest errors. When every error of
 * the chosen branch is gone (the value matches several branches of a `oneOf`), an ambiguity is
 * returned instead. `if`/`then` wrappers and `propertyNames` summaries are dropped (their inner
 * errors say more).
 */
export function shapeErrors(
  errors: ErrorObject[],
  graph: SchemaGraph,
): { errors: ErrorObject[]; ambiguous: AmbiguousMatch[] } {
  const removed = new Uint8Array(errors.length);
  const ambiguous: AmbiguousMatch[] = [];
  for (let i = errors.length - 1; i >= 0; i--) {
    if (removed[i]) continue;
    const e = errors[i];
    if (e.keyword === 'if' || (e.keyword === 'propertyNames' && i > 0)) {
      removed[i] = 1;
      continue;
    }
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') continue;
    const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
    removed[i] = 1;
    if (branches.length === 0) continue;
    const reach = branches.map((b) => (b && typeof b === 'object' ? graph.reachable(b as object) : new Set<object>()));
    const prefix = e.instancePath;
    // The block of branch errors ends right before the combinator error.
    let start = i;
    while (start > 0) {
      const prev = errors[start - 1];
      const under = prev.instancePath === prefix || prev.instancePath.startsWith(prefix + '/');
      const ps = prev.parentSchema as object | undefined;
      if (!under || !ps || !reach.some((r) => r.has(ps))) break;
      start--;
    }
    const byBranch: number[][] = branches.map(() => []);
    const signature = (err: ErrorObject): string =>
      `${err.instancePath}|${err.schemaPath}|${err.keyword}|${JSON.stringify(err.params)}`;
    let c = 0;
    let seen = new Set<string>();
    for (let j = start; j < i; j++) {
      if (removed[j]) continue;
      const ps = errors[j].parentSchema as object;
      const sig = signature(errors[j]);
      // Branches sharing a definition report the same error once each: a repeat starts the next branch.
      if (seen.has(sig)) {
        c++;
        seen = new Set();
      }
      while (c < branches.length && !reach[c].has(ps)) {
        c++;
        seen = new Set();
      }
      if (c >= branches.length) break;
      byBranch[c].push(j);
      seen.add(sig);
    }
    const depth = prefix === '' ? 0 : prefix.split('/').length - 1;
    const score = (idx: number[]): [number, number, number] => {
      let typeAtRoot = 0;
      let discriminator = 0;
      for (const j of idx) {
        const err = errors[j];
        const d = err.instancePath === '' ? 0 : err.instancePath.split('/').length - 1;
        if (err.keyword === 'type' && err.instancePath === prefix) typeAtRoot = 1;
        if ((err.keyword === 'const' || err.keyword === 'enum') && d === depth + 1) discriminator++;
        if ((err.keyword === 'const' || err.keyword === 'enum') && d === depth && typeof err.data !== 'object')
          discriminator++;
      }
      return [typeAtRoot, discriminator, idx.length];
    };
    const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
    // No branch passed, so a branch without errors means errors were misattributed: skip empty ones.
    const candidates = branches
      .map((_, b) => b)
      .filter(
        (b) =>
          !(passing == null && e.keyword === 'oneOf' && byBranch[b].length === 0) &&
          !(e.keyword === 'anyOf' && byBranch[b].length === 0),
      );
    if (candidates.length === 0) candidates.push(0);
    let best = candidates[0];
    let bestScore = score(byBranch[best]);
    for (const b of candidates.slice(1)) {
      const s = score(byBranch[b]);
      if (
        s[0] < bestScore[0] ||
        (s[0] === bestScore[0] && (s[1] < bestScore[1] || (s[1] === bestScore[1] && s[2] < bestScore[2])))
      ) {
        best = b;
        bestScore = s;
      }
    }
    for (let b = 0; b < branches.length; b++) if (b !== best) for (const j of byBranch[b]) removed[j] = 1;
    if (byBranch[best].length === 0) {
      if (e.keyword === 'oneOf' && Array.isArray(passing)) {
        ambiguous.push({ instancePath: prefix, branches: passing.map((p) => branchTitle(branches[p], p, graph)) });
      }
    }
  }
  return { errors: errors.filter((_, i) => !removed[i]), ambiguous };
}

function branchTitle(branch: unknown, index: number, graph: SchemaGraph): string {
  let s = branch as Record<string, unknown> | undefined;
  for (let i = 0; i < 8 && s && typeof s.$ref === 'string' && !s.title; i++)
    s = graph.resolveRef(s.$ref, s) as Record<string, unknown> | undefined;
  if (s && typeof s.title === 'string') return s.title;
  if (s && typeof s.type === 'string') return s.type;
  return `#${index + 1}`;
}
