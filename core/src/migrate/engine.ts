/**
 * The migration engine: pure text in, text and edits out. A YAML stream is migrated document by
 * document (each chunk of the stream alone). Within a document, each migration runs in rounds:
 * every step finds its nodes in a fresh parse and plans minimal edits; edits that would overlap
 * wait for the next round, which reads the result again, until no step has anything left to do.
 * Our kinds then get their new `schema_version`, and the next migration of the chain runs. A step
 * that needs a decision stops the document's migration: nothing of it is applied, and the
 * blocker says where and why. The result's edits are a line diff of the original and the final
 * text, so untouched lines keep their bytes.
 */
import type { DocumentFormat, DocumentPart } from '../document/document';
import type { JSONPath } from '../document/ast';
import { parseJson } from '../document/parseJson';
import { parseYaml, splitYamlStream } from '../document/parseYaml';
import { applyOffsetEdits, overlaps, type OffsetEdit } from '../features/fixes/edits';
import { diffLines } from '../util/lineDiff';
import { conditionsHold, matchPattern, plain, type Match } from './match';
import { chain, isVersion, versionsOf } from './registry';
import { planStep, type Remap } from './steps';
import { mapBack } from './text';
import type { Migration, Step } from './types';

export interface MigrateOptions {
  /** Target version of our kinds (the latest by default); upstream migrations ignore it. */
  to?: string;
  /** One step at one node (a quick fix): the migration, the step, the node's path and an offset inside its document. */
  only?: { migration: string; step: string; path: JSONPath; offset: number };
}

export interface Change {
  migration: string;
  step: string;
  path: JSONPath;
  /** Where, in the original text. */
  offset: number;
}

export interface Blocker {
  migration: string;
  step: string;
  path: JSONPath;
  offset: number;
  length: number;
  /** Message id of the reason (`migration.conflict`, …). */
  reason: string;
  args: Record<string, string | number>;
}

export interface MigrationOutcome {
  kind?: string;
  /** Versions of our kinds: the oldest declared and the one reached. */
  from?: string;
  to?: string;
  /** Ids of the migrations that changed something. */
  migrations: string[];
  text: string;
  edits: OffsetEdit[];
  changes: Change[];
  blockers: Blocker[];
  /** Where a path of a document (the one holding `offset` in the original text) is in the result; null when removed. */
  remap(path: JSONPath, offset: number): JSONPath | null;
}

const MAX_ROUNDS = 24;

interface ChunkResult {
  start: number;
  end: number;
  text: string;
  changes: Change[];
  blockers: Blocker[];
  remaps: Remap[][];
  applied: Set<string>;
  from?: string;
  to?: string;
}

export function migrateText(
  text: string,
  format: DocumentFormat,
  kind: string | undefined,
  options: MigrateOptions = {},
): MigrationOutcome {
  const chunks = format === 'json' ? [{ start: 0, text }] : splitYamlStream(text);
  const results: ChunkResult[] = [];
  for (const chunk of chunks) {
    const end = chunk.start + chunk.text.length;
    if (options.only && (options.only.offset < chunk.start || options.only.offset > end)) {
      results.push({
        start: chunk.start,
        end,
        text: chunk.text,
        changes: [],
        blockers: [],
        remaps: [],
        applied: new Set(),
      });
      continue;
    }
    results.push({ ...migrateChunk(chunk.text, format, kind, options), start: chunk.start, end });
  }
  const out = results.map((r) => r.text).join('');
  const blockers = results.flatMap((r) => r.blockers.map((b) => ({ ...b, offset: b.offset + r.start })));
  const changes = results.flatMap((r) => r.changes.map((c) => ({ ...c, offset: c.offset + r.start })));
  const froms = results.map((r) => r.from).filter((v): v is string => !!v);
  const tos = results.map((r) => r.to).filter((v): v is string => !!v);
  const versions = versionsOf(kind) ?? [];
  const byAge = (a: string, b: string): number => versions.indexOf(a) - versions.indexOf(b);
  return {
    kind,
    from: froms.sort(byAge)[0],
    to: tos.sort(byAge)[tos.length - 1],
    migrations: [...new Set(results.flatMap((r) => [...r.applied]))],
    text: out,
    edits: out === text ? [] : lineEdits(text, out),
    changes,
    blockers,
    remap(path, offset) {
      const r = results.find((x) => offset >= x.start && offset <= x.end) ?? results[0];
      let p: JSONPath | null = path;
      for (const round of r?.remaps ?? []) if (p) p = remapPath(p, round);
      return p;
    },
  };
}

const startsWith = (p: JSONPath, prefix: JSONPath): boolean =>
  p.length >= prefix.length && prefix.every((s, i) => s === p[i]);

function remapPath(path: JSONPath, remaps: Remap[]): JSONPath | null {
  for (const r of remaps) {
    if (!startsWith(path, r.from)) continue;
    if (r.dropInside && path.length > r.from.length) return null;
    return r.to ? [...r.to, ...path.slice(r.from.length)] : null;
  }
  return path;
}

function parseChunk(text: string, format: DocumentFormat): DocumentPart[] {
  return format === 'json' ? [parseJson(text)] : parseYaml(text, 0);
}

const hasSyntaxError = (parts: DocumentPart[]): boolean =>
  parts.some((p) => p.problems.some((q) => q.code === 'yaml.syntax' || q.code === 'json.syntax'));

