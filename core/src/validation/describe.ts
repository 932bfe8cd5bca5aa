import type { ErrorObject } from 'ajv';
import type { ASTNode, ValueNode, Yaml11Scalar, JSONPath } from '../document/ast';
import { findNodeAtPath, deref, findProperty } from '../document/ast';
import type { Problem } from '../problem';
import { keyName, listOf, phrase, say, whereName, type PhraseId, type ProblemMessageId } from '../messages';
import { closest, showValue, jsonType } from '../util/strings';
import { parsePointer, typedPath, rangeForValue, firstLine } from './paths';
import type { Code } from '../codes';

type Params = Record<string, unknown>;

const TYPE_IDS: Record<string, PhraseId> = {
  string: 'type.string',
  number: 'type.number',
  integer: 'type.integer',
  boolean: 'type.boolean',
  object: 'type.object',
  array: 'type.array',
  null: 'type.null',
};

function typeWord(type: string): string {
  const id = TYPE_IDS[type];
  return id ? phrase(id) : type;
}

function typeWords(types: string | string[]): string {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map(typeWord);
  return list.length <= 1 ? list.join('') : phrase('or', { a: list.slice(0, -1).join(', '), b: list[list.length - 1] });
}

/** Turn one (shaped) ajv error into a problem on the exact node, with a specific message. */
export function describeError(
  err: ErrorObject,
  root: ValueNode,
  text: string,
  yaml11: Map<ASTNode, Yaml11Scalar>,
): Problem | undefined {
  const segs = parsePointer(err.instancePath);
  const path = typedPath(root, segs);
  const { node: found, depth } = findNodeAtPath(root, path);
  const node = found ?? root;
  const exact = depth === path.length;
  const params = (err.params ?? {}) as Params;
  const parentSchema = (err.parentSchema ?? {}) as Record<string, unknown>;
  const key = keyName(path);
  const value = err.data;
  const base = { path, keyword: err.keyword, schemaPath: err.schemaPath };
  const custom = typeof parentSchema.errorMessage === 'string' ? parentSchema.errorMessage : undefined;
  const mk = (
    code: Code,
    id: ProblemMessageId,
    args: Record<string, string | number>,
    range: { offset: number; length: number },
    data: Record<string, unknown> = {},
  ): Problem => {
    const at = (data.path as JSONPath | undefined) ?? path;
    return {
      code,
      ...range,
      message:
        custom && code.startsWith('schema.') ? say('schema.custom', path, { detail: custom }) : say(id, at, args),
      data: { ...base, ...data },
    };
  };
  const valueRange = exact ? rangeForValue(node, text) : rangeForValue(node, text);

  switch (err.keyword) {
    case 'required':
    case 'dependencies':
    case 'dependentRequired': {
      const missing = String(params.missingProperty ?? '');
      const range = rangeForContainer(node, text);
      const defaults = childSchema(parentSchema, missing);
      if (err.keyword === 'required') {
        return mk('schema.required', 'schema.required', { where: whereName(path), key: missing }, range, {
          missing: [missing],
          defaultValue: defaults?.default,
        });
      }
      return mk(
        'schema.dependency',
        'schema.dependency',
        { where: whereName(path), key: missing, property: String(params.property ?? '') },
        range,
        { missing: [missing] },
      );
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(params.additionalProperty ?? params.unevaluatedProperty ?? '');
      const obj = deref(node);
      const prop = obj && obj.type === 'object' ? findProperty(obj, extra) : undefined;
      const range = prop ? { offset: prop.keyNode.offset, length: prop.keyNode.length } : rangeForContainer(node, text);
      const present =
        obj && obj.type === 'object' ? new Set(obj.properties.map((p) => p.keyNode.value)) : new Set<string>();
      const declared =
        parentSchema.properties && typeof parentSchema.properties === 'object'
          ? Object.keys(parentSchema.properties as object)
          : [];
      // Every key the mapping may have is listed (the ones already written too); a misspelling is
      // only matched against the keys not yet written, which it may have meant.
      const allowed = declared.filter((k) => !isHidden(parentSchema, k));
      const suggestions = closest(
        extra,
        allowed.filter((k) => !present.has(k)),
      );
      const where = whereName(path);
      const propPath: JSONPath = [...path, extra];
      const patterns =
        parentSchema.patternProperties && typeof parentSchema.patternProperties === 'object'
          ? Object.keys(parentSchema.patternProperties as object)
          : [];
      if (declared.length === 0 && patterns.length)
        return mk(
          'schema.additional-property',
          'schema.additional-property.pattern',
          { key: extra, where, pattern: patterns.join('` or `') },
          range,
          { path: propPath, property: extra, allowed: [], suggestions: [], patterns },
        );
      if (declared.length === 0)
        return mk('schema.additional-property', 'schema.additional-property.none', { key: extra, where }, range, {
          path: propPath,
          property: extra,
          allowed: [],
          suggestions: [],
        });
      if (allowed.length === 0)
        return mk('schema.additional-property', 'schema.additional-property.no-more', { key: extra, where }, range, {
          path: propPath,
          property: extra,
          allowed,
          suggestions,
        });
      if (suggestions.length)
        return mk(
          'schema.additional-property',
          'schema.additional-property.suggest',
          { key: extra, where, suggestion: suggestions[0] },
          range,
          { path: propPath, property: extra, allowed, suggestions },
        );
      return mk(
        'schema.additional-property',
        'schema.additional-property',
        { key: extra, where, allowed: listOf(allowed) },
        range,
        { path: propPath, property: extra, allowed, suggestions },
      );
    }
    case 'type': {
      const expected = String(params.type ?? '');
      const y = yaml11.get(node);
      if (y) {
        const source = text.slice(node.offset, node.offset + node.length);
        const args = {
          value: source,
          as11: String(y.as11),
          as12: node.type === 'number' ? String(node.value) : source,
          key,
        };
        const expectsBool = expected.split(',').includes('boolean');
        if (y.kind === 'boolean' && expectsBool) {
          return {
            code: 'yaml.ambiguous-scalar',
            ...valueRange,
            message: say('yaml.ambiguous-scalar.boolean-expected', path, args),
            data: { ...base, kind: y.kind, value: source, expected: 'boolean', replacement: String(y.as11) },
          };
        }
        if (y.kind === 'octal' && expected.split(',').includes('string')) {
          return {
            code: 'yaml.ambiguous-scalar',
            ...valueRange,
            message: say('yaml.ambiguous-scalar.octal-string-expected', path, args),
            data: { ...base, kind: y.kind, value: source, expected: 'string' },
          };
        }
      }
      return mk(
        'schema.type',
        'schema.type',
        { key, expected: typeWords(expected), actualType: typeWord(jsonType(value)), value: showValue(value) },
        valueRange,
        { expected: expected.split(','), actual: jsonType(value), value: scalarOrUndefined(value) },
      );
    }
    case 'enum': {
      const allowed =
        (params.allowedValues as unknown[]) ?? (Array.isArray(parentSchema.enum) ? parentSchema.enum : []);
      if (err.propertyName !== undefined) return propertyNameProblem(err, root, text, path, allowed);
      const strs = allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
      const suggestions = typeof value === 'string' ? closest(value, strs) : [];
      const args = { key, value: showValue(value), allowed: listOf(strs), suggestion: suggestions[0] ?? '' };
      return mk('schema.enum', suggestions.length ? 'schema.enum.suggest' : 'schema.enum', args, valueRange, {
        allowed,
        suggestions,
        value: scalarOrUndefined(value),
      });
    }
    case 'const': {
      if (err.propertyName !== undefined) return propertyNameProblem(err, root, text, path, [params.allowedValue]);
      return mk(
        'schema.const',
        'schema.const',
        { key, expected: showValue(params.allowedValue), value: showValue(value) },
        valueRange,
        { allowed: [params.allowedValue], value: scalarOrUndefined(value) },
      );
    }
    case 'pattern': {
      if (err.propertyName !== undefined) return propertyNameProblem(err, root, text, path, undefined);
      const hint = typeof parentSchema.patternErrorMessage === 'string' ? parentSchema.patternErrorMessage : undefined;
      if (hint)
        return mk('schema.pattern', 'schema.pattern.custom', { key, value: showValue(value), hint }, valueRange, {
          pattern: params.pattern,
          value: scalarOrUndefined(value),
        });
      return mk(
        'schema.pattern',
        'schema.pattern',
        { key, value: showValue(value), pattern: String(params.pattern) },
        valueRange,
        { pattern: params.pattern, value: scalarOrUndefined(value) },
      );
    }
    case 'format':
      return mk(
        'schema.format',
        'schema.format',
        { key, value: showValue(value), format: String(params.format) },
        valueRange,
        { format: params.format, value: scalarOrUndefined(value) },
      );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const comparison = String(params.comparison ?? '');
      const words: Record<string, PhraseId> = {
        '>=': 'compare.at-least',
        '<=': 'compare.at-most',
        '>': 'compare.greater',
        '<': 'compare.less',
      };
      return mk(
        'schema.range',
        'schema.range',
        {
          key,
          comparison: words[comparison] ? phrase(words[comparison]) : comparison,
          limit: String(params.limit),
          value: showValue(value),
        },
        valueRange,
        { limit: params.limit, comparison, value: scalarOrUndefined(value) },
      );
    }
    case 'multipleOf':
      return mk(
        'schema.range',
        'schema.multiple-of',
        { key, limit: String(params.multipleOf), value: showValue(value) },
        valueRange,
        { multipleOf: params.multipleOf },
      );
    case 'minLength':
    case 'maxLength':
      return mk(
        'schema.length',
        err.keyword === 'minLength' ? 'schema.length.min' : 'schema.length.max',
        { key, limit: Number(params.limit), count: typeof value === 'string' ? [...value].length : 0 },
        valueRange,
        { limit: params.limit },
      );
    case 'minItems':
    case 'maxItems':
      return mk(
        'schema.items-count',
        err.keyword === 'minItems' ? 'schema.items-count.min' : 'schema.items-count.max',
        { key, limit: Number(params.limit), count: Array.isArray(value) ? value.length : 0 },
        valueRange,
        { limit: params.limit },
      );
    case 'minProperties':
    case 'maxProperties':
      return mk(
        'schema.properties-count',
        err.keyword === 'minProperties' ? 'schema.properties-count.min' : 'schema.properties-count.max',
        {
          where: whereName(path),
          limit: Number(params.limit),
          count: value && typeof value === 'object' ? Object.keys(value).length : 0,
        },
        rangeForContainer(node, text),
        { limit: params.limit },
      );
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const arr = deref(node);
      const item = arr && arr.type === 'array' ? arr.items[Math.max(i, j)] : undefined;
      const range = item ? rangeForValue(item, text) : valueRange;
      const dup = Array.isArray(value) ? value[Math.max(i, j)] : undefined;
      return mk(
        'schema.unique-items',
        'schema.unique-items',
        { key, value: showValue(dup), i: Math.min(i, j), j: Math.max(i, j) },
        range,
        { duplicateIndex: Math.max(i, j), firstIndex: Math.min(i, j) },
      );
    }
    case 'false schema': {
      const range =
        node.parent && node.parent.type === 'property'
          ? { offset: node.parent.keyNode.offset, length: node.parent.keyNode.length }
          : valueRange;
      return mk('schema.false', 'schema.false', { key }, range, { property: path[path.length - 1] });
    }
    case 'not':
      return mk('schema.not', 'schema.not', { key }, valueRange);
    case 'contains':
    case 'minContains':
      return mk('schema.contains', 'schema.contains', { key, limit: Number(params.minContains ?? 1) }, valueRange);
    case 'propertyNames':
      return undefined;
    default:
      return mk('schema.other', 'schema.other', { key, detail: err.message ?? err.keyword }, valueRange);
  }
}

