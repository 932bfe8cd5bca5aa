import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { partAtOffset, schemaOf, valueOf } from '../context';
import { schemasAtPath, expand, deref, type SchemaObject } from '../../schema/walker';
import type { SchemaGraph } from '../../schema/resolve';
import { intentForSchema, fromJson, schemaType, type ValueIntent } from '../../dialect/intent';
import { SnippetWriter, type Dialect } from '../../dialect/dialect';
import { yamlDialect } from '../../dialect/yaml';
import { jsonDialect } from '../../dialect/json';
import { yamlSite } from './yamlSite';
import { jsonSite } from './jsonSite';
import { lineEndOf, lineStartOf } from '../../document/lineBreaks';
import type { CompletionSite } from './types';

const UNIT = '  ';

/** Completion at a position: keys, values, list items and whole-document templates. */
export function doComplete(ctx: FeatureContext, doc: TextDocument, position: Position): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const schema = schemaOf(ctx, doc);
  if (!schema) return empty;
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const format = ctx.format(doc);
  let site: CompletionSite | undefined;
  let value: unknown;
  if (format === 'yaml') {
    const lineStart = lineStartOf(text, offset);
    const lineEnd = lineEndOf(text, offset);
    const { part } = partAtOffset(
      text,
      format,
      offset,
      { offset: lineStart, length: lineEnd - lineStart, text: ' '.repeat(lineEnd - lineStart) },
      ctx.chunks(doc),
    );
    site = yamlSite(text, offset, part);
    value = valueOf(part);
  } else {
    const { part } = partAtOffset(text, format, offset, undefined, ctx.chunks(doc));
    site = jsonSite(text, offset, part);
    value = valueOf(part);
  }
  if (!site) return empty;
  const graph = ctx.graph();
  const dialect = format === 'yaml' ? yamlDialect : jsonDialect;
  const toRange = (r: { offset: number; length: number }) => ({
    start: doc.positionAt(r.offset),
    end: doc.positionAt(r.offset + r.length),
  });
  const items: CompletionItem[] = [];
  const schemas = schemasAtPath(schema.schema, site.path, value, graph);
  if (site.emptyDocument)
    items.push(...documentTemplates(schema.schema, schema.title, graph, dialect, toRange(site.replace)));
  if (site.kind === 'key') items.push(...keyItems(schemas, site, graph, dialect, toRange(site.replace)));
  else if (site.kind === 'item') {
    const type = schemaType(schemas);
    if (type === 'object') items.push(...keyItems(schemas, site, graph, dialect, toRange(site.replace)));
    else items.push(...valueItems(schemas, site, dialect, toRange(site.replace)));
    items.push(...snippetItems(schemas, site, dialect, toRange(site.replace)));
  } else {
    items.push(...valueItems(schemas, site, dialect, toRange(site.replace)));
    items.push(...snippetItems(schemas, site, dialect, toRange(site.replace)));
  }
  for (const item of items) item.insertTextMode = InsertTextMode.asIs;
  return { isIncomplete: false, items };
}

type Range = ReturnType<TextDocument['positionAt']> extends infer P ? { start: P; end: P } : never;

function docOf(s: SchemaObject): string | undefined {
  const md =
    typeof s.markdownDescription === 'string'
      ? s.markdownDescription
      : typeof s.description === 'string'
        ? s.description
        : undefined;
  return md;
}

function keyItems(
  schemas: SchemaObject[],
  site: CompletionSite,
  graph: SchemaGraph,
  dialect: Dialect,
  range: Range,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const required = new Set<string>();
  for (const s of schemas) for (const r of (Array.isArray(s.required) ? s.required : []) as string[]) required.add(r);
  let order = 0;
  const add = (key: string, sub: unknown): void => {
    if (seen.has(key) || site.existing.has(key)) return;
    seen.add(key);
    const resolved = expand(sub, undefined, graph);
    const main = resolved[0] ?? {};
    if (
      resolved.some((r) => r.doNotSuggest === true || typeof r.deprecationMessage === 'string' || r.deprecated === true)
    )
      return;
    const intent = intentForSchema(sub, graph, 1);
    const w = new SnippetWriter(true);
    let newText = dialect.property(key, intent, site.indent, UNIT, w);
    if (dialect.name === 'json' && site.needsComma) newText += ',';
    const title = resolved.map((r) => r.title).find((t): t is string => typeof t === 'string');
    const type = schemaType(resolved);
    const documentation = docOf(main) ?? resolved.map(docOf).find((d) => d);
    out.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: [required.has(key) ? 'required' : undefined, type, title].filter(Boolean).join(' · ') || undefined,
      documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
      sortText: `${required.has(key) ? '0' : '1'}${String(order++).padStart(4, '0')}`,
      filterText: dialect.name === 'json' && site.quoted ? `"${key}"` : key,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText },
    });
  };
  for (const s of schemas) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    for (const [key, sub] of Object.entries(props)) add(key, sub);
  }
  // Keys named by `propertyNames` (an enum of allowed names), valued by `additionalProperties`.
  for (const s of schemas) {
    const names = deref(s.propertyNames, graph);
    if (!names) continue;
    const allowed = Array.isArray(names.enum) ? names.enum : [];
    const valueSchema =
      s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
    for (const n of allowed) if (typeof n === 'string') add(n, valueSchema);
  }
  return out;
}

