/**
 * Validators as code: ajv's standalone output, for the bundled schemas at build time (one module per
 * kind, loaded when a document of that kind is first validated) and for user schemas compiled off
 * the main thread. Generated code refers to nothing by value: every schema object it uses (the
 * `parentSchema` and `schema` of verbose errors, which the error shaping compares by identity with
 * the schema graph) is looked up at load time in the live schema documents, and the functions of
 * our keywords (equality over prototype-free values, the deprecation sink, patterns on the right
 * engine, bundled references) come from a runtime object. Instantiating the code with that runtime
 * gives validators that behave exactly as the ones ajv compiles in process.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types';
import standaloneCode from 'ajv/dist/standalone';
import { _ } from 'ajv/dist/compile/codegen';
import * as ucs2length from 'ajv/dist/runtime/ucs2length';
import * as uri from 'ajv/dist/runtime/uri';
import * as equal from 'ajv/dist/runtime/equal';
import * as validationError from 'ajv/dist/runtime/validation_error';
import * as formats from 'ajv-formats/dist/formats';

/** The functions generated code calls by name, registered where they are defined. */
const names = new WeakMap<object, string>();

/** Give a function a name generated code can call it by (`runtime.fn.<name>`). */
export function standaloneName<T extends object>(ref: T, name: string): T {
  names.set(ref, name);
  return ref;
}

/** What generated code needs when it is instantiated. */
export interface StandaloneRuntime {
  /** The live schema object at a JSON pointer of a document. */
  schema(doc: string, pointer: string): unknown;
  /** The engine of the code's patterns (native for bundled schemas, RE2 for user schemas). */
  regExp: RegExpEngine;
  /** Functions registered with `standaloneName`, by name. */
  fn: Record<string, unknown>;
}

/** A module of generated validators: called with a runtime, it returns the validators by URI. */
export type StandaloneFactory = (runtime: StandaloneRuntime) => Record<string, ValidateFunction>;

/** Where a schema object is: the document it belongs to and the JSON pointer inside it. */
export interface SchemaLocation {
  doc: string;
  pointer: string;
}

const segment = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every object and array inside some documents, by identity, with where it is. */
export function locator(documents: Iterable<[string, unknown]>): (o: unknown) => SchemaLocation | undefined {
  const where = new Map<unknown, SchemaLocation>();
  for (const [doc, root] of documents) {
    const stack: Array<[unknown, string]> = [[root, '']];
    while (stack.length) {
      const [o, pointer] = stack.pop()!;
      if (!o || typeof o !== 'object' || where.has(o)) continue;
      where.set(o, { doc, pointer });
      for (const [k, v] of Object.entries(o))
        if (v && typeof v === 'object') stack.push([v, `${pointer}/${segment(k)}`]);
    }
  }
  return (o) => where.get(o);
}

/** The object at a JSON pointer (segments escaped as `locator` writes them). */
export function atPointer(root: unknown, pointer: string): unknown {
  let cur = root;
  if (!pointer) return cur;
  for (const raw of pointer.slice(1).split('/')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

interface ScopeName {
  value?: { ref: unknown; code?: unknown };
}

/**
 * ajv's generated code gathers a called validator's errors with `vErrors.concat(…)`, copying every
 * error gathered so far at each call: with `allErrors`, a list of thousands of invalid items costs
 * quadratic time (10,000 wrong rules took 2.5 s). The same errors, in the same order, are appended
 * instead. Applied to code compiled in process and to standalone code (`standalone.ts`).
 */
export function linearErrors(code: string): string {
  return code.replace(
    /vErrors = vErrors === null \? ([\w.[\]$]+?)\.errors : vErrors\.concat\(\1\.errors\);/g,
    (_, fn: string) =>
      `if (vErrors === null) vErrors = ${fn}.errors; else { const tcErrs = ${fn}.errors; ` +
      `for (let tcI = 0, tcN = tcErrs.length; tcI < tcN; tcI++) vErrors.push(tcErrs[tcI]); }`,
  );
}

/**
 * The body of a function of `runtime` that returns the validators of `refs` (export name → schema
 * URI), compiled by `ajv` (created with `standalone: true`). Throws when something the code needs
 * cannot be named (a function no keyword registered), so a caller can keep the in-process validator.
 */
export function standaloneSource(
  ajv: Ajv,
  refs: Record<string, string>,
  locate: (o: unknown) => SchemaLocation | undefined,
): string {
  for (const ref of Object.values(refs)) if (!ajv.getSchema(ref)) throw new Error(`no schema ${ref}`);
  const values = (ajv.scope as unknown as { _values: Record<string, Map<unknown, ScopeName>> })._values;
  for (const [prefix, byKey] of Object.entries(values)) {
    if (prefix === 'validate' || prefix === 'root' || prefix === 'wrapper') continue;
    for (const name of byKey.values()) {
      const v = name.value;
      if (!v) continue;
      if (prefix === 'schema') {
        const at = locate(v.ref);
        if (at) v.code = _`runtime.schema(${at.doc}, ${at.pointer})`;
        continue;
      }
      const named = v.ref && (typeof v.ref === 'object' || typeof v.ref === 'function') ? names.get(v.ref) : undefined;
      if (named) v.code = _`runtime.fn[${named}]`;
    }
  }
  const code = linearErrors(standaloneCode(ajv, refs).replace(/^"use strict";/, ''));
  // Keyword functions are called as `fn.call(self, …)`, `self` being the Ajv instance in process; none of ours reads it.
  return `const require = runtime.require; const tenantConfigRegExp = runtime.regExp; const self = undefined; const exports = {};\n${code}\nreturn exports;`;
}

/** The modules generated code may `require`: ajv's runtime helpers and ajv-formats' formats. */
const REQUIRABLE: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': ucs2length,
  'ajv/dist/runtime/uri': uri,
  'ajv/dist/runtime/equal': equal,
  'ajv/dist/runtime/validation_error': validationError,
  'ajv-formats/dist/formats': formats,
};

function runtimeRequire(id: string): unknown {
  const m = REQUIRABLE[id];
  if (!m) throw new Error(`generated validator requires ${id}`);
  return m;
}

/** A factory from the source `standaloneSource` wrote (compiling it is V8's work, not ajv's). */
export function factoryOf(body: string): StandaloneFactory {
  const make = new Function('runtime', body) as (
    r: StandaloneRuntime & { require: typeof runtimeRequire },
  ) => Record<string, ValidateFunction>;
  return (runtime) => make({ ...runtime, require: runtimeRequire });
}

/** The factory of a module written at build time (`module.exports = function (runtime) {…}`), with `require` supplied. */
export function moduleFactory(make: (runtime: unknown) => Record<string, ValidateFunction>): StandaloneFactory {
  return (runtime) => make({ ...runtime, require: runtimeRequire });
}

/** The runtime over documents by URI: schema objects are found by pointer in them. */
export function schemaLookup(documents: (doc: string) => unknown): StandaloneRuntime['schema'] {
  return (doc, pointer) => {
    const found = atPointer(documents(doc), pointer);
    if (found === undefined) throw new Error(`generated validator names ${doc}#${pointer}, which is not there`);
    return found;
  };
}
