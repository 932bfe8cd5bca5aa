/**
 * Go template parser, part 1: token navigation, error reporting, and pipelines (declarations,
 * commands, operands, terms) with Go's errors. Block structure is in goTemplateParser.ts.
 */
import { unquoteGo } from './goString';
import { dialectFunctions, PREDECLARED, TemplateDialect } from './goTemplateData';
import { Tok, TokKind } from './goTemplateLexer';
import { analysePath, DotType, GoTemplateResult, indexLabelRef, Operand, RefContext } from './goTemplateRefs';
import { problem, snippet } from './types';
import type { Code } from '../codes';

export interface Term {
  kind: 'end' | 'else' | 'eof' | 'error';
  from: number;
  to: number;
  /** For else: the keyword following `else` (`if`/`with`) when chained. */
  chained?: Tok;
}
export class Abort extends Error {}

const OPERAND_START = new Set<TokKind>([
  'bool',
  'char',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawstring',
  'string',
  'variable',
  'lparen',
]);
const NON_EXECUTABLE = new Set<TokKind | 'paren'>(['bool', 'dot', 'nil', 'number', 'string', 'rawstring', 'char']);
export const MAX_DEPTH = 200;
const MAX_PROBLEMS = 100;

export function describe(t: Tok): string {
  if (t.kind === 'eof') return 'end of input';
  if (t.kind === 'right') return "'}}'";
  if (t.kind === 'keyword') return `keyword '${t.text}'`;
  return `'${snippet(t.text, 30)}'`;
}

export class PipelineParser {
  protected k = 0;
  protected vars: string[];
  protected dots: DotType[] = ['root'];
  protected rangeDepth = 0;
  protected depth = 0;
  protected fatal = false;
  protected readonly funcs: Set<string>;
  protected readonly defineNames = new Map<string, boolean>();
  readonly r: GoTemplateResult = {
    problems: [],
    defines: [],
    templateRefs: [],
    variables: [],
    labelRefs: [],
    valueRefs: [],
    functions: [],
  };

  constructor(
    protected readonly text: string,
    protected readonly toks: Tok[],
    protected readonly dialect: TemplateDialect,
  ) {
    this.funcs = dialectFunctions(dialect);
    this.vars = [...PREDECLARED[dialect]];
  }

  protected peek(): Tok {
    return this.toks[Math.min(this.k, this.toks.length - 1)] as Tok;
  }
  protected next(): Tok {
    const t = this.peek();
    if (this.k < this.toks.length - 1) this.k++;
    return t;
  }
  protected peekNonSpace(): Tok {
    while (this.peek().kind === 'space') this.k++;
    return this.peek();
  }
  protected nextNonSpace(): Tok {
    this.peekNonSpace();
    return this.next();
  }
  protected report(
    code: Code,
    from: number,
    to: number,
    args: Record<string, string | number> = {},
    severity?: 'warning',
  ): void {
    if (this.r.problems.length < MAX_PROBLEMS)
      this.r.problems.push(problem(code, from, Math.max(to, from + (from < this.text.length ? 1 : 0)), args, severity));
  }
  protected abort(code: Code, t: Tok, args: Record<string, string | number> = {}): never {
    this.report(code, t.from, t.to, args);
    throw new Abort();
  }
  protected unexpected(t: Tok, context: string): never {
    if (t.kind === 'error') this.lexError(t);
    this.reportUnexpected(t, context);
    throw new Abort();
  }
  /** An unexpected token; a `}` that ends its action (`{{ .X }`) is told to be `}}`. */
  protected reportUnexpected(t: Tok, context: string): void {
    if (!t.closes) return this.report('template.unexpected-token', t.from, t.to, { token: describe(t), context });
    if (this.r.problems.length < MAX_PROBLEMS)
      this.r.problems.push({
        ...problem('template.unexpected-token', t.from, t.to, { token: describe(t), context }),
        message: 'template.unexpected-token.brace',
      });
  }
  protected lexError(t: Tok): never {
    this.fatal = true;
    this.report(t.code ?? 'template.bad-character', t.from, t.to, t.args ?? {});
    throw new Abort();
  }
  /** Skip to just after the current action's right delimiter. */
  protected skipAction(): void {
    for (let t = this.peek(); t.kind !== 'eof' && t.kind !== 'error'; t = this.peek()) {
      this.k++;
      if (t.kind === 'right') return;
    }
  }
  protected expectRight(context: string): Tok {
    const t = this.nextNonSpace();
    if (t.kind !== 'right') this.unexpected(t, context);
    return t;
  }