function valueItems(schemas: SchemaObject[], site: CompletionSite, dialect: Dialect, range: Range): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (
    v: unknown,
    kind: CompletionItemKind,
    documentation: string | undefined,
    sort: string,
    detail?: string,
  ): void => {
    if (v !== null && typeof v === 'object') return;
    const id = JSON.stringify(v);
    if (seen.has(id)) return;
    seen.add(id);
    let newText = dialect.scalar(v as string | number | boolean | null);
    if (dialect.name === 'json' && site.needsComma) newText += ',';
    const label = typeof v === 'string' ? v : String(v);
    out.push({
      label,
      kind,
      detail,
      documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
      sortText: sort + label,
      filterText: dialect.name === 'json' && site.quoted ? JSON.stringify(label) : label,
      textEdit: { range, newText },
    });
  };
  for (const s of schemas) {
    if (Array.isArray(s.enum)) {
      const docs = (
        Array.isArray(s.markdownEnumDescriptions)
          ? s.markdownEnumDescriptions
          : Array.isArray(s.enumDescriptions)
            ? s.enumDescriptions
            : []
      ) as unknown[];
      s.enum.forEach((v, i) =>
        add(v, CompletionItemKind.EnumMember, typeof docs[i] === 'string' ? (docs[i] as string) : undefined, '0'),
      );
    }
    if ('const' in s) add(s.const, CompletionItemKind.Constant, docOf(s), '0');
  }
  const type = schemaType(schemas);
  // A union offers booleans when boolean is its main type: a Go string field also accepts `true`
  // (read as the text "true"), but its values are strings.
  const mainType = (t: unknown): unknown => (Array.isArray(t) ? t.find((x) => x !== 'null') : t);
  if (type === 'boolean' || schemas.some((s) => mainType(s.type) === 'boolean')) {
    add(true, CompletionItemKind.Value, undefined, '1');
    add(false, CompletionItemKind.Value, undefined, '1');
  }
  for (const s of schemas)
    if (s.default !== undefined) add(s.default, CompletionItemKind.Value, undefined, '2', 'default');
  for (const s of schemas)
    if (Array.isArray(s.examples))
      for (const e of s.examples) add(e, CompletionItemKind.Value, undefined, '3', 'example');
  return out;
}

function snippetItems(schemas: SchemaObject[], site: CompletionSite, dialect: Dialect, range: Range): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of schemas) {
    const snippets = Array.isArray(s.defaultSnippets) ? (s.defaultSnippets as Array<Record<string, unknown>>) : [];
    for (const sn of snippets) {
      if (sn.body === undefined) continue;
      const w = new SnippetWriter(true);
      let newText = renderSnippetBody(fromJson(sn.body), dialect, site.indent, w);
      if (dialect.name === 'json' && site.needsComma) newText += ',';
      out.push({
        label: typeof sn.label === 'string' ? sn.label : 'snippet',
        kind: CompletionItemKind.Snippet,
        documentation:
          typeof sn.markdownDescription === 'string'
            ? { kind: MarkupKind.Markdown, value: sn.markdownDescription }
            : typeof sn.description === 'string'
              ? sn.description
              : undefined,
        sortText: '5',
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText },
      });
    }
  }
  return out;
}

/** `defaultSnippets` bodies hold snippet syntax in their strings (`"${1:name}"`): keep it raw. */
function renderSnippetBody(intent: ValueIntent, dialect: Dialect, indent: string, w: SnippetWriter): string {
  const raw = '\u0000RAW\u0000';
  const mark = (i: ValueIntent): ValueIntent => {
    if (i.kind === 'scalar' && typeof i.value === 'string' && /\$\{?\d/.test(i.value))
      return { kind: 'scalar', value: raw + i.value };
    if (i.kind === 'object')
      return { kind: 'object', entries: i.entries.map((e) => ({ key: e.key, value: mark(e.value) })) };
    if (i.kind === 'array') return { kind: 'array', items: i.items.map(mark) };
    return i;
  };
  const plain = new SnippetWriter(false);
  void w;
  const text = dialect.value(mark(intent), indent, UNIT, plain);
  // Literal `$` outside snippet markers must be escaped; raw markers are unwrapped as written.
  return text.replace(/"?\u0000RAW\u0000((?:[^"\n\\]|\\.)*)"?/g, (_m, body: string) => body);
}

function documentTemplates(
  root: unknown,
  title: string,
  graph: SchemaGraph,
  dialect: Dialect,
  range: Range,
): CompletionItem[] {
  const intent = intentForSchema(root, graph, 0);
  if (intent.kind !== 'object' || intent.entries.length === 0) return [];
  const w = new SnippetWriter(true);
  const body = dialect.value(intent, '', UNIT, w);
  return [
    {
      label: `New ${title}`,
      kind: CompletionItemKind.Snippet,
      detail: 'whole document with the required keys',
      sortText: '00',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: dialect.name === 'yaml' ? body + '\n' : body },
    },
  ];
}
