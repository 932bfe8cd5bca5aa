/** What a step planner returns, and helpers the planners share. */
import { jsonDialect } from '../dialect/json';
import { yamlDialect } from '../dialect/yaml';
import type { JSONPath } from '../document/ast';
import type { OffsetEdit } from '../features/fixes/edits';
import type { Scalar } from './text';
import type { Json } from './types';

export interface StepContext {
  text: string;
  json: boolean;
}

/** Where a path of the text before the edits is after them (`to: null`: removed). */
export interface Remap {
  from: JSONPath;
  to: JSONPath | null;
  /** Paths below `from` are gone (a converted map), only `from` itself moves. */
  dropInside?: boolean;
}

export interface Blocked {
  reason: string;
  args: Record<string, string | number>;
  offset: number;
  length: number;
}

export type Outcome = { edits: OffsetEdit[]; remaps: Remap[] } | { blocked: Blocked } | undefined;

export const show = (v: Json | undefined): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));
export const isScalar = (v: Json | undefined): v is Scalar => v === null || typeof v !== 'object';
export const dialectOf = (ctx: StepContext) => (ctx.json ? jsonDialect : yamlDialect);

export function blocked(
  reason: string,
  node: { offset: number; length: number },
  args: Record<string, string | number>,
): Outcome {
  return { blocked: { reason, args, offset: node.offset, length: node.length } };
}
