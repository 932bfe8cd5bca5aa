/**
 * Recursive-descent parser for Go `text/template` (see goTemplateLexer.ts), reproducing the
 * errors of Go's template parser with exact offsets, plus dialect checks (Prometheus rule
 * templates, Alertmanager notification templates) and extraction of defines, template calls,
 * variables and label references.
 */
import { unquoteGo } from './goString';
import {
  ALERT_FIELDS, dialectFunctions, KV_METHODS, LABEL_SET_FIELDS, PREDECLARED, ROOT_FIELDS, TemplateDialect,
} from './goTemplateData';
import { lexGoTemplate, Tok, TokKind } from './goTemplateLexer';
import { LangProblem, NamedSpan, problem, snippet } from './types';

export type { TemplateDialect } from './goTemplateData';
export { isDefaultAlertmanagerTemplate } from './goTemplateData';

export interface TemplateVariableRef extends NamedSpan {
  kind: 'declare' | 'assign' | 'use';
}
export interface TemplateLabelRef extends NamedSpan {
  /** Which label set: labels ($labels / .Labels), commonLabels, groupLabels, externalLabels, routeLabels. */
  source: string;
}
export interface GoTemplateResult {
  problems: LangProblem[];
  /** `{{define "x"}}` and `{{block "x" …}}` names (span of the name inside the quotes). */
  defines: NamedSpan[];
  /** `{{template "x" …}}` and `{{block "x" …}}` targets. */
  templateRefs: NamedSpan[];
  variables: TemplateVariableRef[];
  labelRefs: TemplateLabelRef[];
  /** `$value` / `.Value` uses (Prometheus dialect). */
  valueRefs: NamedSpan[];
  /** Function identifiers called. */
  functions: NamedSpan[];
}

type DotType = 'root' | 'alert' | 'unknown';
interface Operand {
  kind: TokKind | 'paren';
  from: number;
  to: number;
  text: string;
  /** Field path after the base (`$x.A.B` → [A, B]; `.A.B` → [A, B] with base dot). */
  path: string[];
  pathToks: Tok[];
}
interface Term {
  kind: 'end' | 'else' | 'eof' | 'error';
  from: number;
  to: number;
  /** For else: the keyword following `else` (`if`/`with`) when chained. */
  chained?: Tok;
}
class Abort extends Error {}

const OPERAND_START = new Set<TokKind>(['bool', 'char', 'dot', 'field', 'identifier', 'number', 'nil', 'rawstring', 'string', 'variable', 'lparen']);
const NON_EXECUTABLE = new Set<TokKind | 'paren'>(['bool', 'dot', 'nil', 'number', 'string', 'rawstring', 'char']);
const MAX_DEPTH = 200;
const MAX_PROBLEMS = 100;

function describe(t: Tok): string {
  if (t.kind === 'eof') return 'end of input';
  if (t.kind === 'right') return "'}}'";
  if (t.kind === 'keyword') return `keyword '${t.text}'`;
  return `'${snippet(t.text, 30)}'`;
}

class TemplateParser {
  private k = 0;
  private vars: string[];
  private dots: DotType[] = ['root'];
  private rangeDepth = 0;
  private depth = 0;
  private fatal = false;
  private readonly funcs: Set<string>;
  private readonly defineNames = new Map<string, boolean>();
  readonly r: GoTemplateResult = { problems: [], defines: [], templateRefs: [], variables: [], labelRefs: [], valueRefs: [], functions: [] };

  constructor(private readonly text: string, private readonly toks: Tok[], private readonly dialect: TemplateDialect) {
    this.funcs = dialectFunctions(dialect);
    this.vars = [...PREDECLARED[dialect]];
  }

