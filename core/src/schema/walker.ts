import type { JSONPath } from '../document/ast';
import type { SchemaGraph } from './resolve';
import { patternTest } from './regex';

export type SchemaObject = Record<string, unknown>;

const MAX_REF_HOPS = 32;
const MAX_SCHEMAS = 64;

/** A merged schema (a `$ref` with documentation beside it) → the object the `$ref` led to. */
const origins = new WeakMap<object, object>();

/** Follow `$ref` chains to a schema object (the ref's siblings are kept by draft 2019+ semantics; we merge docs only). */
export function deref(schema: unknown, graph: SchemaGraph): SchemaObject | undefined {
  let s = schema;
  let outer: SchemaObject | undefined;
  for (let i = 0; i < MAX_REF_HOPS && s && typeof s === 'object' && typeof refOf(s as SchemaObject) === 'string'; i++) {
    const own = s as SchemaObject;
    const target = graph.resolveRef(refOf(own)!, own);
    if (!target) return undefined;
    // Keep documentation written next to a `$ref` (a common pattern for per-use descriptions); the outermost wins.
    if (own.description || own.markdownDescription || own.title || own.default !== undefined || own.deprecationMessage)
      outer = { ...withoutRef(own), ...outer };
    s = target;
  }
  if (!s || typeof s !== 'object' || Array.isArray(s)) return undefined;
  if (!outer) return s as SchemaObject;
  const merged = { ...(s as SchemaObject), ...outer };
  delete merged.$ref;
  delete merged.$dynamicRef;
  origins.set(merged, s);
  return merged;
}

/** `$ref`, or a `$dynamicRef` read statically (its initial target). */
function refOf(s: SchemaObject): string | undefined {
  return typeof s.$ref === 'string' ? s.$ref : typeof s.$dynamicRef === 'string' ? s.$dynamicRef : undefined;
}

function withoutRef(s: SchemaObject): SchemaObject {
  const { $ref: _ignored, $dynamicRef: _dynamic, ...rest } = s;
  return rest;
}

/** Whether a value plainly contradicts a branch's discriminating `const`/`enum` properties or its type. */
function contradicts(branch: SchemaObject, value: unknown, graph: SchemaGraph): boolean {
  const type = branch.type;
  if (value !== undefined && value !== null && type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = Array.isArray(value)
      ? 'array'
      : typeof value === 'object'
        ? 'object'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value;
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return true;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const props = branch.properties as Record<string, unknown> | undefined;
  if (!props) return false;
  for (const [k, sub] of Object.entries(props)) {
    if (!(k in (value as object))) continue;
    const s = deref(sub, graph);
    if (!s) continue;
    const v = (value as Record<string, unknown>)[k];
    if ('const' in s && v !== s.const && typeof v !== 'object') return true;
    if (Array.isArray(s.enum) && typeof v !== 'object' && !s.enum.includes(v)) return true;
  }
  return false;
}

/**
 * The schemas that apply to a value: the schema itself, its `allOf` members, the `anyOf`/`oneOf`
 * branches the value does not contradict (all of them when it contradicts every one), and
 * `then`/`else` of an `if` (both when we cannot tell). Bounded in count.
 */
export function expand(
  schema: unknown,
  value: unknown,
  graph: SchemaGraph,
  out: SchemaObject[] = [],
  depth = 0,
): SchemaObject[] {
  const s = deref(schema, graph);
  if (!s || out.length >= MAX_SCHEMAS || depth > 16 || out.includes(s)) return out;
  out.push(s);
  for (const sub of (Array.isArray(s.allOf) ? s.allOf : []) as unknown[]) expand(sub, value, graph, out, depth + 1);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = (Array.isArray(s[key]) ? s[key] : []) as unknown[];
    const resolved = branches.map((b) => deref(b, graph)).filter((b): b is SchemaObject => !!b);
    const fitting = resolved.filter((b) => !contradicts(b, value, graph));
    for (const b of fitting.length ? fitting : resolved) expand(b, value, graph, out, depth + 1);
  }
  if (s.if !== undefined) {
    const cond = deref(s.if, graph);
    const verdict = cond ? quickCheck(cond, value, graph) : undefined;
    if (verdict !== false && s.then !== undefined) expand(s.then, value, graph, out, depth + 1);
    if (verdict !== true && s.else !== undefined) expand(s.else, value, graph, out, depth + 1);
  }
  return out;
}

