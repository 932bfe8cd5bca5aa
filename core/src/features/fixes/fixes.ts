import type { Diagnostic } from 'vscode-languageserver-types';
import type { ASTNode, JSONPath, ObjectNode, PropertyNode, ValueNode } from '../../document/ast';
import { findNodeAtPath, deref, findProperty } from '../../document/ast';
import type { DocumentPart } from '../../document/document';
import type { Dialect } from '../../dialect/dialect';
import { expand, propertySchemas, schemasAtPath, type SchemaObject } from '../../schema/walker';
import type { SchemaGraph } from '../../schema/resolve';
import type { ValueIntent } from '../../dialect/intent';
import { concreteIntent, forced } from './values';
import { insertProperties, removeProperty, renameKey, replaceValue, type OffsetEdit } from './edits';
import { descriptorFixes } from './descriptors';
import { migrationFixes } from './migrate';
import { duplicateKeyFixes, unicodeBreakFixes } from './readerFixes';
import { phrase } from '../../messages';
import { indentEdits } from '../../validation/indent';

/** One way to fix one diagnostic: a title, the edits, and whether fix-all may apply it unattended. */
export interface Fix {
  title: string;
  edits: OffsetEdit[];
  preferred?: boolean;
  /** Deterministic and meaning-preserving: applied by `source.fixAll`. */
  safe?: boolean;
  /** The paths whose subtrees this fix writes (problems strictly inside are revealed, not caused). */
  writes?: JSONPath[];
  /** Where a path of the document before the fix is after it (null: removed), for fixes that remove nodes. */
  remap?: (path: JSONPath) => JSONPath | null;
  /**
   * The edit brings up text other readers already see (a line break they read where this reader
   * read none): problems in it are revealed, not caused. Syntax errors still count.
   */
  reveals?: boolean;
  /**
   * Characters of the document computing this fix read beyond the target's part (a migration
   * reads the whole file): counted in verification's budget, as a candidate's re-validation is.
   */
  read?: number;
}

export interface FixInput {
  diagnostic: Diagnostic;
  data: Record<string, unknown>;
  offset: number;
  part: DocumentPart;
  text: string;
  dialect: Dialect;
  schema: object;
  graph: SchemaGraph;
  rootValue: unknown;
  /** The kind of the document (catalog id), when a bundled schema applies. */
  kind?: string;
}

function propertyAt(root: ASTNode | undefined, path: JSONPath): PropertyNode | undefined {
  const { node, depth } = findNodeAtPath(root, path);
  if (depth !== path.length || !node) return undefined;
  if (node.type === 'property') return node;
  return node.parent?.type === 'property' ? node.parent : undefined;
}

function valueAt(root: ASTNode | undefined, path: JSONPath): ValueNode | undefined {
  const { node, depth } = findNodeAtPath(root, path);
  if (depth !== path.length || !node || node.type === 'property') return undefined;
  return node;
}

const asPath = (v: unknown): JSONPath => (Array.isArray(v) ? (v as JSONPath) : []);
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Candidate fixes for one diagnostic, from its code and data only: the fixes of its code, then those its data describes. */
export function fixesFor(input: FixInput): Fix[] {
  let own: Fix[];
  try {
    own = migrationFixes(input) ?? codeFixes(input);
  } catch {
    own = [];
  }
  return [...own, ...descriptorFixes(input)];
}