  private peek(): Tok {
    return this.toks[Math.min(this.k, this.toks.length - 1)] as Tok;
  }
  private next(): Tok {
    const t = this.peek();
    if (this.k < this.toks.length - 1) this.k++;
    return t;
  }
  private peekNonSpace(): Tok {
    while (this.peek().kind === 'space') this.k++;
    return this.peek();
  }
  private nextNonSpace(): Tok {
    this.peekNonSpace();
    return this.next();
  }
  private report(code: string, from: number, to: number, args: Record<string, string | number> = {}, severity?: 'warning'): void {
    if (this.r.problems.length < MAX_PROBLEMS) this.r.problems.push(problem(code, from, Math.max(to, from + (from < this.text.length ? 1 : 0)), args, severity));
  }
  private abort(code: string, t: Tok, args: Record<string, string | number> = {}): never {
    this.report(code, t.from, t.to, args);
    throw new Abort();
  }
  private unexpected(t: Tok, context: string): never {
    if (t.kind === 'error') this.lexError(t);
    this.abort('template.unexpected-token', t, { token: describe(t), context });
  }
  private lexError(t: Tok): never {
    this.fatal = true;
    this.report(t.code ?? 'template.bad-character', t.from, t.to, t.args ?? {});
    throw new Abort();
  }
  /** Skip to just after the current action's right delimiter. */
  private skipAction(): void {
    for (let t = this.peek(); t.kind !== 'eof' && t.kind !== 'error'; t = this.peek()) {
      this.k++;
      if (t.kind === 'right') return;
    }
  }
  private expectRight(context: string): Tok {
    const t = this.nextNonSpace();
    if (t.kind !== 'right') this.unexpected(t, context);
    return t;
  }

  parse(): void {
    for (;;) {
      const term = this.itemList(true);
      if (term.kind === 'eof' || term.kind === 'error') break;
      if (term.kind === 'end') this.report('template.unexpected-end', term.from, term.to);
      else this.report('template.unexpected-else', term.from, term.to, { detail: 'there is no open {{if}}, {{with}} or {{range}}' });
    }
    if (this.dialect === 'prometheus') {
      for (const ref of this.r.templateRefs) {
        if (!this.defineNames.has(ref.name)) this.report('template.undefined-template', ref.from, ref.to, { name: ref.name });
      }
    }
  }

  /** Parse text and actions until {{end}}, {{else}} or EOF. */
  private itemList(top = false): Term {
    for (;;) {
      if (this.fatal) return { kind: 'error', from: this.text.length, to: this.text.length };
      const t = this.peek();
      if (t.kind === 'eof') return { kind: 'eof', from: t.from, to: t.to };
      if (t.kind === 'error') {
        try {
          this.lexError(t);
        } catch {
          return { kind: 'error', from: t.from, to: t.to };
        }
      }
      if (t.kind !== 'left') {
        this.k++;
        continue;
      }
      const left = this.next();
      try {
        const term = this.action(left, top);
        if (term) return term;
      } catch (e) {
        if (!(e instanceof Abort)) throw e;
        if (this.fatal) return { kind: 'error', from: this.text.length, to: this.text.length };
        this.skipAction();
      }
    }
  }

  private action(left: Tok, top: boolean): Term | undefined {
    const t = this.peekNonSpace();
    if (t.kind === 'comment') {
      this.next();
      this.expectRight('comment');
      return undefined;
    }
    if (t.kind === 'keyword') {
      this.next();
      switch (t.text) {
        case 'if':
        case 'with':
        case 'range':
          this.control(t.text, left, t);
          return undefined;
        case 'end': {
          const right = this.nextNonSpace();
          if (right.kind !== 'right') {
            this.report('template.unexpected-token', right.from, right.to, { token: describe(right), context: '{{end}}' });
            this.skipAction();
            return { kind: 'end', from: left.from, to: right.to };
          }
          return { kind: 'end', from: left.from, to: right.to };
        }
        case 'else': {
          const n = this.peekNonSpace();
          if (n.kind === 'keyword' && (n.text === 'if' || n.text === 'with')) return { kind: 'else', from: left.from, to: n.to, chained: n };
          const right = this.expectRight('{{else}}');
          return { kind: 'else', from: left.from, to: right.to };
        }
        case 'template':
          this.templateCall(t);
          return undefined;
        case 'block':
        case 'define':
          if (t.text === 'define' && !top) this.report('template.nested-define', left.from, t.to);
          this.definition(left, t);
          return undefined;
        case 'break':
        case 'continue': {
          this.expectRight(`{{${t.text}}}`);
          if (this.rangeDepth === 0) this.report('template.outside-range', left.from, t.to, { keyword: t.text });
          return undefined;
        }
      }
    }
    this.pipeline('command', 'right', { from: left.from, to: this.findRight(left) });
    return undefined;
  }

  private findRight(left: Tok): number {
    for (let i = this.k; i < this.toks.length; i++) {
      const t = this.toks[i] as Tok;
      if (t.kind === 'right' || t.kind === 'eof' || t.kind === 'error') return t.to;
    }
    return left.to;
  }

