/** The values a fix may insert, read from a schema: one that satisfies it, and whether it is the only one. */
import { expand, propertySchemas } from '../../schema/walker';
import type { SchemaGraph } from '../../schema/resolve';
import { fromJson, requiredEntries, schemaType, type ValueIntent } from '../../dialect/intent';

/**
 * A concrete value that satisfies a schema where one can be guessed: default, const, first enum
 * value, first example, the minimum, false, or a mapping of its required keys. Quick fixes insert
 * values, never placeholders, so the document stays valid.
 */
export function concreteIntent(schema: unknown, graph: SchemaGraph, depth = 0): ValueIntent {
  const schemas = expand(schema, undefined, graph);
  for (const s of schemas) if (s.default !== undefined) return fromJson(s.default);
  for (const s of schemas) if ('const' in s) return fromJson(s.const);
  for (const s of schemas) if (Array.isArray(s.enum) && s.enum.length) return fromJson(s.enum[0]);
  for (const s of schemas) if (Array.isArray(s.examples) && s.examples.length) return fromJson(s.examples[0]);
  const type = schemaType(schemas);
  if (type === 'object') {
    if (depth >= 5) return { kind: 'object', entries: [] };
    const entries = requiredEntries(schemas, (_key, sub) =>
      sub !== undefined ? concreteIntent(sub, graph, depth + 1) : { kind: 'scalar', value: '' },
    );
    return { kind: 'object', entries };
  }
  if (type === 'array') {
    const min = schemas.map((s) => s.minItems).find((m): m is number => typeof m === 'number') ?? 0;
    const items = schemas.map((s) => s.items).find((i) => i && typeof i === 'object' && !Array.isArray(i));
    return { kind: 'array', items: min > 0 && items && depth < 5 ? [concreteIntent(items, graph, depth + 1)] : [] };
  }
  if (type === 'boolean') return { kind: 'scalar', value: false };
  if (type === 'integer' || type === 'number') {
    const min = schemas.map((s) => s.minimum).find((m): m is number => typeof m === 'number');
    return { kind: 'scalar', value: min ?? 0 };
  }
  return { kind: 'scalar', value: '' };
}

/** Whether a schema allows exactly one value: a `const`, a one-value enum, or a mapping of such values. */
export function forced(schema: unknown, graph: SchemaGraph, depth = 0): boolean {
  const schemas = expand(schema, undefined, graph);
  if (schemas.some((s) => 'const' in s || (Array.isArray(s.enum) && s.enum.length === 1))) return true;
  if (depth >= 5 || schemaType(schemas) !== 'object') return false;
  const required = new Set(schemas.flatMap((s) => (Array.isArray(s.required) ? (s.required as string[]) : [])));
  if (required.size === 0) return false;
  return [...required].every((k) => {
    const subs = propertySchemas(schemas, k, graph);
    return subs.length > 0 && forced(subs[0], graph, depth + 1);
  });
}
