import type { Dialect } from './dialect';
import { resolveUri, withoutFragment } from './uri';

/** Keywords whose value is one subschema. */
export const ONE = new Set([
  'not',
  'if',
  'then',
  'else',
  'items',
  'additionalItems',
  'contains',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
/** Keywords whose value is a list of subschemas. */
export const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
/** Keywords whose value maps names to subschemas. */
export const MAP = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
]);

/**
 * A copy of a user schema document with what ajv reads differently from the standard put right:
 * - draft-04 to draft-07: an `$id` beside a `$ref` is ignored like every sibling of `$ref` (ajv
 *   would still let it change the base URI of the `$ref`);
 * - 2019-09 and 2020-12, in a document that uses `unevaluated*`: ajv does not count what an `if`
 *   without `then` evaluated, so `if`/`then`/`else` is written as the equivalent
 *   `anyOf: [{ allOf: [if, then] }, { allOf: [{ not: if }, else] }]`, whose annotations are right
 *   (done where `then` is missing: with a `then`, ajv gets it right itself).
 * - a `properties` entry named `__proto__`, which ajv leaves out of its code, is checked as the
 *   equivalent `patternProperties` entry `^__proto__$`;
 * - 2020-12, `unevaluatedItems` beside (or in `allOf` with) `contains`: ajv counts every item as
 *   evaluated by `contains`; the items it matched are exempted instead (`unevaluatedItems:
 *   { anyOf: [contains, unevaluatedItems] }`), and `contains` is kept where ajv draws no
 *   conclusion from it (`not: { not: … }`).
 * Only schema positions are visited, so a property named `if` or `$ref` is left alone.
 */
