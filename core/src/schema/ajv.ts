import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { createRegExpEngine, type PatternReport } from './regex';
import { DEFAULT_DIALECT, type Dialect } from './dialect';
import { useJsonEquality } from './equal';
import { useUnevaluatedItems } from './unevaluated';
import { linearErrors, standaloneName } from './standalone';

/**
 * Editor-only schema keywords we accept in every schema (ours, upstream and user schemas).
 * They carry documentation and editor hints; they never change validation.
 */
export const editorKeywords = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
  'x-replacement',
  'x-intellij-html-description',
  'x-intellij-language-injection',
  'x-taplo',
  'fileMatch',
] as const;

/** Deprecated values met during one validation run; filled by the `deprecationMessage` keyword. */
export interface DeprecationSink {
  found: Array<{ instancePath: string; message: string; replacement?: string }>;
}

/** The `deprecationMessage` keyword's function: records the deprecated value in `sink`, never fails. */
export function deprecationRecorder(sink: DeprecationSink | undefined) {
  return (message: string, _data: unknown, parentSchema?: unknown, cxt?: { instancePath: string }): boolean => {
    if (sink && cxt) {
      const replacement =
        parentSchema && typeof parentSchema === 'object'
          ? (parentSchema as Record<string, unknown>)['x-replacement']
          : undefined;
      sink.found.push({
        instancePath: cxt.instancePath,
        message,
        replacement: typeof replacement === 'string' ? replacement : undefined,
      });
    }
    return true;
  };
}

/**
 * Create an ajv instance configured the way every schema of the product is validated: one class
 * per dialect; draft-04 to draft-07 ignore the siblings of `$ref`, as those drafts say; `format`
 * asserted unless `formats` is false; `disabled` keywords (vocabularies a custom meta-schema leaves
 * out) removed. Equality (`const`, `enum`, `uniqueItems`) works on prototype-free document values.
 */
export function createAjv(
  opts: {
    dialect?: Dialect;
    trusted?: boolean;
    patterns?: PatternReport;
    deprecations?: DeprecationSink;
    formats?: boolean;
    disabled?: string[];
    /** Keep the generated code, for `standaloneSource` (the build's precompiled validators, worker compiles). */
    standalone?: boolean;
    extra?: Options;
  } = {},
): Ajv {
  const dialect = opts.dialect ?? DEFAULT_DIALECT;
  const options: Options = {
    allErrors: true,
    strict: false,
    validateFormats: opts.formats ?? true,
    validateSchema: false,
    allowUnionTypes: true,
    verbose: true,
    inlineRefs: true,
    logger: false,
    ignoreKeywordsWithRef: dialect === 'draft-04' || dialect === 'draft-06' || dialect === 'draft-07',
    code: {
      regExp: createRegExpEngine(opts.trusted ?? true, opts.patterns ?? { unsafe: new Set() }),
      process: linearErrors,
      ...(opts.standalone ? { source: true } : {}),
    },
    ...opts.extra,
  };
  let ajv: Ajv;
  if (dialect === '2020-12') ajv = new Ajv2020(options);
  else if (dialect === '2019-09') ajv = new Ajv2019(options);
  else if (dialect === 'draft-04') ajv = new AjvDraft04(options);
  else {
    ajv = new Ajv(options);
    if (dialect === 'draft-06') {
      ajv.addMetaSchema(draft06);
      // `if`/`then`/`else` came with draft-07.
      for (const k of ['if', 'then', 'else']) ajv.removeKeyword(k);
    }
  }
  addFormats(ajv);
  useJsonEquality(ajv);
  useUnevaluatedItems(ajv);
  for (const k of opts.disabled ?? []) if (ajv.getKeyword(k)) ajv.removeKeyword(k);
  for (const keyword of editorKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  ajv.addKeyword({
    keyword: 'deprecationMessage',
    schemaType: 'string',
    errors: false,
    validate: standaloneName(deprecationRecorder(opts.deprecations), 'deprecationMessage'),
  });
  return ajv;
}
