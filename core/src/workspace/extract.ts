/**
 * One file → its facts: names defined and referenced (by the extraction table), reference slots
 * for completion, Go template blocks, localization messages, localized template sets and names
 * mentioned in free text (ABAC conditions).
 * Pure and linear in the size of the matched sub-trees; expensive work (ICU parsing, paths as
 * arrays) is deferred to the checks that need it. Never throws.
 */
import type { JSONPath, ScalarStyle, StringNode, ValueNode } from '../document/ast';
import type { ParsedDocument } from '../document/document';
import { isDefaultAlertmanagerTemplate, parseGoTemplate } from '../lang/goTemplate';
import { buildOffsetMap } from '../lang/scalarMap';
import { compile, match, propValue, toPath, type At, type PathLink } from './pattern';
import { computeLineStarts, valueRange, type NameRange } from './scalar';
import { EXTRACTION, type ExtractionRow } from './table';
import type { FileFacts, LocaleBlockFact, LocalizationFact, Namespace, Occurrence } from './types';

const KEY = 1;
const GO = 2;
const WHOLE = 4;
const EXACT = 8;
const UNCHECKED = 16;

/** An occurrence, compact: flags packed, path kept as shared links until asked for. */
export class Occ implements Occurrence {
  tenant: string | undefined = undefined;
  scope = '';
  owner?: string;
  severity?: 'error' | 'warning' | 'information';

  constructor(
    readonly uri: string,
    readonly ns: Namespace,
    readonly role: 'def' | 'ref',
    readonly name: string,
    readonly offset: number,
    readonly length: number,
    readonly part: number,
    readonly style: ScalarStyle,
    /** Packed `key`, `go`, `whole`, `exact`, `unchecked` (see wire.ts). */
    readonly flags: number,
    readonly link: PathLink | undefined,
  ) {}

  get path(): JSONPath {
    return toPath(this.link);
  }
  get key(): boolean {
    return (this.flags & KEY) !== 0;
  }
  get go(): boolean {
    return (this.flags & GO) !== 0;
  }
  get whole(): boolean {
    return (this.flags & WHOLE) !== 0;
  }
  get exact(): boolean {
    return (this.flags & EXACT) !== 0;
  }
  get unchecked(): boolean {
    return (this.flags & UNCHECKED) !== 0;
  }
}

export function extractFile(uri: string, kind: string | undefined, parsed: ParsedDocument): FileFacts {
  const text = typeof parsed?.text === 'string' ? parsed.text : '';
  const facts: FileFacts = {
    uri,
    kind,
    lineStarts: computeLineStarts(text),
    textLength: text.length,
    declaredTenants: [],
    occurrences: [],
    slots: [],
    wildcards: [],
    localization: [],
    templateSets: [],
    mentions: [],
  };
  const rows = (kind && EXTRACTION[kind]) || [];
  const parts = Array.isArray(parsed?.parts) ? parsed.parts : [];
  parts.forEach((part, index) => {
    facts.declaredTenants[index] = undefined;
    try {
      const root = part.root;
      facts.declaredTenants[index] = declaredTenant(root);
      for (const row of rows) extractRow(facts, text, row, root, index);
      if (kind === 'localization') {
        const l = extractLocalization(text, root, index);
        if (l) facts.localization.push(l);
      }
      if (kind === 'alert-templates') extractTemplateSets(facts, text, root, 'templates', index);
      if (kind === 'monitoring') extractTemplateSets(facts, text, root, 'alert_templates', index);
    } catch {
      // A half-typed document must never cost the other parts their names.
    }
  });
  return facts;
}

function declaredTenant(root: ValueNode | undefined): string | undefined {
  if (root?.type !== 'object') return undefined;
  const v = propValue(root, 'tenant_id');
  return v?.type === 'string' && v.value !== '' ? v.value : undefined;
}

