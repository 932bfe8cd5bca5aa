/**
 * How deep a YAML text nests, estimated on the text before any parser sees it.
 *
 * The `yaml` library composes nodes recursively, one call chain per nesting level. Past about a
 * thousand levels it runs out of stack; it catches that, but the next regular expression it
 * compiles for the first time (`unfoldLines` in compose/resolve-flow-scalar.js) is compiled by V8
 * with the stack exhausted, which V8 treats as fatal ("RegExpCompiler Allocation failed - process
 * out of memory"). A 4 KB line of `- - - …` or `[[[…` killed the process that way.
 *
 * This pass, linear and free of regular expressions, rejects such texts before they are read at
 * all: every block collection (a `- ` item, a `? ` key, a `key:` at a new column, a sequence at
 * its parent key's column) and every flow bracket counts one level; quoted scalars, block scalars
 * and comments are skipped. It is an estimate for the common shapes of deep nesting; the exact
 * bound is checked afterwards on yaml's concrete syntax tree (see `yamlCst.ts`), before the
 * recursive composition step.
 */

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** Block collections open at a line: their columns, and whether each is a sequence. */
class Levels {
  readonly indents: number[] = [];
  readonly seqs: boolean[] = [];

  get depth(): number {
    return this.indents.length;
  }

  /** Close every collection more indented than a line that starts at `indent`. */
  dedent(indent: number): void {
    while (this.indents.length && this.indents[this.indents.length - 1] > indent) this.pop();
  }

  /** A collection of a kind at a column: continue the open one, or open a nested one. */
  open(col: number, seq: boolean): void {
    this.dedent(col);
    const n = this.indents.length;
    if (n && this.indents[n - 1] === col) {
      if (this.seqs[n - 1] === seq) return;
      // A key back at the column of a sequence that was its sibling key's value: that sequence ends.
      if (!seq) {
        this.pop();
        if (this.indents.length && this.indents[this.indents.length - 1] === col) return;
      }
    }
    this.indents.push(col);
    this.seqs.push(seq);
  }

  clear(): void {
    this.indents.length = 0;
    this.seqs.length = 0;
  }

  private pop(): void {
    this.indents.pop();
    this.seqs.pop();
  }
}

/**
 * The offset where a YAML text first nests deeper than `max` collections (block and flow alike),
 * or -1. Lone CRs must already be line breaks (`\n`); `\r\n` is fine.
 */
export function yamlTooDeep(text: string, max: number): number {
  return new DepthScan(text, max).run();
}

/** The deepest nesting the scan sees in a whole text (for tests: how close the estimate is). */
export function yamlDepthEstimate(text: string): number {
  const scan = new DepthScan(text, Number.MAX_SAFE_INTEGER);
  scan.run();
  return scan.deepest;
}

class DepthScan {
  private readonly levels = new Levels();
  private flow = 0;
  /**
   * `: ` indicators in the current flow entry past its first: yaml's error recovery nests a
   * mapping for each (`[a: a: a: …`), which valid YAML never has.
   */
  private flowPairs = 0;
  /** The quote character of a quoted scalar still open at the end of the previous line, or 0. */
  private quote = 0;
  /**
   * The indentation of the line where a block-context quoted scalar that goes on opened, or -1.
   * yaml's lexer ends such a scalar at a line indented no deeper (an "unexpected unindent").
   */
  private quoteIndent = -1;
  /** In flow context: whether a node may start here (after `[`, `{`, `,`, `? `, `: `, props). */
  private flowNodeStart = false;
  /** An open block scalar: the indentation its header's node has, and its content's (-1 until seen). */
  private block: { parent: number; content: number } | undefined;
  private lineStart = 0;
  private lineEnd = 0;
  private found = -1;
  deepest = 0;

  constructor(
    private readonly text: string,
    private readonly max: number,
  ) {}

  run(): number {
    const t = this.text;
    let i = 0;
    if (t.charCodeAt(0) === 0xfeff) i = 1;
    while (i <= t.length && this.found < 0) {
      let end = t.indexOf('\n', i);
      if (end < 0) end = t.length;
      this.lineStart = i;
      this.lineEnd = end > i && t.charCodeAt(end - 1) === CR ? end - 1 : end;
      this.line();
      i = end + 1;
    }
    return this.found;
  }

  private at(i: number): number {
    return i < this.lineEnd ? this.text.charCodeAt(i) : LF;
  }