function codeFixes(input: FixInput): Fix[] {
  const { data, part, text, dialect } = input;
  const root = part.root;
  const code = String(input.diagnostic.code);
  const path = asPath(data.path);
  switch (code) {
    case 'yaml.misindented-key': {
      const delta = typeof data.indent === 'number' ? data.indent : 0;
      const edits = indentEdits(text, input.offset, delta);
      const args = { key: String(path[path.length - 1] ?? ''), spaces: Math.abs(delta) };
      return edits.length ? [{ title: phrase(delta > 0 ? 'fix.indent-key' : 'fix.outdent-key', args), edits }] : [];
    }
    case 'schema.required': {
      const missing = (Array.isArray(data.missing) ? data.missing : []).map(String);
      return missing.length ? requiredFix(input, path, missing) : [];
    }
    case 'schema.additional-property':
    case 'schema.property-name': {
      const prop = propertyAt(root, path);
      if (!prop) return [];
      const suggestions = (Array.isArray(data.suggestions) ? data.suggestions : []).map(String).slice(0, 3);
      // The closest allowed key is a guess (`timeout_ms` is not `timeout_s`): offered, never applied by fix-all.
      const fixes: Fix[] = suggestions.map((s, i) => ({
        title: phrase('fix.rename-key', { key: prop.keyNode.value, suggestion: s }),
        edits: [renameKey(prop, dialect, s)],
        preferred: i === 0,
        safe: false,
        writes: [[...path.slice(0, -1), s]],
      }));
      const removal = removeProperty(text, prop);
      if (removal)
        fixes.push({
          title: phrase('fix.remove-key', { key: prop.keyNode.value }),
          edits: [removal],
          writes: [path.slice(0, -1)],
        });
      return fixes;
    }
    case 'schema.enum':
    case 'schema.const': {
      const node = valueAt(root, path);
      if (!node) return [];
      const allowed = Array.isArray(data.allowed) ? data.allowed : [];
      const suggestions =
        Array.isArray(data.suggestions) && data.suggestions.length ? data.suggestions : allowed.slice(0, 5);
      return suggestions.map((s, i) => {
        const value = allowed.find((a) => String(a) === String(s)) ?? s;
        return {
          title: phrase('fix.change-to', { value: show(value) }),
          edits: [
            replaceValue(node, dialect, { kind: 'scalar', value: value as string | number | boolean | null }, text),
          ],
          preferred: i === 0,
          // The one value a `const` allows is forced; the closest allowed value is a guess.
          safe: i === 0 && code === 'schema.const',
          writes: [path],
        };
      });
    }
    case 'schema.type':
      return typeFixes(input, path);
    case 'yaml.ambiguous-scalar': {
      const node = valueAt(root, path);
      if (!node || node.type === 'object' || node.type === 'array') return [];
      const source = text.slice(node.offset, node.offset + node.length);
      if (data.expected === 'boolean' && typeof data.replacement === 'string') {
        return [
          {
            title: phrase('fix.write', { value: data.replacement }),
            edits: [{ offset: node.offset, length: node.length, text: data.replacement }],
            preferred: true,
            safe: true,
            writes: [path],
          },
        ];
      }
      return [
        {
          title: phrase('fix.quote', { value: source }),
          edits: [{ offset: node.offset, length: node.length, text: JSON.stringify(source) }],
          preferred: true,
          safe: true,
          writes: [path],
        },
      ];
    }
    case 'schema.deprecated': {
      const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
      const prop = propertyAt(root, path);
      if (!replacement || !prop) return [];
      const parent = prop.parent;
      if (parent?.type === 'object' && findProperty(parent, replacement)) return [];
      return [
        {
          title: phrase('fix.replace-key', { key: prop.keyNode.value, replacement }),
          edits: [renameKey(prop, dialect, replacement)],
          preferred: true,
          safe: true,
          writes: [[...path.slice(0, -1), replacement]],
        },
      ];
    }
    case 'document.duplicate-key':
      return duplicateKeyFixes(input);
    case 'yaml.unicode-line-break':
      return unicodeBreakFixes(input);
    case 'schema.unique-items': {
      // The repeat goes (ajv found it equal to the earlier item, so nothing is lost).
      const list = valueAt(root, path);
      const j = Number(data.duplicateIndex);
      const item = list?.type === 'array' && Number.isInteger(j) ? list.items[j] : undefined;
      if (!item) return [];
      const shown = text
        .slice(item.offset, item.offset + item.length)
        .trim()
        .replace(/\s+/g, ' ');
      const key = [...path].reverse().find((s) => typeof s === 'string') ?? '';
      return descriptorFixes({
        ...input,
        data: {
          fixes: [
            {
              kind: 'remove',
              path: [...path, j],
              title: 'fix.remove-item',
              args: { value: shown.length > 40 ? shown.slice(0, 39) + '…' : shown, key },
              safe: true,
            },
          ],
        },
      });
    }
    case 'schema.false': {
      const prop = propertyAt(root, path);
      return prop
        ? descriptorFixes({
            ...input,
            data: { fixes: [{ kind: 'remove', path, title: 'fix.remove-key', args: { key: prop.keyNode.value } }] },
          })
        : [];
    }
    case 'secret.literal': {
      // Move the secret out of the file: `${NAME}` (double-quoted, valid YAML and JSON); not safe for fix-all, the variable must exist.
      const node = valueAt(root, path);
      const name = typeof data.envVar === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(data.envVar) ? data.envVar : undefined;
      if (!node || !name || (node.type !== 'string' && node.type !== 'number')) return [];
      let end = node.offset + node.length;
      while (end > node.offset && /\s/.test(text[end - 1])) end--; // a block scalar's range ends after its line break
      return [
        {
          title: phrase('fix.secret-env', { ref: '${' + name + '}' }),
          edits: [{ offset: node.offset, length: end - node.offset, text: JSON.stringify('${' + name + '}') }],
          preferred: true,
          safe: false,
          writes: [path],
        },
      ];
    }
    default:
      return [];
  }
}