  /** declarations? command ('|' command)* — returns the commands' operands. */
  protected pipeline(context: string, end: 'right' | 'rparen', anchor: { from: number; to: number }): Operand[][] {
    const rangeCtx = context === 'range';
    for (let decls = 0; ;) {
      const save = this.k;
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') break;
      this.next();
      const n = this.peekNonSpace();
      if (n.kind === 'declare' || n.kind === 'assign') {
        this.next();
        this.declare(v, n.kind === 'assign');
        break;
      }
      if (n.kind === 'charitem' && n.text === ',') {
        this.next();
        this.declare(v, false);
        decls++;
        if (rangeCtx && decls < 2 && this.peekNonSpace().kind === 'variable') continue;
        this.abort('template.too-many-declarations', n, { context });
      }
      this.k = save;
      break;
    }
    const cmds: Operand[][] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) break;
      if (OPERAND_START.has(t.kind)) {
        this.k--;
        cmds.push(this.command());
        continue;
      }
      this.unexpected(t, context);
    }
    if (cmds.length === 0) this.report('template.missing-value', anchor.from, anchor.to, { context });
    cmds.forEach((c, i) => {
      const first = c[0];
      if (i > 0 && first && NON_EXECUTABLE.has(first.kind))
        this.report('template.non-executable-command', first.from, first.to, {
          stage: i + 1,
          token: snippet(first.text, 30),
        });
      if (first?.kind === 'nil') this.report('template.nil-command', first.from, first.to);
    });
    return cmds;
  }

  protected declare(v: Tok, assign: boolean): void {
    if (assign && !this.vars.includes(v.text))
      this.report('template.undefined-variable', v.from, v.to, {
        name: v.text,
        hint: ' (assignment with = needs an earlier := declaration)',
      });
    if (!assign && v.text.length > 1) this.vars.push(v.text);
    this.r.variables.push({ name: v.text, from: v.from, to: v.to, kind: assign ? 'assign' : 'declare' });
  }

  protected command(): Operand[] {
    const args: Operand[] = [];
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) args.push(op);
      const t = this.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'right' || t.kind === 'rparen') {
        this.k--;
        break;
      }
      if (t.kind === 'pipe') break;
      this.unexpected(t, 'operand');
    }
    indexLabelRef(args, this.refContext());
    return args;
  }

  protected refContext(): RefContext {
    return {
      dialect: this.dialect,
      dot: this.dots[this.dots.length - 1] ?? 'unknown',
      result: this.r,
      warn: (code, from, to, args) => this.report(code, from, to, args, 'warning'),
    };
  }

  protected operand(): Operand | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().kind === 'field') {
      if (NON_EXECUTABLE.has(node.kind) && node.kind !== 'dot')
        this.abort('template.field-after-term', this.peek(), { term: snippet(node.text, 20) });
      while (this.peek().kind === 'field') {
        const f = this.next();
        node.path.push(f.text.slice(1));
        node.pathToks.push(f);
        node.to = f.to;
      }
    }
    analysePath(node, this.refContext());
    return node;
  }

  protected term(): Operand | undefined {
    const t = this.next();
    const op = (kind: Operand['kind']): Operand => ({
      kind,
      from: t.from,
      to: t.to,
      text: t.text,
      path: [],
      pathToks: [],
    });
    switch (t.kind) {
      case 'identifier':
        if (!this.funcs.has(t.text)) {
          this.report('template.undefined-function', t.from, t.to, {
            name: t.text,
            dialect: this.dialect === 'prometheus' ? 'Prometheus' : 'Alertmanager',
            examples:
              this.dialect === 'prometheus'
                ? 'humanize, humanizeDuration, toUpper, reReplaceAll, printf'
                : 'toUpper, join, reReplaceAll, safeHtml, printf',
          });
        }
        this.r.functions.push({ name: t.text, from: t.from, to: t.to });
        return op('identifier');
      case 'dot':
      case 'nil':
      case 'bool':
      case 'number':
      case 'char':
      case 'rawstring':
        return op(t.kind);
      case 'string': {
        const u = unquoteGo(t.text);
        if (u.error)
          this.report('template.bad-escape', t.from + u.error.from, t.from + u.error.to, { detail: u.error.detail });
        return op('string');
      }
      case 'field': {
        const o = op('field');
        o.path.push(t.text.slice(1));
        o.pathToks.push(t);
        return o;
      }
      case 'variable':
        if (!this.vars.includes(t.text))
          this.report('template.undefined-variable', t.from, t.to, {
            name: t.text,
            hint:
              this.dialect === 'alertmanager' && /^\$(labels|value|externalLabels|externalURL)$/.test(t.text)
                ? " (that variable exists only in Prometheus rule templates; use '.Labels', '.CommonLabels' …)"
                : '',
          });
        else if (this.dialect === 'prometheus' && t.text === '$value')
          this.r.valueRefs.push({ name: '$value', from: t.from, to: t.to });
        this.r.variables.push({ name: t.text, from: t.from, to: t.to, kind: 'use' });
        return op('variable');
      case 'lparen': {
        if (++this.depth > MAX_DEPTH) {
          this.report('template.too-complex', t.from, t.to, { detail: 'parentheses are nested too deeply' });
          this.fatal = true;
          throw new Abort();
        }
        try {
          this.pipeline('parenthesized pipeline', 'rparen', {
            from: t.from,
            to: this.peekNonSpace().kind === 'rparen' ? this.peek().to : t.to,
          });
        } finally {
          this.depth--;
        }
        const o = op('paren');
        o.to = this.toks[this.k - 1]?.to ?? t.to;
        return o;
      }
      case 'error':
        this.lexError(t);
      // falls through
      default:
        this.k--;
        return undefined;
    }
  }
}