  /** Whether `i` is the end of the line or a blank (what must follow an indicator). */
  private endsToken(i: number): boolean {
    return i >= this.lineEnd || isBlank(this.text.charCodeAt(i));
  }

  /** Whether the current line holds something at an indentation no deeper than the open quote's line. */
  private unindented(s: number): boolean {
    let p = s;
    while (p < this.lineEnd && this.text.charCodeAt(p) === SPACE) p++;
    return p < this.lineEnd && p - s <= this.quoteIndent;
  }

  private check(offset: number): void {
    const depth = this.levels.depth + this.flow + Math.max(0, this.flowPairs - 1);
    if (depth > this.deepest) this.deepest = depth;
    if (this.found < 0 && depth > this.max) this.found = offset;
  }

  private line(): void {
    const s = this.lineStart;
    const t = this.text;
    // A document marker ends whatever was open, quoted scalars included.
    if (
      this.lineEnd - s >= 3 &&
      ((t.startsWith('---', s) && this.endsToken(s + 3)) || (t.startsWith('...', s) && this.endsToken(s + 3)))
    ) {
      this.levels.clear();
      this.flow = 0;
      this.flowPairs = 0;
      this.quote = 0;
      this.block = undefined;
      if (t.charCodeAt(s) === 45 /* - */) this.blockNodes(s + 3, -1);
      return;
    }
    let p = s;
    if (this.quote && this.quoteIndent > 0 && this.flow === 0 && this.unindented(s)) this.quote = 0;
    if (this.quote) {
      p = this.closeQuote(s, this.quote);
      if (p < 0) return;
      this.quote = 0;
      if (this.flow > 0) p = this.flowChars(p, false);
      if (p >= 0) this.afterNode(p);
      return;
    }
    while (p < this.lineEnd && t.charCodeAt(p) === SPACE) p++;
    const indent = p - s;
    while (p < this.lineEnd && isBlank(t.charCodeAt(p))) p++;
    const blankLine = p >= this.lineEnd;
    if (this.block) {
      if (blankLine) return;
      if (this.block.content < 0 && indent > this.block.parent) this.block.content = indent;
      if (this.block.content >= 0 && indent >= this.block.content) return;
      this.block = undefined;
    }
    if (blankLine || t.charCodeAt(p) === 35 /* # */) return;
    if (this.flow > 0) {
      const end = this.flowChars(p, this.flowNodeStart);
      if (end >= 0) this.afterNode(end);
      return;
    }
    this.levels.dedent(indent);
    this.blockNodes(p, indent);
  }

