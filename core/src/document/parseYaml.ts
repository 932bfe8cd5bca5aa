import {
  isMap,
  isSeq,
  isScalar,
  isAlias,
  isPair,
  type Node as YNode,
  type Document,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  type Pair,
} from 'yaml';
import type {
  ASTNode,
  ValueNode,
  ObjectNode,
  ArrayNode,
  PropertyNode,
  StringNode,
  ScalarNode,
  ScalarStyle,
  Yaml11Scalar,
  AliasNode,
} from './ast';
import { capProblems, MAX_PROBLEMS_PER_CODE, type DocumentPart, type ReadProblem, type ReadSeverity } from './document';
import { yamlTooDeep } from './yamlDepth';
import { readYamlCst } from './yamlCst';
import { normalizeLoneCr, unicodeBreaksOutside, UNICODE_BREAKS, codePointName } from './lineBreaks';
import { duplicateKeyProblems } from './duplicates';
export { splitYamlStream } from './stream';

/** Deeper nesting than this is not read (a diagnostic says so); real configs stay far below. */
export const MAX_DEPTH = 256;

const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_OCTAL = /^[-+]?0[0-7]+$/;
const YAML11_SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Read a YAML text (one chunk of a stream, or a whole file) into format-neutral parts.
 * `base` is added to every offset, so a chunk read alone carries offsets of the whole text.
 * Never throws.
 */
export function parseYaml(text: string, base = 0, firstIndex = 0): DocumentPart[] {
  // YAML 1.2 and LSP clients end a line at a lone CR too; yaml does not, so it reads LF there
  // (same length: every offset stays valid).
  const source = normalizeLoneCr(text);
  const deep = yamlTooDeep(source, MAX_DEPTH);
  if (deep >= 0) return [emptyPart(base, base + text.length, firstIndex, tooDeepProblem(base + deep))];
  let docs: Document.Parsed[];
  let quoted: Array<[number, number]>;
  try {
    const read = readYamlCst(
      source,
      { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, version: '1.2', strict: false },
      MAX_DEPTH,
    );
    if (read.tooDeep >= 0)
      return [emptyPart(base, base + text.length, firstIndex, tooDeepProblem(base + read.tooDeep))];
    docs = read.docs;
    quoted = read.quoted;
  } catch (e) {
    // yaml's CST parser closes nested collections recursively: nesting the estimate above missed
    // (yaml's error recovery nests on lines of one indentation) can exhaust the stack there. It
    // runs no regular expression, so this is an ordinary exception.
    if (e instanceof RangeError) return [emptyPart(base, base + text.length, firstIndex, tooDeepProblem(base))];
    return [
      emptyPart(base, base + text.length, firstIndex, {
        code: 'yaml.syntax',
        offset: base,
        length: Math.min(text.length, 1),
        severity: 'error',
        args: { detail: String((e as Error)?.message ?? e) },
      }),
    ];
  }
  const parts =
    docs.length === 0
      ? [emptyPart(base, base + text.length, firstIndex)]
      : docs.map((doc, i) => {
          const start = i === 0 ? base : base + (doc.range?.[0] ?? 0);
          const end = i === docs.length - 1 ? base + text.length : base + (docs[i + 1].range?.[0] ?? text.length);
          return new YamlReader(source, base, start, end, firstIndex + i).read(doc);
        });
  for (const at of unicodeBreaksOutside(source, quoted)) {
    const ch = source[at];
    const problem: ReadProblem = {
      code: 'yaml.unicode-line-break',
      offset: base + at,
      length: 1,
      severity: 'error',
      args: { codePoint: codePointName(ch), name: UNICODE_BREAKS[ch] },
      data: { codePoint: codePointName(ch), name: UNICODE_BREAKS[ch] },
    };
    const part = parts.find((p) => p.start <= base + at && base + at < p.end) ?? parts[parts.length - 1];
    part.problems.push(problem);
  }
  for (const part of parts) capProblems(part.problems);
  return parts;
}

function tooDeepProblem(offset: number): ReadProblem {
  return { code: 'document.too-deep', offset, length: 1, severity: 'error', args: { max: MAX_DEPTH } };
}

class TooDeep {
  constructor(readonly offset: number) {}
}

function emptyPart(start: number, end: number, index: number, problem?: ReadProblem): DocumentPart {
  return { start, end, root: undefined, problems: problem ? [problem] : [], yaml11: [], hasAliases: false, index };
}