export function prepareSchema(schema: object, dialect: Dialect): object {
  const legacy = dialect === 'draft-04' || dialect === 'draft-06' || dialect === 'draft-07';
  const idKey = dialect === 'draft-04' ? 'id' : '$id';
  let budget = 200_000;
  let unevaluated = false;
  try {
    unevaluated = !legacy && /"unevaluated(Items|Properties)"/.test(JSON.stringify(schema));
  } catch {
    unevaluated = false;
  }
  const visit = (s: unknown, depth: number): unknown => {
    if (!s || typeof s !== 'object' || Array.isArray(s) || depth > 200 || budget-- <= 0) return s;
    const copy: Record<string, unknown> = { ...(s as Record<string, unknown>) };
    for (const [k, v] of Object.entries(copy)) {
      if (LIST.has(k) && Array.isArray(v)) copy[k] = v.map((x) => visit(x, depth + 1));
      else if (ONE.has(k)) copy[k] = visit(v, depth + 1);
      else if (MAP.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
        const m: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(v))
          Object.defineProperty(m, name, {
            value: visit(sub, depth + 1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        copy[k] = m;
      }
    }
    if (legacy && typeof copy.$ref === 'string' && typeof copy[idKey] === 'string' && depth > 0) delete copy[idKey];
    protoProperty(copy);
    if (unevaluated && dialect === '2020-12' && copy.unevaluatedItems !== undefined) containsEvaluates(copy);
    if (unevaluated && copy.if !== undefined && copy.then === undefined) {
      const { if: cond, then: yes = true, else: no = true } = copy;
      delete copy.if;
      delete copy.then;
      delete copy.else;
      const branches = { anyOf: [{ allOf: [cond, yes] }, { allOf: [{ not: cond }, no] }] };
      copy.allOf = Array.isArray(copy.allOf) ? [...copy.allOf, branches] : [branches];
    }
    return copy;
  };
  return visit(schema, 0) as object;
}

/** `properties.__proto__` → `patternProperties['^__proto__$']` (ajv never checks the former). */
function protoProperty(copy: Record<string, unknown>): void {
  const props = copy.properties as Record<string, unknown> | undefined;
  if (!props || typeof props !== 'object' || !Object.prototype.hasOwnProperty.call(props, '__proto__')) return;
  const sub = props['__proto__'];
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (k !== '__proto__') rest[k] = v;
  copy.properties = rest;
  const patterns = { ...((copy.patternProperties as Record<string, unknown> | undefined) ?? {}) };
  const key = '^__proto__$';
  patterns[key] = key in patterns ? { allOf: [patterns[key], sub] } : sub;
  copy.patternProperties = patterns;
}

/** The `contains` of an object and of its `allOf` members (applied unconditionally), made annotation-neutral. */
function containsEvaluates(copy: Record<string, unknown>): void {
  const found: unknown[] = [];
  const neutralize = (o: Record<string, unknown>, depth: number): void => {
    if (depth > 8) return;
    if (o.contains !== undefined) {
      const check: Record<string, unknown> = { contains: o.contains };
      for (const k of ['minContains', 'maxContains']) if (o[k] !== undefined) check[k] = o[k];
      found.push(o.contains);
      delete o.contains;
      delete o.minContains;
      delete o.maxContains;
      o.allOf = [...(Array.isArray(o.allOf) ? o.allOf : []), { not: { not: check } }];
    }
    if (Array.isArray(o.allOf))
      o.allOf = o.allOf.map((m) => {
        if (!m || typeof m !== 'object' || Array.isArray(m) || (m as Record<string, unknown>).contains === undefined)
          return m;
        const c = { ...(m as Record<string, unknown>) };
        neutralize(c, depth + 1);
        return c;
      });
  };
  neutralize(copy, 0);
  if (found.length) copy.unevaluatedItems = { anyOf: [...found, copy.unevaluatedItems] };
}

const segment = (k: string): string => encodeURIComponent(k.replace(/~/g, '~0').replace(/\//g, '~1'));

/** Every schema object of a document with its JSON pointer (schema positions only). */
function schemaObjects(root: object): Array<[Record<string, unknown>, string]> {
  const out: Array<[Record<string, unknown>, string]> = [];
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length && out.length < 200_000) {
    const [s, pointer] = stack.pop()!;
    if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
    const o = s as Record<string, unknown>;
    out.push([o, pointer]);
    for (const [k, v] of Object.entries(o)) {
      const at = `${pointer}/${segment(k)}`;
      if (LIST.has(k) && Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${at}/${i}`]));
      else if (ONE.has(k)) stack.push([v, at]);
      else if (MAP.has(k) && v && typeof v === 'object' && !Array.isArray(v))
        for (const [name, sub] of Object.entries(v)) stack.push([sub, `${at}/${segment(name)}`]);
    }
  }
  return out;
}

/**
 * In a prepared document, a `$ref` to a JSON pointer inside an embedded resource (a subschema with
 * its own `$id`) is rewritten to the same place from the document's root (`<root>#/…/…`): ajv
 * recurses without end on some of these references when the resource is itself reached by a `$ref`.
 * `base` is the document's base URI, under which ajv knows it.
 */
export function refsFromRoot(doc: object, base: string, dialect: Dialect): void {
  const idKey = dialect === 'draft-04' ? 'id' : '$id';
  const objects = schemaObjects(doc);
  const baseOf = new Map<object, string>([[doc, base]]);
  const resources = new Map<string, string>();
  // Parents come before children in `objects` only per branch: resolve bases by pointer prefix instead.
  const byPointer = new Map(objects.map(([o, p]) => [p, o] as const));
  const baseAt = (pointer: string): string => {
    const o = byPointer.get(pointer);
    if (o && baseOf.has(o)) return baseOf.get(o)!;
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    let b = pointer === '' ? base : baseAt(parent);
    const id = o?.[idKey];
    if (o && pointer !== '' && typeof id === 'string' && !id.startsWith('#')) {
      b = withoutFragment(resolveUri(id, b) ?? b);
      if (!resources.has(b)) resources.set(b, pointer);
    }
    if (o) baseOf.set(o, b);
    return b;
  };
  for (const [, p] of objects) baseAt(p);
  if (resources.size === 0) return;
  for (const [o, p] of objects) {
    if (typeof o.$ref !== 'string') continue;
    const full = resolveUri(o.$ref, baseAt(p));
    if (!full) continue;
    const target = withoutFragment(full);
    const fragment = full.slice(target.length + 1);
    const at = resources.get(target);
    if (at !== undefined && (fragment === '' || fragment.startsWith('/'))) o.$ref = `${base}#${at}${fragment}`;
  }
}
