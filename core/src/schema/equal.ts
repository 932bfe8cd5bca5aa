import type Ajv from 'ajv';
import { _, str, type KeywordCxt } from 'ajv';
import { not, or } from 'ajv/dist/compile/codegen';
import { standaloneName } from './standalone';

/**
 * Structural equality of JSON values, for `const`, `enum` and `uniqueItems`. Document values are
 * built without prototypes (a key may be `__proto__`, `constructor` or `valueOf`), which ajv's own
 * equality (fast-deep-equal: constructors, `valueOf`, `toString`) does not handle; this one looks
 * at own keys only.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function oneOfValues(values: unknown[], value: unknown): boolean {
  for (const v of values) if (jsonEqual(v, value)) return true;
  return false;
}

/** `[j, i]` of the first two equal items (j < i), or null. Scalars by a map, structures pairwise. */
function firstDuplicate(items: unknown[]): [number, number] | null {
  const scalars = new Map<unknown, number>();
  const structures: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v && typeof v === 'object') {
      for (const j of structures) if (jsonEqual(items[j], v)) return [j, i];
      structures.push(i);
    } else {
      const key = typeof v === 'number' ? v : `${typeof v}:${String(v)}`;
      const j = scalars.get(key);
      if (j !== undefined) return [j, i];
      scalars.set(key, i);
    }
  }
  return null;
}

/** The functions the equality keywords' generated code calls. */
export const equalityFunctions = { jsonEqual, oneOfValues, firstDuplicate };
for (const [name, f] of Object.entries(equalityFunctions)) standaloneName(f, name);

/** Replace ajv's `const`, `enum` and `uniqueItems` by the same keywords over `jsonEqual`. */
export function useJsonEquality(ajv: Ajv): void {
  for (const k of ['const', 'enum', 'uniqueItems']) ajv.removeKeyword(k);
  ajv.addKeyword({
    keyword: 'const',
    error: {
      message: 'must be equal to constant',
      params: ({ schemaCode }) => _`{allowedValue: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema, schemaCode } = cxt;
      if (schema && typeof schema === 'object') {
        const eq = gen.scopeValue('func', { ref: jsonEqual });
        cxt.fail(_`!${eq}(${data}, ${schemaCode})`);
      } else cxt.fail(_`${schema} !== ${data}`);
    },
  });
  ajv.addKeyword({
    keyword: 'enum',
    schemaType: 'array',
    error: {
      message: 'must be equal to one of the allowed values',
      params: ({ schemaCode }) => _`{allowedValues: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema, schemaCode } = cxt;
      const values = schema as unknown[];
      if (values.length > 0 && values.length <= 32 && values.every((v) => v === null || typeof v !== 'object')) {
        cxt.fail(not(or(...values.map((v) => _`${data} === ${v as string | number | boolean | null}`))));
        return;
      }
      const includes = gen.scopeValue('func', { ref: oneOfValues });
      cxt.fail(_`!${includes}(${schemaCode}, ${data})`);
    },
  });
  ajv.addKeyword({
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params }) => str`must NOT have duplicate items (items ## ${params.j} and ${params.i} are identical)`,
      params: ({ params }) => _`{i: ${params.i}, j: ${params.j}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      if (schema !== true) return;
      const find = gen.scopeValue('func', { ref: firstDuplicate });
      const dup = gen.const('dup', _`${find}(${data})`);
      cxt.setParams({ i: _`${dup}[1]`, j: _`${dup}[0]` });
      cxt.fail(_`${dup} !== null`);
    },
  });
}
