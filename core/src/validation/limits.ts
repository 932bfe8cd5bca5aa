import type { JSONPath } from '../document/ast';

/**
 * Items of one list checked against the schema. ajv gathers the errors of a referenced subschema by
 * concatenating arrays, so with every error kept its time grows with the square of the errors:
 * 36,000 invalid items took 18 s. No hand-written list comes near this.
 */
export const MAX_VALIDATED_ITEMS = 10_000;

/** A container met while walking a value, and how it was reached (its path is built only for a list that is cut). */
interface Visit {
  value: object;
  parent?: Visit;
  key?: string | number;
}

const pathOf = (visit: Visit): JSONPath => {
  const path: JSONPath = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.push(v.key!);
  return path.reverse();
};

/** Cut every list of a plain value to its first items, in place; the lists that were cut (last met first). */
export function cutLongLists(value: unknown): Array<{ path: JSONPath; count: number }> {
  const cut: Array<{ path: JSONPath; count: number }> = [];
  if (!value || typeof value !== 'object') return cut;
  const seen = new Set<object>();
  const stack: Visit[] = [{ value }];
  while (stack.length) {
    const visit = stack.pop()!;
    const v = visit.value;
    if (seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      if (v.length > MAX_VALIDATED_ITEMS) {
        cut.push({ path: pathOf(visit), count: v.length });
        v.length = MAX_VALIDATED_ITEMS;
      }
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item && typeof item === 'object') stack.push({ value: item, parent: visit, key: i });
      }
    } else {
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const item = (v as Record<string, unknown>)[keys[i]];
        if (item && typeof item === 'object') stack.push({ value: item, parent: visit, key: keys[i] });
      }
    }
  }
  return cut;
}