class YamlReader {
  private readonly problems: ReadProblem[] = [];
  private readonly yaml11: Yaml11Scalar[] = [];
  private readonly anchors = new Map<string, ASTNode>();
  private hasAliases = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly start: number,
    private readonly end: number,
    private readonly index: number,
  ) {}

  read(doc: Document.Parsed): DocumentPart {
    // Past the cap of problems per code (see capProblems) the rest are not even described.
    for (const err of doc.errors.slice(0, MAX_PROBLEMS_PER_CODE))
      this.problems.push(this.yamlProblem(err.code, err.message, err.pos, 'error'));
    for (const warn of doc.warnings.slice(0, MAX_PROBLEMS_PER_CODE))
      this.problems.push(this.yamlProblem(warn.code, warn.message, warn.pos, 'warning'));
    let root: ValueNode | undefined;
    try {
      root = doc.contents ? this.convert(doc.contents as YNode, undefined, 0) : undefined;
    } catch (e) {
      root = undefined;
      if (e instanceof TooDeep) this.problems.push(tooDeepProblem(e.offset));
      // Defensive: a reader bug must not take the server down; the document is reported unreadable.
      else
        this.problems.push({
          code: 'yaml.syntax',
          offset: this.start,
          length: 1,
          severity: 'error',
          args: { detail: String((e as Error)?.message ?? e) },
        });
    }
    return {
      start: this.start,
      end: this.end,
      root,
      problems: this.problems,
      yaml11: this.yaml11,
      hasAliases: this.hasAliases,
      index: this.index,
    };
  }

  private yamlProblem(code: string, message: string, pos: [number, number], severity: ReadSeverity): ReadProblem {
    const from = this.base + Math.max(0, Math.min(pos[0], this.text.length));
    let to = this.base + Math.max(0, Math.min(pos[1], this.text.length));
    if (to <= from) to = Math.min(from + 1, this.base + this.text.length);
    // yaml's messages end with a source excerpt after a colon on a new line; keep the sentence only.
    const detail = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return {
      code: severity === 'error' ? 'yaml.syntax' : 'yaml.warning',
      offset: from,
      length: Math.max(0, to - from),
      severity,
      args: { detail },
      data: { yamlCode: code },
    };
  }

  private convert(node: YNode, parent: ASTNode | undefined, depth: number): ValueNode {
    if (depth > MAX_DEPTH) this.tooDeep(node);
    let out: ValueNode;
    if (isMap(node)) out = this.convertMap(node as YAMLMap, parent, depth);
    else if (isSeq(node)) out = this.convertSeq(node as YAMLSeq, parent, depth);
    else if (isAlias(node)) {
      this.hasAliases = true;
      const s = this.startOf(node);
      const e = this.endOf(node);
      const alias: AliasNode = { type: 'alias', name: node.source, offset: s, length: e - s, parent };
      // The anchored node is the nearest preceding node with that anchor.
      alias.target = this.anchors.get(node.source);
      if (!alias.target) {
        this.problems.push({
          code: 'yaml.syntax',
          offset: s,
          length: e - s,
          severity: 'error',
          args: { detail: `Unknown anchor '${node.source}'` },
          data: { yamlCode: 'BAD_ALIAS' },
        });
      }
      out = alias;
    } else out = this.convertScalar(node as Scalar, parent);
    const anchor = (node as { anchor?: string }).anchor;
    // The latest definition of a name wins for the aliases after it.
    if (anchor) this.anchors.set(anchor, out);
    return out;
  }

  /** Nesting past the limit (the checks before composition make this unreachable): the document is not read. */
  private tooDeep(node: YNode): never {
    const s = this.startOf(node);
    throw new TooDeep(s);
  }

  /** Where a node starts and ends in the whole text (two calls rather than a pair per node of every file). */
  private startOf(node: YNode): number {
    const r = node.range;
    return r ? this.base + r[0] : this.start;
  }

  private endOf(node: YNode): number {
    const r = node.range;
    return r ? this.base + r[1] : this.start;
  }

  private convertMap(map: YAMLMap, parent: ASTNode | undefined, depth: number): ObjectNode {
    const s = this.startOf(map as unknown as YNode);
    const e = this.endOf(map as unknown as YNode);
    const obj: ObjectNode = { type: 'object', properties: [], offset: s, length: e - s, parent, flow: !!map.flow };
    for (const item of map.items as Pair[]) {
      if (!isPair(item)) continue;
      const keyNode = this.convertKey(item.key as YNode | null, s);
      const prop: PropertyNode = {
        type: 'property',
        keyNode,
        offset: keyNode.offset,
        length: keyNode.length,
        parent: obj,
      };
      keyNode.parent = prop;
      prop.colonOffset = this.findColon(keyNode.offset + keyNode.length);
      if (item.value !== null && item.value !== undefined) {
        const value = this.convert(item.value as YNode, prop, depth + 1);
        // An empty value (`key:`) has no extent of its own; it sits right after the colon.
        if (value.length === 0 && value.type === 'null' && prop.colonOffset !== undefined)
          value.offset = prop.colonOffset + 1;
        prop.valueNode = value;
        prop.length = Math.max(keyNode.offset + keyNode.length, value.offset + value.length) - prop.offset;
      }
      obj.properties.push(prop);
    }
    for (const p of duplicateKeyProblems(obj, this.text, this.base, '<<')) this.problems.push(p);
    return obj;
  }

  private convertKey(key: YNode | null, fallback: number): StringNode {
    if (key === null || key === undefined)
      return { type: 'string', value: '', offset: fallback, length: 0, style: 'plain' };
    const s = this.startOf(key);
    const e = this.endOf(key);
    let value: string;
    let style: ScalarStyle = 'plain';
    if (isScalar(key)) {
      value = key.value === null || key.value === undefined ? '' : String(key.value);
      style = scalarStyle((key as Scalar).type);
    } else {
      value = this.text.slice(s - this.base, e - this.base);
    }
    return { type: 'string', value, offset: s, length: e - s, style };
  }

  private findColon(from: number): number | undefined {
    const t = this.text;
    let i = from - this.base;
    for (let n = 0; i < t.length && n < 4096; i++, n++) {
      const c = t.charCodeAt(i);
      if (c === 58 /* : */) return i + this.base;
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 34 && c !== 39) return undefined;
    }
    return undefined;
  }

  private convertSeq(seq: YAMLSeq, parent: ASTNode | undefined, depth: number): ArrayNode {
    const s = this.startOf(seq as unknown as YNode);
    const e = this.endOf(seq as unknown as YNode);
    const arr: ArrayNode = { type: 'array', items: [], offset: s, length: e - s, parent, flow: !!seq.flow };
    for (const item of seq.items) {
      if (isPair(item)) {
        // `- a: 1` inside a flow sequence `[a: 1]` is a single-pair map.
        const map = { items: [item], flow: true, range: (item.key as YNode | null)?.range } as unknown as YAMLMap;
        arr.items.push(this.convertMap(map, arr, depth + 1));
      } else if (item === null || item === undefined) {
        arr.items.push({ type: 'null', offset: e, length: 0, parent: arr, style: 'plain' });
      } else arr.items.push(this.convert(item as YNode, arr, depth + 1));
    }
    return arr;
  }

  private convertScalar(node: Scalar, parent: ASTNode | undefined): ScalarNode {
    const s = this.startOf(node as unknown as YNode);
    const e = this.endOf(node as unknown as YNode);
    const style = scalarStyle(node.type);
    const v = node.value;
    let out: ScalarNode;
    if (v === null || v === undefined) out = { type: 'null', offset: s, length: e - s, parent, style };
    else if (typeof v === 'boolean') out = { type: 'boolean', value: v, offset: s, length: e - s, parent, style };
    else if (typeof v === 'number')
      out = { type: 'number', value: v, isInteger: Number.isInteger(v), offset: s, length: e - s, parent, style };
    else if (typeof v === 'bigint')
      out = { type: 'number', value: Number(v), isInteger: true, offset: s, length: e - s, parent, style };
    else
      out = {
        type: 'string',
        value: v instanceof Date ? v.toISOString() : String(v),
        offset: s,
        length: e - s,
        parent,
        style,
      };
    if (style === 'plain' && e > s && e - s <= 32) this.checkYaml11(out, this.text.slice(s - this.base, e - this.base));
    return out;
  }

  private checkYaml11(node: ScalarNode, source: string): void {
    if (node.type === 'string' && YAML11_BOOL.test(source)) {
      this.yaml11.push({ node, kind: 'boolean', as11: /^(?:y|yes|on)$/i.test(source) });
    } else if (node.type === 'number' && YAML11_OCTAL.test(source)) {
      this.yaml11.push({ node, kind: 'octal', as11: parseInt(source, 8) });
    } else if (node.type === 'string' && YAML11_SEXAGESIMAL.test(source)) {
      let total = 0;
      for (const p of source.replace(/^[-+]/, '').split(':')) total = total * 60 + Number(p.replace(/_/g, ''));
      this.yaml11.push({ node, kind: 'sexagesimal', as11: source.startsWith('-') ? -total : total });
    }
  }
}

function scalarStyle(type: string | undefined): ScalarStyle {
  switch (type) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_LITERAL':
      return 'literal';
    case 'BLOCK_FOLDED':
      return 'folded';
    default:
      return 'plain';
  }
}
