/**
 * yaml's own pipeline (lexer → concrete syntax tree → composed documents), as `parseAllDocuments`
 * runs it, with a check between the last two steps. The lexer and the CST parser use no regular
 * expression: the lexer is a loop, and the parser recurses only while closing many levels at once
 * (about 3,000 overflow the stack, an ordinary exception there, which parseYaml reports as too
 * deep). The composer recurses once per nesting level, so the tree is measured first and a
 * document nesting deeper than the limit is never composed. The same walk records where quoted scalars lie (line-break characters inside
 * them are content, outside them they hide text from YAML 1.1 readers).
 */
import { Composer, Parser, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

export interface CstRead {
  docs: Document.Parsed[];
  /** Offset of the first collection nested deeper than the limit, or -1. */
  tooDeep: number;
  /** Sorted, non-overlapping [start, end) ranges of single- and double-quoted scalars. */
  quoted: Array<[number, number]>;
}

interface CstToken {
  type: string;
  offset?: number;
  source?: string;
  value?: CstToken;
  key?: CstToken;
  items?: Array<{ key?: CstToken; value?: CstToken }>;
  props?: CstToken[];
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Read a YAML text (lone CRs already line breaks). Throws only where yaml itself throws. */
export function readYamlCst(text: string, options: Options, maxDepth: number): CstRead {
  const tokens = Array.from(new Parser().parse(text)) as unknown as CstToken[];
  const quoted: Array<[number, number]> = [];
  const tooDeep = measure(tokens, maxDepth, quoted);
  if (tooDeep >= 0) return { docs: [], tooDeep, quoted };
  quoted.sort((a, b) => a[0] - b[0]);
  // yaml reports each syntax error as an Error, and capturing its stack trace is most of the cost
  // of a line of 100,000 stray `a: `: no stack is kept while composing (the errors' positions are).
  const errors = Error as unknown as { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  errors.stackTraceLimit = 0;
  try {
    const docs = Array.from(new Composer(options).compose(tokens as never)) as Document.Parsed[];
    return { docs, tooDeep: -1, quoted };
  } finally {
    errors.stackTraceLimit = limit;
  }
}

/** Depth-first over the tree with an explicit stack: the first too-deep collection's offset, or -1. */
function measure(tokens: CstToken[], maxDepth: number, quoted: Array<[number, number]>): number {
  // Two parallel stacks (token, depth of the collections around it) rather than a pair per token.
  const stack: Array<CstToken | undefined> = [];
  const depths: number[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) push(stack, depths, tokens[i], 0);
  while (stack.length) {
    const token = stack.pop();
    const outer = depths.pop()!;
    if (!token || typeof token !== 'object') continue;
    const depth = COLLECTIONS.has(token.type) ? outer + 1 : outer;
    if (depth > maxDepth) return token.offset ?? 0;
    if (
      (token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar') &&
      typeof token.offset === 'number' &&
      typeof token.source === 'string'
    )
      quoted.push([token.offset, token.offset + token.source.length]);
    // Only nodes: the composer recurses into keys and values (the source tokens between them,
    // indicators, comments and misplaced tokens alike, are read as properties or errors).
    push(stack, depths, token.value, depth);
    push(stack, depths, token.key, depth);
    const items = token.items;
    if (items)
      for (let i = 0; i < items.length; i++) {
        push(stack, depths, items[i].key, depth);
        push(stack, depths, items[i].value, depth);
      }
    const props = token.props;
    if (props) for (let i = 0; i < props.length; i++) push(stack, depths, props[i], depth);
  }
  return -1;
}

/** Put a node on the walk's stacks (no closure and no pair per token: this runs for every token). */
function push(stack: Array<CstToken | undefined>, depths: number[], t: CstToken | undefined, depth: number): void {
  if (t && typeof t === 'object') {
    stack.push(t);
    depths.push(depth);
  }
}