function propertyNameProblem(
  err: ErrorObject,
  root: ValueNode,
  text: string,
  path: JSONPath,
  allowed: unknown[] | undefined,
): Problem {
  const name = String(err.propertyName);
  const { node } = findNodeAtPath(root, path);
  const obj = deref(node);
  const prop = obj && obj.type === 'object' ? findProperty(obj, name) : undefined;
  const range = prop
    ? { offset: prop.keyNode.offset, length: prop.keyNode.length }
    : rangeForContainer(node ?? root, text);
  const where = whereName(path);
  const data = { path: [...path, name], keyword: err.keyword, property: name, allowed, propertyName: true };
  if (allowed && allowed.length) {
    const strs = allowed.map((a) => String(a));
    const suggestions = closest(name, strs);
    const id: ProblemMessageId = suggestions.length ? 'schema.property-name.enum-suggest' : 'schema.property-name.enum';
    return {
      code: 'schema.property-name',
      ...range,
      message: say(id, data.path, { key: name, where, allowed: listOf(strs), suggestion: suggestions[0] ?? '' }),
      data: { ...data, suggestions },
    };
  }
  const hint =
    typeof (err.parentSchema as Record<string, unknown> | undefined)?.patternErrorMessage === 'string'
      ? String((err.parentSchema as Record<string, unknown>).patternErrorMessage)
      : `expected the format \`${String((err.params as Params).pattern ?? '')}\``;
  return {
    code: 'schema.property-name',
    ...range,
    message: say('schema.property-name', data.path, { key: name, where, reason: hint }),
    data,
  };
}

/** Where a problem about a whole mapping goes: its key, or its first line (root, list items). */
function rangeForContainer(node: ASTNode, text: string): { offset: number; length: number } {
  const parent = node.parent;
  if (parent && parent.type === 'property') return { offset: parent.keyNode.offset, length: parent.keyNode.length };
  return firstLine(node, text);
}

function childSchema(parentSchema: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const props = parentSchema.properties as Record<string, unknown> | undefined;
  const s = props?.[key];
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : undefined;
}

function isHidden(parentSchema: Record<string, unknown>, key: string): boolean {
  const s = childSchema(parentSchema, key);
  return !!s && (s.doNotSuggest === true || typeof s.deprecationMessage === 'string');
}

function scalarOrUndefined(v: unknown): unknown {
  return v === null || typeof v !== 'object' ? v : undefined;
}
