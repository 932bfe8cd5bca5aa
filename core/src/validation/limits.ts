import type { JSONPath } from '../document/ast';

/**
 * Items of one list checked against the schema. ajv gathers the errors of a referenced subschema by
 * concatenating arrays, so with every error kept its time grows with the square of the errors:
 * 36,000 invalid items took 18 s. No hand-written list comes near this.
 */
export const MAX_VALIDATED_ITEMS = 10_000;

/** Cut every list of a plain value to its first items, in place; the lists that were cut. */
export function cutLongLists(value: unknown): Array<{ path: JSONPath; count: number }> {
  const cut: Array<{ path: JSONPath; count: number }> = [];
  const seen = new Set<object>();
  const stack: Array<[unknown, JSONPath]> = [[value, []]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      if (v.length > MAX_VALIDATED_ITEMS) {
        cut.push({ path, count: v.length });
        v.length = MAX_VALIDATED_ITEMS;
      }
      v.forEach((item, i) => stack.push([item, [...path, i]]));
    } else for (const [k, item] of Object.entries(v)) stack.push([item, [...path, k]]);
  }
  return cut;
}