  private control(kind: string, left: Tok, kw: Tok): void {
    const mark = this.vars.length;
    const dotMark = this.dots.length;
    let open = { from: left.from, to: kw.to };
    const startBranch = (kwTok: Tok, branchKind: string): void => {
      try {
        const pipe = this.pipeline(branchKind, 'right', { from: kwTok.from, to: kwTok.to });
        open = { from: open.from, to: Math.max(open.to, this.toks[this.k - 1]?.to ?? kwTok.to) };
        const outer = this.dots[dotMark - 1] ?? 'unknown';
        this.dots.push(branchKind === 'range' ? this.rangeDot(pipe, outer) : branchKind === 'with' ? 'unknown' : outer);
      } catch (e) {
        if (!(e instanceof Abort)) throw e;
        this.dots.push('unknown');
        if (!this.fatal) this.skipAction();
      }
    };
    if (++this.depth > MAX_DEPTH) {
      this.report('template.too-complex', left.from, kw.to, { detail: 'blocks are nested too deeply' });
      this.fatal = true;
      throw new Abort();
    }
    startBranch(kw, kind);
    if (kind === 'range') this.rangeDepth++;
    let term = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let seenElse = false;
    while (term.kind === 'else') {
      this.dots.length = dotMark;
      if (seenElse) {
        this.report('template.unexpected-else', term.from, term.to, { detail: `a second {{else}} in this {{${kind}}}; expected {{end}}` });
        if (term.chained) this.skipAction();
      } else if (term.chained) {
        const chainKw = this.next();
        if (chainKw.text !== kind || kind === 'range') {
          this.report('template.unexpected-token', chainKw.from, chainKw.to, { token: describe(chainKw), context: `{{else}} of {{${kind}}}` });
          this.skipAction();
          seenElse = true;
          this.dots.push(this.dots[dotMark - 1] ?? 'unknown');
        } else startBranch(chainKw, kind);
      } else {
        seenElse = true;
        this.dots.push(this.dots[dotMark - 1] ?? 'unknown');
      }
      term = this.itemList();
    }
    if (term.kind === 'eof') this.report('template.missing-end', open.from, open.to, { keyword: kind });
    this.vars.length = Math.min(this.vars.length, mark);
    this.dots.length = dotMark;
    this.depth--;
    if (term.kind === 'error') throw new Abort();
  }

  private rangeDot(pipe: Operand[][], outer: DotType): DotType {
    const only = pipe.length === 1 && pipe[0]?.length === 1 ? pipe[0][0] : undefined;
    if (this.dialect === 'alertmanager' && outer === 'root' && only?.kind === 'field' && only.path[0] === 'Alerts') {
      if (only.path.length === 1 || (only.path.length === 2 && (only.path[1] === 'Firing' || only.path[1] === 'Resolved'))) return 'alert';
    }
    return 'unknown';
  }

  private templateName(t: Tok, context: string): NamedSpan | undefined {
    if (t.kind !== 'string' && t.kind !== 'rawstring') {
      if (t.kind === 'error') this.lexError(t);
      this.abort('template.bad-template-name', t, { token: describe(t), context });
    }
    const u = unquoteGo(t.text);
    return { name: u.value, from: t.from + 1, to: t.to - 1 };
  }

  private templateCall(kw: Tok): void {
    const name = this.templateName(this.nextNonSpace(), '{{template}}');
    if (name) this.r.templateRefs.push(name);
    if (this.peekNonSpace().kind === 'right') {
      this.next();
      return;
    }
    this.pipeline('template', 'right', { from: kw.from, to: kw.to });
  }

