import draft04 from 'ajv-draft-04/dist/refs/json-schema-draft-04.json';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import s2019 from 'ajv/dist/refs/json-schema-2019-09/schema.json';
import s2019Applicator from 'ajv/dist/refs/json-schema-2019-09/meta/applicator.json';
import s2019Content from 'ajv/dist/refs/json-schema-2019-09/meta/content.json';
import s2019Core from 'ajv/dist/refs/json-schema-2019-09/meta/core.json';
import s2019Format from 'ajv/dist/refs/json-schema-2019-09/meta/format.json';
import s2019MetaData from 'ajv/dist/refs/json-schema-2019-09/meta/meta-data.json';
import s2019Validation from 'ajv/dist/refs/json-schema-2019-09/meta/validation.json';
import s2020 from 'ajv/dist/refs/json-schema-2020-12/schema.json';
import s2020Applicator from 'ajv/dist/refs/json-schema-2020-12/meta/applicator.json';
import s2020Content from 'ajv/dist/refs/json-schema-2020-12/meta/content.json';
import s2020Core from 'ajv/dist/refs/json-schema-2020-12/meta/core.json';
import s2020Format from 'ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json';
import s2020MetaData from 'ajv/dist/refs/json-schema-2020-12/meta/meta-data.json';
import s2020Unevaluated from 'ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json';
import s2020Validation from 'ajv/dist/refs/json-schema-2020-12/meta/validation.json';

/** The JSON Schema dialects a schema may be written in. */
export type Dialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** A schema that names no dialect is read as draft-07, the dialect of most editor schemas. */
export const DEFAULT_DIALECT: Dialect = 'draft-07';

/** The meta-schemas of every dialect by `$id` (no trailing `#`), so a schema may `$ref` one offline. */
export const META_SCHEMAS: ReadonlyMap<string, object> = new Map(
  [
    draft04,
    draft06,
    draft07,
    s2019,
    s2019Applicator,
    s2019Content,
    s2019Core,
    s2019Format,
    s2019MetaData,
    s2019Validation,
    s2020,
    s2020Applicator,
    s2020Content,
    s2020Core,
    s2020Format,
    s2020MetaData,
    s2020Unevaluated,
    s2020Validation,
  ].map((s) => {
    const o = s as { $id?: string; id?: string };
    return [normalizeUri(o.$id ?? o.id ?? ''), s as object] as const;
  }),
);

const STANDARD: Array<[RegExp, Dialect]> = [
  [/^https?:\/\/json-schema\.org\/draft-0[34]\/schema$/, 'draft-04'],
  [/^https?:\/\/json-schema\.org\/draft-06\/schema$/, 'draft-06'],
  [/^https?:\/\/json-schema\.org\/draft-07\/schema$/, 'draft-07'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/(draft\/2020-12\/)?schema$/, '2020-12'],
];

/** A URI without its empty fragment (`…/schema#` and `…/schema` are the same document). */
export function normalizeUri(uri: string): string {
  return uri.replace(/#$/, '');
}

/** The dialect a standard meta-schema URI names, or undefined for any other URI. */
export function standardDialect(metaSchema: string): Dialect | undefined {
  const uri = normalizeUri(metaSchema.trim());
  for (const [re, d] of STANDARD) if (re.test(uri)) return d;
  return undefined;
}

/** A last resort for a meta-schema that cannot be read: the dialect its URI mentions. */
export function dialectMentioned(metaSchema: string): Dialect {
  if (/2020-12/.test(metaSchema)) return '2020-12';
  if (/2019-09/.test(metaSchema)) return '2019-09';
  if (/draft-0?[34]\b|draft0?[34]\b/.test(metaSchema)) return 'draft-04';
  if (/draft-0?6\b|draft0?6\b/.test(metaSchema)) return 'draft-06';
  return DEFAULT_DIALECT;
}

const VOCAB = {
  '2019-09': 'https://json-schema.org/draft/2019-09/vocab/',
  '2020-12': 'https://json-schema.org/draft/2020-12/vocab/',
};

/** Validation keywords by vocabulary, for meta-schemas that leave a vocabulary out. */
const VOCABULARY_KEYWORDS: Record<string, string[]> = {
  validation: [
    'type',
    'enum',
    'const',
    'multipleOf',
    'maximum',
    'exclusiveMaximum',
    'minimum',
    'exclusiveMinimum',
    'maxLength',
    'minLength',
    'pattern',
    'maxItems',
    'minItems',
    'uniqueItems',
    'maxContains',
    'minContains',
    'maxProperties',
    'minProperties',
    'required',
    'dependentRequired',
  ],
  applicator: [
    'prefixItems',
    'items',
    'contains',
    'additionalProperties',
    'properties',
    'patternProperties',
    'dependentSchemas',
    'propertyNames',
    'if',
    'then',
    'else',
    'allOf',
    'anyOf',
    'oneOf',
    'not',
    'additionalItems',
  ],
  unevaluated: ['unevaluatedItems', 'unevaluatedProperties'],
};

/** What a custom meta-schema's `$vocabulary` says: keywords switched off, and whether `format` asserts. */
export interface Vocabularies {
  disabled: string[];
  /** True or false when the meta-schema says; undefined when it does not declare vocabularies. */
  formatAssertion?: boolean;
}

export function vocabulariesOf(meta: unknown, dialect: Dialect): Vocabularies {
  const declared = meta && typeof meta === 'object' ? (meta as { $vocabulary?: unknown }).$vocabulary : undefined;
  if ((dialect !== '2019-09' && dialect !== '2020-12') || !declared || typeof declared !== 'object')
    return { disabled: [] };
  const prefix = VOCAB[dialect];
  const names = new Set(
    Object.keys(declared)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length)),
  );
  const disabled: string[] = [];
  for (const [vocab, keywords] of Object.entries(VOCABULARY_KEYWORDS)) {
    // 2019-09 has the unevaluated keywords in its applicator vocabulary.
    const name = vocab === 'unevaluated' && dialect === '2019-09' ? 'applicator' : vocab;
    if (!names.has(name)) disabled.push(...keywords);
  }
  const formatAssertion =
    dialect === '2020-12'
      ? names.has('format-assertion')
      : names.has('format') && (declared as Record<string, unknown>)[prefix + 'format'] === true;
  return { disabled, formatAssertion };
}