function push(
  facts: FileFacts,
  row: ExtractionRow,
  role: 'def' | 'ref',
  part: number,
  name: string,
  at: NameRange,
  link: PathLink | undefined,
  style: ScalarStyle,
  flags: number,
  owner?: string,
): void {
  if (at.exact) flags |= EXACT;
  if (row.check === false && role === 'ref') flags |= UNCHECKED;
  const o = new Occ(facts.uri, row.ns, role, name, at.offset, at.length, part, style, flags, link);
  if (owner !== undefined) o.owner = owner;
  if (row.severity && role === 'ref') o.severity = row.severity;
  facts.occurrences.push(o);
}

function extractRow(
  facts: FileFacts,
  text: string,
  row: ExtractionRow,
  root: ValueNode | undefined,
  part: number,
): void {
  const m = match(root, compile(row.pattern));
  if (row.role === 'wildcard') {
    if (m.values.some((v) => v.node.type === 'string' && v.node.value !== ''))
      facts.wildcards.push({ ns: row.ns, part });
    return;
  }
  if (row.role === 'mention') {
    for (const v of m.values)
      if (v.node.type === 'string')
        for (const name of quotedLiterals(v.node.value)) facts.mentions.push({ ns: row.ns, part, name });
    return;
  }
  if (row.role === 'tmpl') {
    for (const v of m.values)
      if (v.node.type === 'string') extractTemplateString(facts, text, row, v as At<StringNode>, part);
    return;
  }
  const role = row.role;
  for (const k of m.keys) {
    if (k.node.value !== '')
      push(facts, row, role, part, k.node.value, valueRange(text, k.node), k.path, k.node.style, KEY | WHOLE);
  }
  for (const { node, path } of m.values) {
    if (node.type === 'string' && node.value !== '') {
      push(
        facts,
        row,
        role,
        part,
        node.value,
        valueRange(text, node),
        path,
        node.style,
        WHOLE,
        row.edge ? ownerName(node) : undefined,
      );
    } else if (role === 'ref' && (node.type === 'null' || (node.type === 'string' && node.value === ''))) {
      facts.slots.push({ ns: row.ns, part, offset: node.offset, end: node.offset + node.length, path: toPath(path) });
    }
  }
  if (role === 'ref')
    for (const { node, path } of m.arrays)
      facts.slots.push({ ns: row.ns, part, offset: node.offset, end: node.offset + node.length, path: toPath(path) });
}