/** The declared version of a document of our kinds: `schema_version` ("1" when absent). */
export function declaredVersion(kind: string, root: unknown): string | undefined {
  const v =
    root && typeof root === 'object' && !Array.isArray(root)
      ? (root as Record<string, unknown>).schema_version
      : undefined;
  const version =
    v === undefined ? versionsOf(kind)?.[0] : typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  return version !== undefined && isVersion(kind, version) ? version : undefined;
}

function migrateChunk(
  original: string,
  format: DocumentFormat,
  kind: string | undefined,
  options: MigrateOptions,
): Omit<ChunkResult, 'start' | 'end'> {
  const result: Omit<ChunkResult, 'start' | 'end'> = {
    text: original,
    changes: [],
    blockers: [],
    remaps: [],
    applied: new Set(),
  };
  const first = parseChunk(original, format);
  const root = first[0]?.root;
  if (!root || hasSyntaxError(first)) return result;
  const own = !!versionsOf(kind);
  const from = own ? declaredVersion(kind!, plain(root)) : undefined;
  if (own && !from) return result;
  let plan = chain(kind, from, options.to);
  if (options.only) plan = plan.filter((m) => m.id === options.only!.migration);
  if (own) {
    result.from = from;
    result.to = from;
  }
  let text = original;
  const rounds: OffsetEdit[][] = [];
  for (const migration of plan) {
    const steps = options.only ? migration.steps.filter((s) => s.id === options.only!.step) : migration.steps;
    const blockers: Blocker[] = [];
    const before = text;
    const changes: Change[] = [];
    const localRounds: OffsetEdit[][] = [];
    const localRemaps: Remap[][] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const parts = parseChunk(text, format);
      if (hasSyntaxError(parts)) break;
      const chosen: OffsetEdit[] = [];
      const remaps: Remap[] = [];
      for (const part of parts)
        for (const step of steps)
          for (const m of matches(part, step)) {
            if (options.only && round === 0 && JSON.stringify(m.path) !== JSON.stringify(options.only.path)) continue;
            if (options.only && round > 0) continue;
            const outcome = planStep({ text, json: format === 'json' }, step, m);
            if (!outcome) continue;
            const back = (o: number): number =>
              [...rounds, ...localRounds].reduceRight((x, edits) => mapBack(x, edits), o);
            if ('blocked' in outcome) {
              const b = outcome.blocked;
              const offset = back(b.offset);
              if (!blockers.some((x) => x.offset === offset && x.reason === b.reason))
                blockers.push({ migration: migration.id, step: step.id, path: m.path, ...b, offset });
              continue;
            }
            if (outcome.edits.length === 0 || outcome.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
            chosen.push(...outcome.edits);
            remaps.push(...outcome.remaps);
            changes.push({ migration: migration.id, step: step.id, path: m.path, offset: back(m.node.offset) });
          }
      if (chosen.length === 0) break;
      text = applyOffsetEdits(text, chosen);
      localRounds.push(chosen);
      localRemaps.push(remaps);
    }
    if (blockers.length) {
      result.blockers.push(...blockers);
      text = before;
      break;
    }
    if (own && !options.only) {
      const stamped = stamp(text, format, migration);
      if (stamped) {
        localRounds.push(stamped);
        text = applyOffsetEdits(text, stamped);
      }
      result.to = migration.to;
    }
    if (text !== before) result.applied.add(migration.id);
    rounds.push(...localRounds);
    result.remaps.push(...localRemaps);
    result.changes.push(...changes);
  }
  if (own && !options.only && result.to !== from) text = retarget(text, kind!, from!, result.to!);
  result.text = text;
  return result;
}

function matches(part: DocumentPart, step: Step): Match[] {
  const holderPattern = step.op === 'merge' || step.op === 'set';
  return matchPattern(part.root, step.at).filter((m) => conditionsHold(holderPattern ? m.node : m.holder, step.if));
}

/** `schema_version: "<to>"` after a migration of our kinds: replaced, or added as the first key. */
function stamp(text: string, format: DocumentFormat, migration: Migration): OffsetEdit[] | undefined {
  const root = parseChunk(text, format)[0]?.root;
  if (!root) return undefined;
  const step: Step = {
    id: 'schema-version',
    op: 'set',
    at: [],
    key: 'schema_version',
    value: migration.to,
    first: true,
    note: '',
  };
  const outcome = planStep({ text, json: format === 'json' }, step, { path: [], node: root });
  return outcome && 'edits' in outcome ? outcome.edits : undefined;
}

/** A `$schema` or modeline naming a version file of the kind (`tenant.v1.schema.json`) names the new one. */
function retarget(text: string, kind: string, from: string, to: string): string {
  const escaped = kind.replace(/[-.]/g, '\\$&');
  const re = new RegExp(`(["'\\s=/]${escaped}\\.v)${from.replace(/\./g, '\\.')}(\\.schema\\.json)`, 'g');
  return text.replace(/^(\s*(?:#.*\$schema=|["']?\$schema["']?\s*:).*)$/gm, (line) => line.replace(re, `$1${to}$2`));
}

/** Edits turning `a` into `b`, line by line (line breaks included, so CRLF survives). */
export function lineEdits(a: string, b: string): OffsetEdit[] {
  const split = (s: string): string[] => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const la = split(a);
  const lb = split(b);
  const starts: number[] = [0];
  for (const l of la) starts.push(starts[starts.length - 1] + l.length);
  return diffLines(la, lb).map((h) => ({
    offset: starts[h.oldStart],
    length: starts[h.oldEnd] - starts[h.oldStart],
    text: h.lines.join(''),
  }));
}