  private definition(left: Tok, kw: Tok): void {
    const isBlock = kw.text === 'block';
    const name = this.templateName(this.nextNonSpace(), isBlock ? '{{block}}' : '{{define}}');
    let head = { from: left.from, to: kw.to };
    if (isBlock) this.pipeline('block clause', 'right', { from: kw.from, to: kw.to });
    else this.expectRight('{{define}}');
    head = { from: head.from, to: this.toks[this.k - 1]?.to ?? head.to };
    if (++this.depth > MAX_DEPTH) {
      this.report('template.too-complex', left.from, kw.to, { detail: 'blocks are nested too deeply' });
      this.fatal = true;
      throw new Abort();
    }
    const saved = { vars: this.vars, dots: this.dots, rangeDepth: this.rangeDepth };
    this.vars = ['$'];
    this.dots = ['unknown'];
    this.rangeDepth = 0;
    const bodyStart = this.k;
    let term = this.itemList();
    while (term.kind === 'else') {
      this.report('template.unexpected-else', term.from, term.to, { detail: `{{${kw.text}}} has no {{else}}` });
      if (term.chained) this.skipAction();
      term = this.itemList();
    }
    const nonEmpty = this.toks.slice(bodyStart, this.k).some((t) => t.kind !== 'text' || t.text.trim() !== '');
    this.vars = saved.vars;
    this.dots = saved.dots;
    this.rangeDepth = saved.rangeDepth;
    this.depth--;
    if (term.kind === 'eof') this.report('template.missing-end', head.from, head.to, { keyword: kw.text });
    if (name) {
      if (this.defineNames.get(name.name) && nonEmpty) this.report('template.duplicate-define', name.from, name.to, { name: name.name });
      this.defineNames.set(name.name, this.defineNames.get(name.name) || nonEmpty);
      this.r.defines.push(name);
      if (isBlock) this.r.templateRefs.push(name);
    }
    if (term.kind === 'error') throw new Abort();
  }

