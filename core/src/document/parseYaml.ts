import {
  parseAllDocuments,
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
import type { DocumentPart, ReadProblem, ReadSeverity } from './document';

/** Deeper nesting than this is not read further (a diagnostic says so); real configs stay far below. */
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
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      uniqueKeys: false,
      prettyErrors: false,
      keepSourceTokens: false,
      version: '1.2',
      strict: false,
    }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
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
  if (docs.length === 0) return [emptyPart(base, base + text.length, firstIndex)];
  return docs.map((doc, i) => {
    const start = i === 0 ? base : base + (doc.range?.[0] ?? 0);
    const end = i === docs.length - 1 ? base + text.length : base + (docs[i + 1].range?.[0] ?? text.length);
    return new YamlReader(text, base, start, end, firstIndex + i).read(doc);
  });
}

function emptyPart(start: number, end: number, index: number, problem?: ReadProblem): DocumentPart {
  return { start, end, root: undefined, problems: problem ? [problem] : [], yaml11: [], hasAliases: false, index };
}

class YamlReader {
  private readonly problems: ReadProblem[] = [];
  private readonly yaml11: Yaml11Scalar[] = [];
  private readonly anchors = new Map<string, ASTNode>();
  private hasAliases = false;
  private tooDeepReported = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly start: number,
    private readonly end: number,
    private readonly index: number,
  ) {}

  read(doc: Document.Parsed): DocumentPart {
    for (const err of doc.errors) this.problems.push(this.yamlProblem(err.code, err.message, err.pos, 'error'));
    for (const warn of doc.warnings) this.problems.push(this.yamlProblem(warn.code, warn.message, warn.pos, 'warning'));
    let root: ValueNode | undefined;
    try {
      root = doc.contents ? this.convert(doc.contents as YNode, undefined, 0) : undefined;
    } catch (e) {
      // Defensive: a reader bug must not take the server down; the document is reported unreadable.
      this.problems.push({
        code: 'yaml.syntax',
        offset: this.start,
        length: 1,
        severity: 'error',
        args: { detail: String((e as Error)?.message ?? e) },
      });
      root = undefined;
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
    if (depth > MAX_DEPTH) return this.tooDeep(node, parent);
    let out: ValueNode;
    if (isMap(node)) out = this.convertMap(node as YAMLMap, parent, depth);
    else if (isSeq(node)) out = this.convertSeq(node as YAMLSeq, parent, depth);
    else if (isAlias(node)) {
      this.hasAliases = true;
      const [s, e] = this.range(node);
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

  private tooDeep(node: YNode, parent: ASTNode | undefined): ValueNode {
    const [s, e] = this.range(node);
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.problems.push({
        code: 'document.too-deep',
        offset: s,
        length: Math.min(e - s, 1),
        severity: 'error',
        args: { max: MAX_DEPTH },
      });
    }
    return { type: 'null', offset: s, length: e - s, parent, style: 'plain' };
  }

  private range(node: YNode): [number, number] {
    const r = node.range;
    if (!r) return [this.start, this.start];
    return [this.base + r[0], this.base + r[1]];
  }

  private convertMap(map: YAMLMap, parent: ASTNode | undefined, depth: number): ObjectNode {
    const [s, e] = this.range(map as unknown as YNode);
    const obj: ObjectNode = { type: 'object', properties: [], offset: s, length: e - s, parent, flow: !!map.flow };
    const seen = new Map<string, StringNode>();
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
      const first = seen.get(keyNode.value);
      if (first && keyNode.value !== '<<') {
        this.problems.push({
          code: 'document.duplicate-key',
          offset: keyNode.offset,
          length: keyNode.length,
          severity: 'error',
          args: { key: keyNode.value },
          data: { key: keyNode.value, firstOffset: first.offset },
        });
      } else seen.set(keyNode.value, keyNode);
      obj.properties.push(prop);
    }
    return obj;
  }

  private convertKey(key: YNode | null, fallback: number): StringNode {
    if (key === null || key === undefined)
      return { type: 'string', value: '', offset: fallback, length: 0, style: 'plain' };
    const [s, e] = this.range(key);
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
    const [s, e] = this.range(seq as unknown as YNode);
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
    const [s, e] = this.range(node as unknown as YNode);
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

/** Whether a YAML text can be split into independently readable chunks at `---` lines. */
const DOC_START = /^---(?=[ \t\r\n]|$)/gm;

/**
 * Split a YAML stream into chunks, each starting at a `---` line (the first at 0). A `---` at the
 * start of a line always starts a document in YAML, so each chunk reads the same alone as in the
 * stream. Directives (`%YAML`) bind to the next document, so a stream with directives is one chunk.
 */
export function splitYamlStream(text: string): Array<{ start: number; text: string }> {
  if (text.length === 0 || /^%/m.test(text)) return [{ start: 0, text }];
  const starts: number[] = [];
  DOC_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOC_START.exec(text))) {
    if (m.index > 0) starts.push(m.index);
  }
  if (starts.length === 0) return [{ start: 0, text }];
  const chunks: Array<{ start: number; text: string }> = [];
  let prev = 0;
  for (const s of starts) {
    chunks.push({ start: prev, text: text.slice(prev, s) });
    prev = s;
  }
  chunks.push({ start: prev, text: text.slice(prev) });
  // A first chunk holding only comments and blank lines belongs to the first document.
  if (chunks.length > 1 && /^(?:\s*(?:#.*)?(?:\r?\n|$))*$/.test(chunks[0].text)) {
    chunks[1] = { start: 0, text: chunks[0].text + chunks[1].text };
    chunks.shift();
  }
  return chunks;
}