function requiredFix(input: FixInput, path: JSONPath, missing: string[]): Fix[] {
  const { part, text, dialect, graph, schema, rootValue } = input;
  const { node, depth } = findNodeAtPath(part.root, path);
  if (depth !== path.length) return [];
  const target = deref(node);
  const schemas: SchemaObject[] = schemasAtPath(schema, path, rootValue, graph);
  // A deprecated key that is still there says what the missing key should be: its own fix carries the value over.
  if (target?.type === 'object' && missing.some((m) => replacedBy(target, schemas, graph).has(m))) return [];
  const entries = missing.map((key) => {
    const subs = propertySchemas(schemas, key, graph);
    return {
      key,
      value: subs.length ? concreteIntent(subs[0], graph) : ({ kind: 'scalar', value: '' } as ValueIntent),
      forced: subs.length > 0 && forced(subs[0], graph),
    };
  });
  let edit: OffsetEdit | undefined;
  if (target && target.type === 'object') edit = insertProperties(text, dialect, { object: target }, entries);
  else if (node && node.parent?.type === 'property' && (target?.type === 'null' || !target))
    edit = insertProperties(text, dialect, { emptyValueOf: node.parent }, entries);
  if (!edit) return [];
  const names = missing.map((m) => `\`${m}\``).join(', ');
  return [
    {
      title: phrase(missing.length === 1 ? 'fix.add-missing-key' : 'fix.add-missing-keys', { keys: names }),
      edits: [edit],
      preferred: true,
      // Only values the schema forces (a `const`, a one-value enum) are safe; a default or example is a guess.
      safe: entries.every((e) => e.forced),
      writes: missing.map((m) => [...path, m]),
    },
  ];
}

/** The keys that deprecated keys present in a mapping are replaced by (`x-replacement`). */
function replacedBy(obj: ObjectNode, schemas: SchemaObject[], graph: SchemaGraph): Set<string> {
  const out = new Set<string>();
  for (const p of obj.properties)
    for (const s of expand(propertySchemas(schemas, p.keyNode.value, graph)[0], undefined, graph)) {
      const r = s['x-replacement'];
      if (typeof s.deprecationMessage === 'string' && typeof r === 'string') out.add(r);
    }
  return out;
}

function typeFixes(input: FixInput, path: JSONPath): Fix[] {
  const { part, text, dialect, data } = input;
  const node = valueAt(part.root, path);
  if (!node) return [];
  const expected = (Array.isArray(data.expected) ? data.expected : []).map(String);
  const fixes: Fix[] = [];
  const replace = (title: string, value: ValueIntent, safe: boolean): void => {
    fixes.push({
      title,
      edits: [replaceValue(node, dialect, value, text)],
      preferred: fixes.length === 0,
      safe,
      writes: [path],
    });
  };
  if (node.type === 'string') {
    const s = node.value.trim();
    if (
      (expected.includes('integer') && /^[-+]?\d+$/.test(s)) ||
      (expected.includes('number') && s !== '' && Number.isFinite(Number(s)))
    ) {
      replace(phrase('fix.to-number', { value: Number(s) }), { kind: 'scalar', value: Number(s) }, true);
    }
    if (expected.includes('boolean') && /^(true|false)$/i.test(s))
      replace(
        phrase('fix.to-boolean', { value: s.toLowerCase() }),
        { kind: 'scalar', value: s.toLowerCase() === 'true' },
        true,
      );
  }
  if ((node.type === 'number' || node.type === 'boolean') && expected.includes('string')) {
    const source = text.slice(node.offset, node.offset + node.length);
    replace(phrase('fix.to-string', { value: source }), { kind: 'scalar', value: source }, true);
  }
  if (node.type === 'null' && expected.includes('object') && node.parent?.type === 'property') {
    const schemas = schemasAtPath(input.schema, path, input.rootValue, input.graph);
    const intent = concreteIntent(schemas[0] ?? {}, input.graph);
    if (intent.kind === 'object' && intent.entries.length) {
      const edit = insertProperties(text, dialect, { emptyValueOf: node.parent }, intent.entries);
      if (edit)
        fixes.push({
          title: phrase('fix.add-required-keys', { key: String(path[path.length - 1]) }),
          edits: [edit],
          preferred: fixes.length === 0,
          safe: false,
          writes: [path],
        });
    }
  }
  if ((node.type === 'string' || node.type === 'number' || node.type === 'boolean') && expected.includes('array')) {
    const source = text.slice(node.offset, node.offset + node.length);
    fixes.push({
      title: phrase('fix.wrap-list'),
      edits: [{ offset: node.offset, length: node.length, text: `[${source}]` }],
      preferred: fixes.length === 0,
      safe: true,
      writes: [path],
    });
  }
  return fixes;
}
