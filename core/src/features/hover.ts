import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ASTNode, JSONPath } from '../document/ast';
import { findNodeAtOffset, getNodePath } from '../document/ast';
import type { FeatureContext } from './context';
import { partAtOffset, schemaOf, valueOf } from './context';
import { schemasAtPath, type SchemaObject } from '../schema/walker';
import { schemaType } from '../dialect/intent';
import { formatPath } from '../util/strings';

const code = (v: unknown): string => '`' + (typeof v === 'string' ? v : JSON.stringify(v)).replace(/`/g, "'") + '`';

function pick<T>(schemas: SchemaObject[], key: string, guard: (v: unknown) => v is T): T | undefined {
  for (const s of schemas) if (guard(s[key])) return s[key] as T;
  return undefined;
}
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';

/** Constraints in words: ranges, lengths, counts, formats, patterns. */
export function constraintsInWords(schemas: SchemaObject[]): string[] {
  const out: string[] = [];
  const min = pick(schemas, 'minimum', isNum);
  const max = pick(schemas, 'maximum', isNum);
  const xmin = pick(schemas, 'exclusiveMinimum', isNum);
  const xmax = pick(schemas, 'exclusiveMaximum', isNum);
  if (min !== undefined && max !== undefined) out.push(`from ${min} to ${max}`);
  else if (min !== undefined) out.push(`at least ${min}`);
  else if (max !== undefined) out.push(`at most ${max}`);
  if (xmin !== undefined) out.push(`greater than ${xmin}`);
  if (xmax !== undefined) out.push(`less than ${xmax}`);
  const minL = pick(schemas, 'minLength', isNum);
  const maxL = pick(schemas, 'maxLength', isNum);
  if (minL !== undefined && maxL !== undefined) out.push(`${minL} to ${maxL} characters`);
  else if (minL !== undefined && minL > 0) out.push(`at least ${minL} character${minL === 1 ? '' : 's'}`);
  else if (maxL !== undefined) out.push(`at most ${maxL} characters`);
  const minI = pick(schemas, 'minItems', isNum);
  const maxI = pick(schemas, 'maxItems', isNum);
  if (minI !== undefined && minI > 0) out.push(`at least ${minI} item${minI === 1 ? '' : 's'}`);
  if (maxI !== undefined) out.push(`at most ${maxI} items`);
  if (schemas.some((s) => s.uniqueItems === true)) out.push('items unique');
  const format = pick(schemas, 'format', isStr);
  if (format) out.push(`format: ${format}`);
  const pattern = pick(schemas, 'pattern', isStr);
  const hint = pick(schemas, 'patternErrorMessage', isStr);
  if (hint) out.push(hint.replace(/\.$/, ''));
  else if (pattern) out.push(`matches ${code(pattern)}`);
  return out;
}

/** Hover on a key or value: what it is, what it accepts, its default, examples and deprecation. */
export function doHover(ctx: FeatureContext, doc: TextDocument, position: Position): Hover | null {
  const schema = schemaOf(ctx, doc);
  if (!schema) return null;
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const { part } = partAtOffset(text, ctx.format(doc), offset, undefined, ctx.chunks(doc));
  if (!part?.root) return null;
  const node: ASTNode | undefined =
    findNodeAtOffset(part.root, offset, false) ?? findNodeAtOffset(part.root, offset, true);
  if (!node) return null;
  let path: JSONPath;
  let target: ASTNode = node;
  if (node.type === 'string' && node.parent?.type === 'property' && node.parent.keyNode === node) {
    const prop = node.parent;
    path = prop.parent ? [...getNodePath(prop.parent), prop.keyNode.value] : [prop.keyNode.value];
  } else if (node.type === 'property') {
    path = node.parent ? [...getNodePath(node.parent), node.keyNode.value] : [node.keyNode.value];
    target = node.keyNode;
  } else if (node.type === 'object' || node.type === 'array') {
    return null;
  } else path = getNodePath(node);
  const schemas = schemasAtPath(schema.schema, path, valueOf(part), ctx.graph());
  if (schemas.length === 0) return null;
  const lines: string[] = [];
  const key = path.length ? String(path[path.length - 1]) : formatPath(path);
  const title = pick(schemas, 'title', isStr);
  const type = schemaType(schemas);
  lines.push(`**${title ?? key}**${type ? ` · ${type}` : ''}`);
  if (title && title !== key) lines.push(`\`${formatPath(path)}\``);
  const description = pick(schemas, 'markdownDescription', isStr) ?? pick(schemas, 'description', isStr);
  if (description) lines.push(description);
  const deprecated = pick(schemas, 'deprecationMessage', isStr);
  if (deprecated) lines.push(`**Deprecated:** ${deprecated}`);
  for (const s of schemas) {
    if (!Array.isArray(s.enum)) continue;
    const docs = (
      Array.isArray(s.markdownEnumDescriptions)
        ? s.markdownEnumDescriptions
        : Array.isArray(s.enumDescriptions)
          ? s.enumDescriptions
          : []
    ) as unknown[];
    lines.push(
      'Allowed values:\n' +
        s.enum.map((v, i) => `- ${code(v)}${typeof docs[i] === 'string' ? ` — ${docs[i] as string}` : ''}`).join('\n'),
    );
    break;
  }
  const constant = schemas.find((s) => 'const' in s);
  if (constant) lines.push(`Must be ${code(constant.const)}.`);
  const constraints = constraintsInWords(schemas);
  if (constraints.length) lines.push(`Constraints: ${constraints.join('; ')}.`);
  const def = schemas.find((s) => s.default !== undefined)?.default;
  if (def !== undefined) lines.push(`Default: ${code(def)}`);
  const examples = schemas.find((s) => Array.isArray(s.examples))?.examples as unknown[] | undefined;
  if (examples && examples.length) lines.push(`Examples: ${examples.slice(0, 5).map(code).join(', ')}`);
  lines.push(`_Schema: ${schema.title}_`);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') },
    range: { start: doc.positionAt(target.offset), end: doc.positionAt(target.offset + target.length) },
  };
}
