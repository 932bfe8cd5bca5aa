import type { Dialect } from './dialect';

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