  /**
   * Block context from `p` on: compact indicators (`- `, `? `, `: `) and properties, then one
   * node (quoted, flow, block scalar header, alias or plain), then whatever follows it.
   */
  private blockNodes(p: number, indent: number): void {
    const t = this.text;
    let lastOpen = indent;
    for (;;) {
      while (p < this.lineEnd && isBlank(t.charCodeAt(p))) p++;
      if (p >= this.lineEnd || this.found >= 0) return;
      const c = t.charCodeAt(p);
      const col = p - this.lineStart;
      if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && this.endsToken(p + 1)) {
        this.levels.open(col, c === 45);
        this.check(p);
        lastOpen = col;
        p++;
        continue;
      }
      if (c === 35 /* # */) return;
      if (c === 38 /* & */ || c === 33 /* ! */ || c === 42 /* * */) {
        // An anchor, a tag or an alias: it ends at a blank or a flow indicator.
        p++;
        while (p < this.lineEnd && !isBlank(t.charCodeAt(p)) && !isFlowIndicator(t.charCodeAt(p))) p++;
        continue;
      }
      if (c === 124 /* | */ || c === 62 /* > */) {
        // A document's root scalar may have its content at column 0.
        this.block = { parent: this.levels.depth === 0 ? -1 : Math.max(indent, lastOpen), content: -1 };
        return;
      }
      if (c === 34 /* " */ || c === 39 /* ' */) {
        const end = this.closeQuote(p + 1, c);
        if (end < 0) {
          this.quote = c;
          this.quoteIndent = indent;
          return;
        }
        p = this.keyAfter(end, col);
        if (t.charCodeAt(p - 1) === 58 /* : */) lastOpen = col;
        continue;
      }
      if (c === 91 /* [ */ || c === 123 /* { */) {
        const end = this.flowChars(p, true);
        if (end < 0) return;
        p = this.keyAfter(end, col);
        if (t.charCodeAt(p - 1) === 58 /* : */) lastOpen = col;
        continue;
      }
      // A plain scalar (or an alias): it runs to `: `, ` #` or the end of the line.
      p = this.plain(p);
      if (p >= this.lineEnd) return;
      if (t.charCodeAt(p) === 35 /* # */) return;
      // At `:` followed by a blank: the scalar was a key.
      this.levels.open(col, false);
      this.check(p);
      lastOpen = col;
      p++;
    }
  }

  /** After a quoted or flow node ending before `p`: a `:` makes it a key at `col`. */
  private keyAfter(p: number, col: number): number {
    const t = this.text;
    let q = p;
    while (q < this.lineEnd && isBlank(t.charCodeAt(q))) q++;
    if (q < this.lineEnd && t.charCodeAt(q) === 58 /* : */) {
      this.levels.open(col, false);
      this.check(q);
      return q + 1;
    }
    return q;
  }

  /** Block context again after a node that began on an earlier line (a quoted scalar, a flow collection). */
  private afterNode(p: number): void {
    const q = this.keyAfter(p, 0);
    this.blockNodes(q, q - this.lineStart);
  }

  /** The end of a block plain scalar starting at `p`: the `:` of `: `, the `#` of ` #`, or the line end. */
  private plain(p: number): number {
    const t = this.text;
    for (let i = p + 1; i < this.lineEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === 58 /* : */ && this.endsToken(i + 1)) return i;
      if (c === 35 /* # */ && isBlank(t.charCodeAt(i - 1))) return i;
    }
    return this.lineEnd;
  }

  /** The offset after the quote closing a scalar whose text starts at `p`, or -1 when it goes on past the line. */
  private closeQuote(p: number, quote: number): number {
    const t = this.text;
    for (let i = p; i < this.lineEnd; i++) {
      const c = t.charCodeAt(i);
      if (quote === 34) {
        if (c === 92 /* \ */) i++;
        else if (c === 34) return i + 1;
      } else if (c === 39) {
        if (this.at(i + 1) === 39) i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /**
   * Flow context from `p` to the end of the line, or to the bracket that closes the outermost
   * collection (its offset + 1 is returned; -1 when the collection goes on past the line).
   */
  private flowChars(p: number, nodeStart: boolean): number {
    const t = this.text;
    let start = nodeStart;
    for (let i = p; i < this.lineEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === 91 /* [ */ || c === 123 /* { */) {
        this.flow++;
        this.flowPairs = 0;
        this.check(i);
        if (this.found >= 0) return -1;
        start = true;
      } else if (c === 93 /* ] */ || c === 125 /* } */) {
        if (this.flow > 0) this.flow--;
        this.flowPairs = 0;
        start = false;
        if (this.flow === 0) {
          this.flowNodeStart = false;
          return i + 1;
        }
      } else if (c === 44 /* , */) {
        start = true;
        this.flowPairs = 0;
      } else if (c === 35 /* # */ && (i === this.lineStart || isBlank(t.charCodeAt(i - 1)))) break;
      else if ((c === 34 || c === 39) && start) {
        const end = this.closeQuote(i + 1, c);
        if (end < 0) {
          this.quote = c;
          this.quoteIndent = -1;
          this.flowNodeStart = false;
          return -1;
        }
        i = end - 1;
        start = false;
      } else if (c === 58 /* : */ || c === 63 /* ? */) {
        const next = this.at(i + 1);
        const prev = i > 0 ? t.charCodeAt(i - 1) : SPACE;
        if (
          isBlank(next) ||
          next === LF ||
          next === 44 ||
          next === 91 ||
          next === 93 ||
          next === 123 ||
          next === 125 ||
          (c === 58 && (prev === 34 || prev === 39 || prev === 93 || prev === 125))
        ) {
          start = true;
          if (c === 58 && ++this.flowPairs > 1) {
            this.check(i);
            if (this.found >= 0) return -1;
          }
        } else start = false;
      } else if ((c === 38 /* & */ || c === 33) /* ! */ && start) {
        while (i + 1 < this.lineEnd && !isBlank(t.charCodeAt(i + 1)) && !isFlowIndicator(t.charCodeAt(i + 1))) i++;
      } else if (!isBlank(c)) start = false;
    }
    this.flowNodeStart = start;
    return this.flow === 0 ? this.lineEnd : -1;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