/** A cheap evaluation of an `if` made of `properties` with `const`/`enum` and `required`; undefined when unsure. */
function quickCheck(cond: SchemaObject, value: unknown, graph: SchemaGraph): boolean | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(cond.required) && cond.required.some((k) => !(String(k) in v))) return false;
  const props = cond.properties as Record<string, unknown> | undefined;
  if (!props) return Array.isArray(cond.required) ? true : undefined;
  for (const [k, sub] of Object.entries(props)) {
    const s = deref(sub, graph);
    if (!s) return undefined;
    if (!(k in v)) continue;
    if ('const' in s) {
      if (v[k] !== s.const) return false;
    } else if (Array.isArray(s.enum)) {
      if (!s.enum.includes(v[k])) return false;
    } else return undefined;
  }
  return true;
}

/** The schemas for a property of an object that matches `schemas`. */
export function propertySchemas(schemas: SchemaObject[], key: string, graph: SchemaGraph): unknown[] {
  const out: unknown[] = [];
  for (const s of schemas) {
    const props = s.properties as Record<string, unknown> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, key)) {
      out.push(props[key]);
      continue;
    }
    let matched = false;
    const pattern = s.patternProperties as Record<string, unknown> | undefined;
    if (pattern) {
      // A user schema's patterns run on RE2 here too: a hover must not hang on `^(a+)+$`.
      const trusted = graph.isBundled(origins.get(s) ?? s);
      for (const [re, sub] of Object.entries(pattern)) {
        if (patternTest(re, trusted).test(key)) {
          out.push(sub);
          matched = true;
        }
      }
    }
    if (!matched && s.additionalProperties && typeof s.additionalProperties === 'object')
      out.push(s.additionalProperties);
  }
  return out;
}

/** The schemas for item `index` of an array that matches `schemas`. */
export function itemSchemas(schemas: SchemaObject[], index: number): unknown[] {
  const out: unknown[] = [];
  for (const s of schemas) {
    const prefix = (Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined) as
      unknown[] | undefined;
    if (prefix) {
      if (index < prefix.length) out.push(prefix[index]);
      else if (Array.isArray(s.items) && s.additionalItems && typeof s.additionalItems === 'object')
        out.push(s.additionalItems);
      else if (!Array.isArray(s.items) && s.items && typeof s.items === 'object') out.push(s.items);
    } else if (s.items && typeof s.items === 'object') out.push(s.items);
  }
  return out;
}

/**
 * Every schema that applies at a path of a document, given the document's value (used to pick
 * `oneOf` branches and `if` outcomes along the way).
 */
export function schemasAtPath(root: unknown, path: JSONPath, rootValue: unknown, graph: SchemaGraph): SchemaObject[] {
  let value = rootValue;
  let current = expand(root, value, graph);
  for (const seg of path) {
    let next: unknown[];
    if (typeof seg === 'number') {
      next = itemSchemas(current, seg);
      value = Array.isArray(value) ? value[seg] : undefined;
    } else {
      next = propertySchemas(current, seg, graph);
      value =
        value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)[seg]
          : undefined;
    }
    const expanded: SchemaObject[] = [];
    for (const n of next) expand(n, value, graph, expanded);
    current = expanded;
    if (current.length === 0) break;
  }
  return current;
}

/** The first string found for a keyword among the schemas. */
export function firstOf<T>(schemas: SchemaObject[], key: string, guard: (v: unknown) => v is T): T | undefined {
  for (const s of schemas) if (guard(s[key])) return s[key] as T;
  return undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
