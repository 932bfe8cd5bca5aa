import type { ASTNode, ValueNode, Yaml11Scalar } from './ast';
import type { Code, Severity } from '../codes';
import type { ReadData } from '../problem';

export type DocumentFormat = 'yaml' | 'json';

/** How severe a reading problem can be. */
export type ReadSeverity = Extract<Severity, 'error' | 'warning'>;

/** A problem found while reading a document, before any schema is applied. */
export interface ReadProblem {
  code: Code;
  offset: number;
  length: number;
  severity: ReadSeverity;
  args: Record<string, string | number>;
  data?: ReadData;
}

/** One document of a stream (a YAML stream may hold several; JSON holds one). */
export interface DocumentPart {
  /** Start and end offsets of the part in the whole text. */
  start: number;
  end: number;
  root: ValueNode | undefined;
  problems: ReadProblem[];
  yaml11: Yaml11Scalar[];
  /** Anchors and aliases seen, for the bounded expansion check. */
  hasAliases: boolean;
  /**
   * Index of the part in the stream. Validation reads each chunk of a stream alone and caches
   * it by its text, so there only `0` (the stream's first document) and `> 0` are meaningful.
   */
  index: number;
}

export interface ParsedDocument {
  format: DocumentFormat;
  text: string;
  parts: DocumentPart[];
}

/**
 * At most this many problems of one code per document part: a file of 80,000 stray quotes is one
 * mistake, and describing, sorting and publishing each problem costs seconds past this.
 */
export const MAX_PROBLEMS_PER_CODE = 1000;

/** The problems, with those of each code past the cap left out (in place, order kept). */
export function capProblems(problems: ReadProblem[]): ReadProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_CODE) return problems;
  const counts = new Map<string, number>();
  let n = 0;
  for (const p of problems) {
    const c = (counts.get(p.code) ?? 0) + 1;
    counts.set(p.code, c);
    if (c <= MAX_PROBLEMS_PER_CODE) problems[n++] = p;
  }
  problems.length = n;
  return problems;
}

/** The part of a stream that contains an offset (the last one starting before it). */
export function partAt(doc: ParsedDocument, offset: number): DocumentPart | undefined {
  let found: DocumentPart | undefined;
  for (const part of doc.parts) {
    if (part.start <= offset) found = part;
    else break;
  }
  return found;
}

export function allNodes(root: ASTNode | undefined, visit: (n: ASTNode) => void, maxDepth = 512): void {
  if (!root) return;
  const stack: Array<[ASTNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    visit(node);
    if (depth >= maxDepth) continue;
    if (node.type === 'object')
      for (let i = node.properties.length - 1; i >= 0; i--) stack.push([node.properties[i], depth + 1]);
    else if (node.type === 'array')
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], depth + 1]);
    else if (node.type === 'property') {
      if (node.valueNode) stack.push([node.valueNode, depth + 1]);
      stack.push([node.keyNode, depth + 1]);
    }
  }
}
