/**
 * Quick fixes from the migrations: "Migrate this file to version N" on `schema.outdated-version`,
 * and one step at one node for a deprecated key of our kinds (`schema.deprecated`) or an old
 * upstream shape (`alertmanager.deprecated-match`, …). A step's edit maps values explicitly, so it
 * is safe for fix-all where its migration is meaning-preserving for every deployment (the whole
 * file's migration, a change of version, is offered only). Verified like every fix.
 */
import type { JSONPath } from '../../document/ast';
import { phrase, type PhraseId } from '../../messages';
import { declaredVersion, migrateText } from '../../migrate/engine';
import { conditionsHold, matchPattern, plain } from '../../migrate/match';
import { chain, latestVersion, migrationById, versionsOf } from '../../migrate/registry';
import type { Migration, Step } from '../../migrate/types';
import type { Fix, FixInput } from './fixes';

const samePath = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const asPath = (v: unknown): JSONPath => (Array.isArray(v) ? (v as JSONPath) : []);

/** The fixes the migrations give for a diagnostic; undefined when they have nothing to say about it. */
export function migrationFixes(input: FixInput): Fix[] | undefined {
  const code = String(input.diagnostic.code);
  if (code === 'schema.outdated-version') return fileFix(input);
  if (code === 'schema.deprecated') return deprecatedFix(input);
  const { migration, step } = input.data as { migration?: unknown; step?: unknown };
  if (typeof migration === 'string' && typeof step === 'string' && code !== 'migration.needs-choice')
    return stepFix(input, migration, step, asPath((input.data as { target?: unknown }).target ?? input.data.path));
  return undefined;
}

/**
 * The last whole-file migration: every `schema.outdated-version` of a stream (one per document)
 * offers the same migration of the file, computed once.
 */
let lastFile: { text: string; key: string; out: ReturnType<typeof migrateText> } | undefined;

function fileFix(input: FixInput): Fix[] {
  const latest = latestVersion(input.kind);
  if (!latest) return [];
  const key = `${input.dialect.name}\u0000${input.kind}\u0000${latest}`;
  const known = lastFile && lastFile.text === input.text && lastFile.key === key ? lastFile.out : undefined;
  const out = known ?? migrateText(input.text, input.dialect.name, input.kind, { to: latest });
  lastFile = { text: input.text, key, out };
  if (out.blockers.length || out.edits.length === 0 || out.to !== latest) return [];
  return [
    {
      title: phrase('fix.migrate-file', { version: latest }),
      edits: out.edits,
      preferred: true,
      safe: false,
      remap: (path) => out.remap(path, input.offset),
      read: known ? 0 : input.text.length,
    },
  ];
}

/** The step of the next migration that handles a deprecated key of our kinds, at that key. */
function deprecatedFix(input: FixInput): Fix[] | undefined {
  const kind = input.kind;
  if (!kind || !versionsOf(kind)) return undefined;
  const version = declaredVersion(kind, input.rootValue);
  const next = chain(kind, version)[0];
  const path = asPath(input.data.path);
  if (!next) return undefined;
  for (const step of next.steps) {
    for (const m of matchPattern(input.part.root, step.at)) {
      const holderPattern = step.op === 'merge' || step.op === 'set';
      const keys = step.op === 'merge' ? step.from.map((f) => [...m.path, f.key]) : [m.path];
      if (!keys.some((k) => samePath(k, path))) continue;
      if (!conditionsHold(holderPattern ? m.node : m.holder, step.if)) continue;
      return stepFix(input, next.id, step.id, m.path);
    }
  }
  return undefined;
}

function stepFix(input: FixInput, migrationId: string, stepId: string, path: JSONPath): Fix[] {
  const migration = migrationById(migrationId);
  const step = migration?.steps.find((s) => s.id === stepId);
  if (!migration || !step || migration.kind !== input.kind) return [];
  const out = migrateText(input.text, input.dialect.name, input.kind, {
    only: { migration: migrationId, step: stepId, path, offset: input.offset },
  });
  if (out.blockers.length || out.edits.length === 0) return [];
  return [
    {
      title: title(input, migration, step, path),
      edits: out.edits,
      preferred: true,
      safe: migration.safe === true,
      remap: (p) => out.remap(p, input.offset),
      read: input.text.length,
    },
  ];
}

function title(input: FixInput, migration: Migration, step: Step, path: JSONPath): string {
  const node = matchPattern(input.part.root, step.at).find((m) => samePath(m.path, path));
  const key = String(path[path.length - 1] ?? '');
  const value = node ? plain(node.node) : undefined;
  const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  let id: PhraseId = 'fix.replace-key';
  let args: Record<string, string>;
  switch (step.op) {
    case 'rename':
      if (step.values && value !== undefined && value !== null && typeof value !== 'object') {
        id = 'fix.migrate-value';
        args = { key, value: shown(value), to: step.to, mapped: shown(step.values[String(value)]) };
      } else args = { key, replacement: step.to };
      break;
    case 'move':
      id = 'fix.migrate-move';
      args = { key, to: step.to.join('.') };
      break;
    case 'merge': {
      const obj = node?.node;
      const keys =
        obj?.type === 'object'
          ? step.from.map((f) => f.key).filter((k) => obj.properties.some((p) => p.keyNode.value === k))
          : [];
      id = 'fix.migrate-merge';
      args = { key: keys.join('`, `') || key, to: step.into };
      break;
    }
    case 'map':
      id = 'fix.migrate-type';
      args = {
        value: shown(value),
        mapped: shown(value !== null && typeof value !== 'object' ? step.values[String(value)] : ''),
      };
      break;
    case 'rename-function':
      args = { key: step.from, replacement: step.to };
      break;
    default:
      args = { key, replacement: String(migration.to) };
  }
  return phrase(id, args);
}
