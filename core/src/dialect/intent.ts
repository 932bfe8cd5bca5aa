import { deref, expand, type SchemaObject } from '../schema/walker';
import type { SchemaGraph } from '../schema/resolve';

/**
 * A value to write, independent of YAML or JSON: what a completion inserts or a quick fix adds.
 * Dialects (yaml.ts, json.ts) turn it into text or a snippet.
 */
export type ValueIntent =
  | { kind: 'object'; entries: Array<{ key: string; value: ValueIntent }> }
  | { kind: 'array'; items: ValueIntent[] }
  | { kind: 'scalar'; value: string | number | boolean | null }
  | {
      kind: 'placeholder';
      type: 'string' | 'number' | 'boolean' | 'any';
      hint?: string;
      choices?: Array<string | number | boolean>;
    };

/** The schema's type as a single word, from `type`, `const`, `enum`, `properties` or `items`. */
export function schemaType(schemas: SchemaObject[]): string | undefined {
  for (const s of schemas) {
    const t = s.type;
    if (typeof t === 'string') return t;
    if (Array.isArray(t) && t.length) return String(t.find((x) => x !== 'null') ?? t[0]);
  }
  for (const s of schemas) {
    if (s.properties || s.additionalProperties || s.patternProperties) return 'object';
    if (s.items || s.prefixItems) return 'array';
    if ('const' in s) return typeof s.const;
    if (Array.isArray(s.enum) && s.enum.length) return typeof s.enum[0];
  }
  return undefined;
}

function first(schemas: SchemaObject[], key: string): unknown {
  for (const s of schemas) if (s[key] !== undefined) return s[key];
  return undefined;
}

/**
 * The required keys of a set of schemas, each once in the order met, with what `child` makes of
 * the key's property schema (undefined when no schema of the set describes it).
 */
export function requiredEntries(
  schemas: SchemaObject[],
  child: (key: string, schema: unknown) => ValueIntent,
): Array<{ key: string; value: ValueIntent }> {
  const entries: Array<{ key: string; value: ValueIntent }> = [];
  const seen = new Set<string>();
  for (const s of schemas) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    for (const key of (Array.isArray(s.required) ? s.required : []) as string[]) {
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ key, value: child(key, props[key]) });
    }
  }
  return entries;
}

/**
 * The value to propose for a schema: its default, or its required children (recursively, to a
 * small depth) with placeholders for what the user must fill in.
 */
export function intentForSchema(schema: unknown, graph: SchemaGraph, depth = 0): ValueIntent {
  const schemas = expand(schema, undefined, graph);
  const def = first(schemas, 'default');
  if (def !== undefined && (def === null || typeof def !== 'object'))
    return { kind: 'scalar', value: def as string | number | boolean | null };
  const c = schemas.find((s) => 'const' in s);
  if (c && (c.const === null || typeof c.const !== 'object'))
    return { kind: 'scalar', value: c.const as string | number | boolean | null };
  const type = schemaType(schemas);
  const en = first(schemas, 'enum');
  if (Array.isArray(en) && en.length) {
    const choices = en.filter(
      (v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
    );
    if (choices.length === 1) return { kind: 'scalar', value: choices[0] };
    if (choices.length)
      return { kind: 'placeholder', type: typeof choices[0] === 'number' ? 'number' : 'string', choices };
  }
  if (type === 'object') {
    if (depth >= 4) return { kind: 'object', entries: [] };
    const entries = requiredEntries(schemas, (key, sub) =>
      sub !== undefined ? intentForSchema(sub, graph, depth + 1) : { kind: 'placeholder', type: 'any', hint: key },
    );
    if (def && typeof def === 'object' && !Array.isArray(def) && entries.length === 0) return fromJson(def);
    return { kind: 'object', entries };
  }
  if (type === 'array') {
    if (Array.isArray(def)) return fromJson(def);
    const items = schemas.map((s) => s.items).find((i) => i && typeof i === 'object' && !Array.isArray(i));
    const minItems = Number(first(schemas, 'minItems') ?? 0);
    if (items && minItems > 0 && depth < 4) return { kind: 'array', items: [intentForSchema(items, graph, depth + 1)] };
    return { kind: 'array', items: [] };
  }
  if (type === 'boolean') return { kind: 'placeholder', type: 'boolean', choices: [true, false] };
  if (type === 'integer' || type === 'number') {
    const min = first(schemas, 'minimum');
    return { kind: 'placeholder', type: 'number', hint: typeof min === 'number' ? String(min) : '0' };
  }
  const examples = first(schemas, 'examples');
  const hint = Array.isArray(examples) && typeof examples[0] === 'string' ? examples[0] : undefined;
  return { kind: 'placeholder', type: type === 'string' ? 'string' : 'any', hint };
}

/** A JSON value as an intent (for defaults and `defaultSnippets` bodies). */
export function fromJson(v: unknown): ValueIntent {
  if (Array.isArray(v)) return { kind: 'array', items: v.map(fromJson) };
  if (v && typeof v === 'object')
    return { kind: 'object', entries: Object.entries(v).map(([key, value]) => ({ key, value: fromJson(value) })) };
  return { kind: 'scalar', value: v as string | number | boolean | null };
}

/** Whether a property's value is a block (object or array) for insertion purposes. */
export function isBlock(intent: ValueIntent): boolean {
  return (
    (intent.kind === 'object' && intent.entries.length > 0) || (intent.kind === 'array' && intent.items.length > 0)
  );
}

export { deref };