  /** declarations? command ('|' command)* — returns the commands' operands. */
  private pipeline(context: string, end: 'right' | 'rparen', anchor: { from: number; to: number }): Operand[][] {
    const rangeCtx = context === 'range';
    for (let decls = 0; ; ) {
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
      if (i > 0 && first && NON_EXECUTABLE.has(first.kind)) this.report('template.non-executable-command', first.from, first.to, { stage: i + 1, token: snippet(first.text, 30) });
      if (first?.kind === 'nil') this.report('template.nil-command', first.from, first.to);
    });
    return cmds;
  }

  private declare(v: Tok, assign: boolean): void {
    if (assign && !this.vars.includes(v.text)) this.report('template.undefined-variable', v.from, v.to, { name: v.text, hint: ' (assignment with = needs an earlier := declaration)' });
    if (!assign && v.text.length > 1) this.vars.push(v.text);
    this.r.variables.push({ name: v.text, from: v.from, to: v.to, kind: assign ? 'assign' : 'declare' });
  }

  private command(): Operand[] {
    const args: Operand[] = [];
    const start = this.peekNonSpace();
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
    if (args.length === 0) this.abort('template.empty-command', start);
    const [f, a1, a2] = args;
    if (f?.kind === 'identifier' && f.text === 'index' && a1 && a2 && (a2.kind === 'string' || a2.kind === 'rawstring')) {
      const source = a1.kind === 'variable' && a1.path.length === 0 ? this.varLabelSource(a1.text) : a1.path.length ? LABEL_SET_FIELDS[a1.path[a1.path.length - 1] as string] : undefined;
      if (source) this.r.labelRefs.push({ name: unquoteGo(a2.text).value, from: a2.from + 1, to: a2.to - 1, source });
    }
    return args;
  }

  private varLabelSource(name: string): string | undefined {
    if (this.dialect !== 'prometheus') return undefined;
    return name === '$labels' ? 'labels' : name === '$externalLabels' ? 'externalLabels' : undefined;
  }

  private operand(): Operand | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().kind === 'field') {
      if (NON_EXECUTABLE.has(node.kind) && node.kind !== 'dot') this.abort('template.field-after-term', this.peek(), { term: snippet(node.text, 20) });
      while (this.peek().kind === 'field') {
        const f = this.next();
        node.path.push(f.text.slice(1));
        node.pathToks.push(f);
        node.to = f.to;
      }
    }
    this.analysePath(node);
    return node;
  }

  private analysePath(node: Operand): void {
    const p = node.path;
    if (node.kind === 'variable' && p.length > 0) {
      const src = this.varLabelSource(node.text);
      const t = node.pathToks[0] as Tok;
      if (src && !KV_METHODS.has(p[0] as string)) this.r.labelRefs.push({ name: p[0] as string, from: t.from + 1, to: t.to, source: src });
    }
    for (let i = 0; i + 1 < p.length; i++) {
      const src = LABEL_SET_FIELDS[p[i] as string];
      const t = node.pathToks[i + 1] as Tok;
      if (src && !KV_METHODS.has(p[i + 1] as string)) this.r.labelRefs.push({ name: p[i + 1] as string, from: t.from + 1, to: t.to, source: src });
    }
    if (node.kind === 'field' && p.length > 0) {
      const dot = this.dots[this.dots.length - 1];
      const t0 = node.pathToks[0] as Tok;
      if (this.dialect === 'prometheus' && dot === 'root' && p[0] === 'Value') this.r.valueRefs.push({ name: '.Value', from: t0.from, to: t0.to });
      const known = dot === 'root' ? ROOT_FIELDS[this.dialect] : dot === 'alert' ? ALERT_FIELDS : undefined;
      if (known && !known.includes(p[0] as string)) {
        this.report('template.unknown-field', t0.from, t0.to, { field: p[0] as string, known: known.join(', '), context: dot === 'alert' ? 'an alert' : 'the template data' }, 'warning');
      }
    }
  }

  private term(): Operand | undefined {
    const t = this.next();
    const op = (kind: Operand['kind']): Operand => ({ kind, from: t.from, to: t.to, text: t.text, path: [], pathToks: [] });
    switch (t.kind) {
      case 'identifier':
        if (!this.funcs.has(t.text)) {
          this.report('template.undefined-function', t.from, t.to, {
            name: t.text,
            dialect: this.dialect === 'prometheus' ? 'Prometheus' : 'Alertmanager',
            examples: this.dialect === 'prometheus' ? 'humanize, humanizeDuration, toUpper, reReplaceAll, printf' : 'toUpper, join, reReplaceAll, safeHtml, printf',
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
        if (u.error) this.report('template.bad-escape', t.from + u.error.from, t.from + u.error.to, { detail: u.error.detail });
        return op('string');
      }
      case 'field': {
        const o = op('field');
        o.path.push(t.text.slice(1));
        o.pathToks.push(t);
        return o;
      }
      case 'variable':
        if (!this.vars.includes(t.text)) this.report('template.undefined-variable', t.from, t.to, { name: t.text, hint: this.dialect === 'alertmanager' && /^\$(labels|value|externalLabels|externalURL)$/.test(t.text) ? " (that variable exists only in Prometheus rule templates; use '.Labels', '.CommonLabels' …)" : '' });
        else if (this.dialect === 'prometheus' && t.text === '$value') this.r.valueRefs.push({ name: '$value', from: t.from, to: t.to });
        this.r.variables.push({ name: t.text, from: t.from, to: t.to, kind: 'use' });
        return op('variable');
      case 'lparen': {
        if (++this.depth > MAX_DEPTH) {
          this.report('template.too-complex', t.from, t.to, { detail: 'parentheses are nested too deeply' });
          this.fatal = true;
          throw new Abort();
        }
        this.pipeline('parenthesized pipeline', 'rparen', { from: t.from, to: this.peekNonSpace().kind === 'rparen' ? this.peek().to : t.to });
        this.depth--;
        const o = op('paren');
        o.to = this.toks[this.k - 1]?.to ?? t.to;
        return o;
      }
      case 'error':
        this.lexError(t);
      default:
        this.k--;
        return undefined;
    }
  }
}

/** Parse a Go template in the given dialect. Never throws. */
export function parseGoTemplate(text: string, dialect: TemplateDialect = 'alertmanager'): GoTemplateResult {
  const empty: GoTemplateResult = { problems: [], defines: [], templateRefs: [], variables: [], labelRefs: [], valueRefs: [], functions: [] };
  try {
    if (typeof text !== 'string') return empty;
    if (text.length > 1_000_000) {
      empty.problems.push(problem('template.too-complex', 0, text.length, { detail: 'the text is longer than 1,000,000 characters' }, 'warning'));
      return empty;
    }
    if (!text.includes('{{')) return empty;
    const p = new TemplateParser(text, lexGoTemplate(text), dialect === 'prometheus' ? 'prometheus' : 'alertmanager');
    try {
      p.parse();
    } catch {
      /* partial results are kept */
    }
    p.r.problems.sort((a, b) => a.from - b.from || a.to - b.to);
    return p.r;
  } catch {
    return empty;
  }
}

/** Problems only. */
export function checkGoTemplate(text: string, dialect: TemplateDialect = 'alertmanager'): LangProblem[] {
  return parseGoTemplate(text, dialect).problems;
}
