import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createRegExpEngine, type PatternReport } from './regex';

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

export type Draft = 'draft-07' | '2019-09' | '2020-12';

/** Deprecated values met during one validation run; filled by the `deprecationMessage` keyword. */
export interface DeprecationSink {
  found: Array<{ instancePath: string; message: string; replacement?: string }>;
}

/** The draft a schema declares in `$schema` (draft-07 when absent or older). */
export function draftOf(schema: unknown): Draft {
  const s = schema && typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof s === 'string') {
    if (s.includes('2020-12')) return '2020-12';
    if (s.includes('2019-09')) return '2019-09';
  }
  return 'draft-07';
}

/** Create an ajv instance configured the way every schema of the product is validated. */
export function createAjv(
  opts: {
    draft?: Draft;
    trusted?: boolean;
    patterns?: PatternReport;
    deprecations?: DeprecationSink;
    extra?: Options;
  } = {},
): Ajv {
  const options: Options = {
    allErrors: true,
    strict: false,
    validateFormats: true,
    validateSchema: false,
    allowUnionTypes: true,
    verbose: true,
    inlineRefs: true,
    code: { regExp: createRegExpEngine(opts.trusted ?? true, opts.patterns ?? { unsafe: new Set() }) },
    ...opts.extra,
  };
  const draft = opts.draft ?? 'draft-07';
  const ajv: Ajv =
    draft === '2020-12' ? new Ajv2020(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  for (const keyword of editorKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  const sink = opts.deprecations;
  ajv.addKeyword({
    keyword: 'deprecationMessage',
    schemaType: 'string',
    errors: false,
    validate: (message: string, _data: unknown, parentSchema?: unknown, cxt?: { instancePath: string }) => {
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
    },
  });
  return ajv;
}
