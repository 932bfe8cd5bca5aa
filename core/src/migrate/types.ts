/**
 * Migrations as data: `schemas/migrations/<kind>/<from>-<to>.yaml`, compiled into
 * `migrations.json` by scripts/gen-migrations.mjs (which also writes docs/migrations.md and
 * schemas/CHANGELOG.md from the same files). A migration is a list of steps; each step finds its
 * nodes with a path pattern and changes them with minimal text edits.
 */
import type { Code } from '../codes';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * One segment of a path pattern: a key, `*` (every key of a mapping, every item of a sequence),
 * or `{ each: [...] }`: the sub-pattern repeated zero or more times (route trees, nested panels).
 */
export type Segment = string | { each: Segment[] };

/** A condition on the mapping that holds a step's node: the value at `path` inside it. */
export interface Condition {
  path: string[];
  equals?: Json;
  truthy?: boolean;
}

interface StepBase {
  /** Stable id within the migration (diagnostic data and fixes name steps by it). */
  id: string;
  /** Where the step applies: the node (`rename`, `move`, `map`, `delete`, `manual`, `rename-function`) or the mapping holding the keys (`merge`, `set`). */
  at: Segment[];
  /** What the step does and why, in English, for docs/migrations.md and the schema changelog. */
  note: string;
  /** The diagnostic an upstream migration reports where the step applies (own kinds report `schema.outdated-version`). */
  code?: Code;
  /** Conditions on the holding mapping, all of which must hold. */
  if?: Condition[];
}

/** What a renamed or moved value must be in the new version; otherwise the user decides. */
export type Requirement = 'integer' | { pattern: string };

export type Step =
  /** Rename a key; `values` maps every old value to its new one (a value not listed stops the migration). */
  | (StepBase & {
      op: 'rename';
      to: string;
      values?: Record<string, Json>;
      requires?: Requirement;
      /** Both keys present: `concat` lists the old items after the new ones (otherwise equal values or a choice). */
      merge?: 'concat';
    })
  /** Move a value under another key of the same mapping (`to` is relative to it). */
  | (StepBase & { op: 'move'; to: string[]; requires?: Requirement })
  /** Map values in place; other values are left alone. `keepOldAs` records the old value in a sibling key. */
  | (StepBase & { op: 'map'; values: Record<string, Json>; keepOldAs?: string })
  /** Merge label maps into one list of Alertmanager matchers. */
  | (StepBase & {
      op: 'merge';
      from: Array<{ key: string; as: 'equal-matchers' | 'regex-matchers' }>;
      into: string;
    })
  /** Set a scalar value in the mapping at `at` (`atLeast`: only raise a number). */
  | (StepBase & { op: 'set'; key: string; value: string | number | boolean; atLeast?: boolean; first?: boolean })
  /** Remove a key (the note says why). */
  | (StepBase & { op: 'delete' })
  /** No mechanical equivalent: the migration stops here and `reason` (a message id) tells the user what to do. */
  | (StepBase & { op: 'manual'; reason: string })
  /** Rename a PromQL function where it is called in the expression at `at`. */
  | (StepBase & { op: 'rename-function'; from: string; to: string });

export interface Migration {
  /** `<kind>/<from>-<to>`. */
  id: string;
  kind: string;
  from: string;
  to: string;
  summary: string;
  steps: Step[];
  /** Its fixes may be applied by `source.fixAll` (meaning-preserving for every deployment). */
  safe?: boolean;
}

export interface MigrationSet {
  /** Format versions of our own kinds, oldest first (from schemas/catalog.json). */
  versions: Record<string, string[]>;
  migrations: Migration[];
}
