import type { DocumentPart } from '../document/document';
import type { Problem } from '../problem';

/**
 * What a semantic rule sees of one document part: the kind of config (the catalog id of the
 * associated schema: `tenant`, `monitoring`, `prometheus-rules`, …), the node tree with offsets,
 * the plain value, and the whole text (offsets are absolute in it).
 */
export interface RuleContext {
  kind: string | undefined;
  part: DocumentPart;
  value: unknown;
  text: string;
  /** Problems already found by the schema for this part (to avoid saying the same thing twice). */
  schemaProblems: readonly Problem[];
  report(problem: Problem): void;
  /**
   * Whether problems of `code` are no longer kept for this part (see `MAX_PROBLEMS_PER_CODE`):
   * a rule need not describe another one.
   */
  full?(code: string): boolean;
}

/** A family of checks a schema cannot express, run after schema validation on each document part. */
export interface Rule {
  id: string;
  /** Kinds this rule applies to; all kinds when absent. */
  kinds?: readonly string[];
  check(ctx: RuleContext): void;
}
