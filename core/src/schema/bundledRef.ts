import type Ajv from 'ajv';
import type { ErrorObject, KeywordCxt, ValidateFunction } from 'ajv';
import { _, strConcat } from 'ajv/dist/compile/codegen';
import N from 'ajv/dist/compile/names';
import type { DeprecationSink } from './ajv';
import { standaloneName } from './standalone';

/**
 * A user schema that references a bundled schema (`$ref: https://schemas.tenant-config.dev/…`)
 * gets the bundled schema as it is validated on its own: compiled once by the bundled schemas'
 * ajv (their dialect, native patterns), never recompiled in the user schema's dialect. In the
 * user schema's ajv, a bundled document is a stub whose only keyword hands the value to the
 * bundled validator and passes its errors (paths prefixed) and deprecations through.
 */
export const BUNDLED_REF = 'x-tenant-config-bundled-ref';

/** Where a reference may point inside a bundled schema: its root, definitions and (nested) properties. */
const CONTAINERS = new Set(['definitions', '$defs', 'properties']);

export type BundledValidator = (ref: string) => ValidateFunction | undefined;

/**
 * The function the stub keyword's code calls: the bundled validator of `ref` run on the value,
 * its errors with the value's path prefixed (null when it passes), its deprecations passed on.
 */
export function bundledRefRunner(
  validator: BundledValidator,
  sinks: { bundled: DeprecationSink; user: DeprecationSink },
): (ref: string, value: unknown, instancePath: string) => ErrorObject[] | null {
  return standaloneName((ref: string, value: unknown, instancePath: string): ErrorObject[] | null => {
    const validate = validator(ref);
    if (!validate) return null;
    const before = sinks.bundled.found.length;
    const ok = validate(value);
    for (const d of sinks.bundled.found.splice(before))
      sinks.user.found.push({ ...d, instancePath: instancePath + d.instancePath });
    if (ok) return null;
    return (validate.errors ?? []).map((e) => ({ ...e, instancePath: instancePath + e.instancePath }));
  }, 'bundledRef');
}

/** Register the delegating keyword in a user schema's ajv. */
export function addBundledRefKeyword(
  ajv: Ajv,
  validator: BundledValidator,
  sinks: { bundled: DeprecationSink; user: DeprecationSink },
): void {
  const run = bundledRefRunner(validator, sinks);
  ajv.addKeyword({
    keyword: BUNDLED_REF,
    schemaType: 'string',
    code(cxt: KeywordCxt) {
      const { gen, data, schema, it } = cxt;
      const fn = gen.scopeValue('func', { ref: run });
      const errs = gen.const(
        'bundledErrors',
        _`${fn}(${schema as string}, ${data}, ${strConcat(N.instancePath, it.errorPath)})`,
      );
      cxt.pass(_`${errs} === null`, () => {
        gen.assign(N.vErrors, _`${N.vErrors} === null ? ${errs} : ${N.vErrors}.concat(${errs})`);
        gen.assign(N.errors, _`${N.vErrors}.length`);
      });
      // Whatever the bundled schema declares counts as evaluated (no false `unevaluated*` errors).
      it.props = true;
      it.items = true;
    },
  });
}

/**
 * Make `ref` (a bundled document URI, with or without a JSON pointer) resolvable in a stub:
 * returns false when the pointer goes somewhere a stub cannot stand for (inside `anyOf`, `not`, …).
 */
export function extendStub(stub: Record<string, unknown>, docUri: string, ref: string): boolean {
  const hash = ref.indexOf('#');
  const pointer = hash >= 0 ? ref.slice(hash + 1) : '';
  if (!pointer || pointer === '/') return true;
  if (!pointer.startsWith('/')) return false;
  const raw = pointer.slice(1).split('/');
  const segs = raw.map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segs.length % 2 !== 0) return false;
  let cur = stub;
  for (let i = 0; i < segs.length; i += 2) {
    if (!CONTAINERS.has(segs[i])) return false;
    const container = (cur[segs[i]] ??= {}) as Record<string, unknown>;
    const next = (container[segs[i + 1]] ??= { [BUNDLED_REF]: `${docUri}#/${raw.slice(0, i + 2).join('/')}` });
    cur = next as Record<string, unknown>;
  }
  return true;
}
