/**
 * The bundled schemas compiled ahead of time: one module of generated validators per config kind
 * (its `$id` and the `$id`s of its format versions), and one for the other bundled documents. The
 * build writes them (scripts/gen-validators.mjs); the store instantiates a kind's module when a
 * document of that kind is first validated, so nothing is compiled for a bundled kind at run time.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv, deprecationRecorder, type DeprecationSink } from './ajv';
import { equalityFunctions } from './equal';
import { createRegExpEngine, type PatternReport } from './regex';
import { locator, schemaLookup, standaloneSource, type StandaloneFactory } from './standalone';
import type { BundledSchemas } from './store';

/** Name of the module holding the bundled documents that are no kind's (shared definitions). */
export const SHARED_MODULE = 'shared';

export interface PrecompiledSource {
  /** Module name: a catalog id, or `shared`. */
  name: string;
  /** The schema `$id`s it exports a validator for. */
  uris: string[];
  /** The body of a function of `runtime` (see `standaloneSource`). */
  source: string;
}

/** The bundled documents grouped by module: each kind with its versions, then the rest. */
export function precompileGroups(bundled: BundledSchemas): Array<{ name: string; uris: string[] }> {
  const groups: Array<{ name: string; uris: string[] }> = [];
  const taken = new Set<string>();
  for (const e of bundled.catalog) {
    const uris = [e.uri, ...(e.versions ?? []).map((v) => v.uri)].filter((u) => u in bundled.schemas && !taken.has(u));
    for (const u of uris) taken.add(u);
    if (uris.length) groups.push({ name: e.id, uris });
  }
  const rest = Object.keys(bundled.schemas).filter((u) => !taken.has(u));
  if (rest.length) groups.push({ name: SHARED_MODULE, uris: rest });
  return groups;
}

/** Generate the validator modules of every bundled schema, compiled as the store compiles them in process. */
export function precompileBundled(bundled: BundledSchemas): PrecompiledSource[] {
  const ajv = createAjv({
    dialect: 'draft-07',
    trusted: true,
    standalone: true,
    patterns: { unsafe: new Set() },
    deprecations: { found: [] },
  });
  for (const [uri, schema] of Object.entries(bundled.schemas)) ajv.addSchema(schema, uri);
  const locate = locator(Object.entries(bundled.schemas));
  return precompileGroups(bundled).map(({ name, uris }) => ({
    name,
    uris,
    source: standaloneSource(ajv, Object.fromEntries(uris.map((u) => [u, u])), locate),
  }));
}

/** The runtime of the bundled schemas' generated code: their live documents, native patterns, the store's sinks. */
export function bundledRuntime(
  schemas: Record<string, object>,
  deprecations: DeprecationSink,
  patterns: PatternReport,
): Parameters<StandaloneFactory>[0] {
  return {
    schema: schemaLookup((doc) => (Object.prototype.hasOwnProperty.call(schemas, doc) ? schemas[doc] : undefined)),
    regExp: createRegExpEngine(true, patterns),
    fn: { ...equalityFunctions, deprecationMessage: deprecationRecorder(deprecations) },
  };
}

/** A module of precompiled validators as the shell found it: its name and factory. */
export interface PrecompiledModule {
  name: string;
  factory: StandaloneFactory;
}

/** Validators of instantiated modules, by module name (null when a module failed to load). */
export class PrecompiledValidators {
  private readonly instances = new Map<string, Record<string, ValidateFunction> | null>();

  constructor(
    private readonly find: ((uri: string) => PrecompiledModule | undefined) | undefined,
    private readonly runtime: () => Parameters<StandaloneFactory>[0],
  ) {}

  /** The precompiled validator of a bundled `$id` (no JSON pointer), if the build made one. */
  get(uri: string): ValidateFunction | undefined {
    const mod = this.find?.(uri);
    if (!mod) return undefined;
    let exports = this.instances.get(mod.name);
    if (exports === undefined) {
      try {
        exports = mod.factory(this.runtime());
      } catch {
        exports = null;
      }
      this.instances.set(mod.name, exports);
    }
    return exports?.[uri];
  }
}