/** The contents of the quoted string literals of an expression (CEL: `"sre" in subject.roles`), at most 100. */
function quotedLiterals(text: string): string[] {
  const out: string[] = [];
  const re = /(["'])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  for (let m = re.exec(text); m && out.length < 100; m = re.exec(text)) if (m[2] !== '') out.push(m[2]);
  return out;
}

/** The `name` of the role item holding an `inherits` list. */
function ownerName(item: StringNode): string | undefined {
  const list = item.parent;
  const prop = list?.parent;
  const obj = prop?.parent;
  if (list?.type !== 'array' || prop?.type !== 'property' || obj?.type !== 'object') return undefined;
  const name = propValue(obj, 'name');
  return name?.type === 'string' ? name.value : undefined;
}

/** Only strings with a `template`, `define` or `block` action are parsed. */
const TEMPLATE_ACTION = /\{\{-?\s*(?:template|define|block)\b/;

function extractTemplateString(
  facts: FileFacts,
  text: string,
  row: ExtractionRow,
  at: At<StringNode>,
  part: number,
): void {
  const value = at.node.value;
  if (!TEMPLATE_ACTION.test(value)) return;
  const r = parseGoTemplate(value, 'alertmanager');
  if (!r.defines.length && !r.templateRefs.length) return;
  const raw = text.slice(at.node.offset, at.node.offset + at.node.length);
  const map = directMap(raw, at.node.style, value) ?? buildOffsetMap(raw, at.node.style, value);
  const defined = new Set<string>();
  const add = (role: 'def' | 'ref', name: string, from: number, to: number): void => {
    if (role === 'ref' && isDefaultAlertmanagerTemplate(name)) return;
    let range: NameRange = { offset: at.node.offset, length: at.node.length, exact: false };
    if (map.exact) {
      const [a, b] = map.mapRange(from, to);
      range = { offset: at.node.offset + a, length: b - a, exact: raw.slice(a, b) === name };
    }
    if (name === '') {
      if (role === 'ref' && map.exact)
        facts.slots.push({
          ns: row.ns,
          part,
          offset: range.offset,
          end: range.offset + range.length,
          path: toPath(at.path),
        });
      return;
    }
    push(facts, row, role, part, name, range, at.path, at.node.style, GO);
  };
  for (const d of r.defines) {
    defined.add(`${d.from}:${d.to}`);
    add('def', d.name, d.from, d.to);
  }
  // `{{ block "x" }}` is both a definition and a call of itself: keep the definition only.
  for (const ref of r.templateRefs) if (!defined.has(`${ref.from}:${ref.to}`)) add('ref', ref.name, ref.from, ref.to);
}

/** The common case: the raw scalar is the value itself, possibly inside quotes (no escapes, one line). */
function directMap(
  raw: string,
  style: ScalarStyle,
  value: string,
): { exact: boolean; mapRange(from: number, to: number): [number, number] } | undefined {
  const shift =
    raw === value
      ? 0
      : (style === 'single' || style === 'double' || style === 'json') &&
          raw.length === value.length + 2 &&
          raw.slice(1, -1) === value
        ? 1
        : -1;
  if (shift < 0) return undefined;
  return { exact: true, mapRange: (from, to) => [from + shift, to + shift] };
}

function extractTemplateSets(
  facts: FileFacts,
  text: string,
  root: ValueNode | undefined,
  section: 'templates' | 'alert_templates',
  part: number,
): void {
  const map = root?.type === 'object' ? propValue(root, section) : undefined;
  if (map?.type !== 'object') return;
  for (const p of map.properties) {
    if (p.keyNode.value === '' || p.keyNode.value === '<<') continue;
    const locales =
      p.valueNode?.type === 'object' ? p.valueNode.properties.map((l) => l.keyNode.value).filter((l) => l !== '') : [];
    const at = valueRange(text, p.keyNode);
    facts.templateSets.push({ part, section, name: p.keyNode.value, offset: at.offset, length: at.length, locales });
  }
}

function extractLocalization(text: string, root: ValueNode | undefined, part: number): LocalizationFact | undefined {
  if (root?.type !== 'object') return undefined;
  const fact: LocalizationFact = { part, blocks: [], fallback: new Map() };
  const def = propValue(root, 'default_locale');
  if (def?.type === 'string') fact.defaultLocale = def.value;
  const fallback = propValue(root, 'fallback');
  if (fallback?.type === 'object') {
    for (const p of fallback.properties) {
      const v = p.valueNode;
      const list =
        v?.type === 'string'
          ? [v.value]
          : v?.type === 'array'
            ? v.items.flatMap((i) => (i.type === 'string' ? [i.value] : []))
            : [];
      fact.fallback.set(p.keyNode.value, list);
    }
  }
  const locales = propValue(root, 'locales');
  if (locales?.type === 'object')
    for (const p of locales.properties) fact.blocks.push(localeBlock(text, p.keyNode, p.valueNode));
  return fact;
}

function localeBlock(text: string, key: StringNode, value: ValueNode | undefined): LocaleBlockFact {
  const keyAt = valueRange(text, key);
  const block: LocaleBlockFact = {
    locale: key.value,
    keyOffset: keyAt.offset,
    keyLength: keyAt.length,
    messages: new Map(),
  };
  if (value?.type !== 'object') return block;
  let messagesProp: (typeof value.properties)[number] | undefined;
  for (const p of value.properties) if (p.keyNode.value === 'messages') messagesProp = p;
  if (!messagesProp) return block;
  const messagesAt = valueRange(text, messagesProp.keyNode);
  block.messagesKey = { offset: messagesAt.offset, length: messagesAt.length };
  const messages = messagesProp.valueNode;
  if (messages?.type !== 'object') return block;
  for (const m of messages.properties) {
    const v = m.valueNode ?? m.keyNode;
    const k = m.keyNode.value;
    if (k === '' || block.messages.has(k)) continue;
    block.messages.set(k, {
      key: k,
      valueOffset: v.offset,
      valueLength: v.length,
      text: v !== m.keyNode && v.type === 'string' ? v.value : undefined,
    });
  }
  return block;
}
