/**
 * Go template parser, part 2: block structure (if/else/with/range/end, define, block, template,
 * break/continue), variable scopes and the meaning of `.` per block. Pipelines are parsed by
 * PipelineParser (goTemplatePipeline.ts).
 */
import { unquoteGo } from './goString';
import { Tok } from './goTemplateLexer';
import { Abort, MAX_DEPTH, PipelineParser, Term, describe } from './goTemplatePipeline';
import { DotType, Operand } from './goTemplateRefs';
import { NamedSpan } from './types';

export class TemplateParser extends PipelineParser {
  parse(): void {
    for (;;) {
      const term = this.itemList(true);
      if (term.kind === 'eof' || term.kind === 'error') break;
      if (term.kind === 'end') this.report('template.unexpected-end', term.from, term.to);
      else
        this.report('template.unexpected-else', term.from, term.to, {
          detail: 'there is no open {{if}}, {{with}} or {{range}}',
        });
    }
    if (this.dialect === 'prometheus') {
      for (const ref of this.r.templateRefs) {
        if (!this.defineNames.has(ref.name))
          this.report('template.undefined-template', ref.from, ref.to, { name: ref.name });
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
          if (right.kind === 'error') this.lexError(right);
          if (right.kind !== 'right') {
            this.reportUnexpected(right, '{{end}}');
            this.skipAction();
            return { kind: 'end', from: left.from, to: right.to };
          }
          return { kind: 'end', from: left.from, to: right.to };
        }
        case 'else': {
          const n = this.peekNonSpace();
          if (n.kind === 'keyword' && (n.text === 'if' || n.text === 'with'))
            return { kind: 'else', from: left.from, to: n.to, chained: n };
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
        this.report('template.unexpected-else', term.from, term.to, {
          detail: `a second {{else}} in this {{${kind}}}; expected {{end}}`,
        });
        if (term.chained) this.skipAction();
      } else if (term.chained) {
        const chainKw = this.next();
        if (chainKw.text !== kind || kind === 'range') {
          this.report('template.unexpected-token', chainKw.from, chainKw.to, {
            token: describe(chainKw),
            context: `{{else}} of {{${kind}}}`,
          });
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
      if (
        only.path.length === 1 ||
        (only.path.length === 2 && (only.path[1] === 'Firing' || only.path[1] === 'Resolved'))
      )
        return 'alert';
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
    try {
      if (isBlock) this.pipeline('block clause', 'right', { from: kw.from, to: kw.to });
      else this.expectRight('{{define}}');
    } catch (e) {
      // Keep parsing the body so that its {{end}} still closes this definition.
      if (!(e instanceof Abort) || this.fatal) throw e;
      this.skipAction();
    }
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
    const nonEmpty = this.toks
      .slice(bodyStart, this.k)
      .some((t) => t.to <= term.from && (t.kind !== 'text' || t.text.trim() !== ''));
    this.vars = saved.vars;
    this.dots = saved.dots;
    this.rangeDepth = saved.rangeDepth;
    this.depth--;
    if (term.kind === 'eof') this.report('template.missing-end', head.from, head.to, { keyword: kw.text });
    if (name) {
      if (this.defineNames.get(name.name) && nonEmpty)
        this.report('template.duplicate-define', name.from, name.to, { name: name.name });
      this.defineNames.set(name.name, this.defineNames.get(name.name) || nonEmpty);
      this.r.defines.push(name);
      if (isBlock) this.r.templateRefs.push(name);
    }
    if (term.kind === 'error') throw new Abort();
  }
}
