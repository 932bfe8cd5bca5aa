/**
 * A problem the core found, before it becomes an LSP diagnostic: a stable code, an absolute range,
 * the message (already localized) and typed data for quick fixes. Severity is the code's default
 * unless the problem sets its own; settings may override it per code.
 */
import type { Code, CodeFamily, Severity } from './codes';
import type { JSONPath } from './document/ast';
import type { FixDescriptor } from './fixes';
import type { ReadRefusal } from './host/files';
import type { KeyPath, MessageArgs, ProblemMessageId } from './messages';

/** What the data of any problem may carry, whatever its code. */
export interface CommonData {
  /** Path of the node the problem is about, in its document part. */
  path?: JSONPath;
  /** Quick fixes the finder knows (core/src/fixes.ts). */
  fixes?: FixDescriptor[];
  /** A rule problem that replaces the schema's problem of this code at the same path. */
  supersedes?: Code;
  /** The schema problems a rule problem replaces elsewhere (see rules/index.ts). */
  superseded?: Array<{ code: Code; path?: JSONPath }>;
}

/** `yaml.*`, `json.*`, `document.*`: what the readers (and the file reader of the host) found. */
export interface ReadData extends CommonData {
  /** The YAML library's own error code (`BAD_INDENT`, …). */
  yamlCode?: string;
  /** jsonc-parser's error code name. */
  jsonCode?: string;
  /** The duplicated key. */
  key?: string;
  /** A Unicode line break's code point (`U+2028`). */
  codePoint?: string;
  /** That line break's name (`LINE SEPARATOR`). */
  name?: string;
  /** Offset of the key's first occurrence. */
  firstOffset?: number;
  detail?: string;
  max?: number;
  alias?: string;
  expanded?: number;
  /** `yaml.ambiguous-scalar`: the kind of ambiguity, the source text and what the schema expects. */
  kind?: string;
  value?: string;
  expected?: 'boolean' | 'string' | 'number';
  replacement?: string;
  keyword?: string;
  schemaPath?: string;
  as11?: string;
  as12?: string;
  /** `document.encoding`: the encoding the byte order mark names (`utf-16le`, …). */
  encoding?: string;
  /** `document.invalid-utf8`: the 1-based line of the first invalid byte, and how many invalid sequences. */
  line?: number;
  count?: number;
  /** `document.too-large`: the document's size and the limit, in characters. */
  size?: number;
  limit?: number;
}

/** `schema.*`: validation against the JSON Schema, and schema loading. */
export interface SchemaData extends CommonData {
  /** The ajv keyword and schema path behind the problem. */
  keyword?: string;
  schemaPath?: string;
  /** Missing required keys (`schema.required`). */
  missing?: string[];
  /** A default the schema gives for the missing key. */
  defaultValue?: unknown;
  /** Allowed values or keys, and the closest ones to what is written. */
  allowed?: unknown[];
  suggestions?: unknown[];
  expected?: string | string[];
  actualType?: string;
  replacement?: string;
  /** `schema.unique-items`: the index of the second occurrence. */
  duplicateIndex?: number;
  property?: string;
  propertyName?: boolean;
  limit?: number;
  /** The schema file a loading problem is about, and what went wrong (never the file's content). */
  uri?: string;
  detail?: string;
  /** Why the reader did not read the schema file (outside the workspace, not a regular file, …). */
  refusal?: ReadRefusal;
  pattern?: string;
}

/** `ref.*`: the cross-file checks of the workspace index. */
export interface RefData extends CommonData {
  name?: string;
  namespace?: string;
  tenant?: string;
  suggestions?: string[];
  /** Other definitions of a duplicated name. */
  others?: Array<{ uri: string; offset: number; length: number }>;
  /** What removing an unused definition removes. */
  definitionPath?: JSONPath;
  owner?: string;
  cycle?: string[];
  locale?: string;
  locales?: string[];
  definedIn?: string[];
  referenceLocale?: string;
  missing?: string[];
  extra?: string[];
  types?: unknown[];
}

/** `secret.*`: a secret in a value; the data names the key and the kind of secret, never the value. */
export interface SecretData extends CommonData {
  key?: string;
  kind?: string;
  /** The environment variable the quick fix puts in place of the secret. */
  envVar?: string;
}

/**
 * The language checkers' families (PromQL, templates, durations, cron, Intl, CIDR, matchers) and
 * the semantic rule families: the message's arguments and the rule's own details, by name.
 */
export interface DetailData extends CommonData {
  missing?: string | string[];
  [detail: string]: unknown;
}

/**
 * The data type of each code family. A code of a family not listed here (a new family, added by a
 * row of the codes table) has `DetailData` until it gets its own entry.
 */
export interface DataByFamily {
  yaml: ReadData;
  json: ReadData;
  document: ReadData;
  schema: SchemaData;
  ref: RefData;
  secret: SecretData;
  promql: DetailData;
  template: DetailData;
  duration: DetailData;
  cron: DetailData;
  intl: DetailData;
  cidr: DetailData;
  matcher: DetailData;
  localization: DetailData;
  rules: DetailData;
  prometheus: DetailData;
  relabel: DetailData;
  http: DetailData;
  alertmanager: DetailData;
  policy: DetailData;
}

/** The data of problems of a code (or of a union of codes: the union of their families' data). */
export type ProblemData<C extends Code = Code> = C extends `${infer F}.${string}`
  ? F extends keyof DataByFamily
    ? DataByFamily[F]
    : DetailData
  : never;

/**
 * A message that states places of the document ("opened at line 36, column 31"): `offsets` are
 * in the same text as the problem's `offset` and move with it; `toDiagnostics` says the message
 * again with their lines and columns in the whole document (a chunk of a stream is checked, and
 * cached, on its own).
 */
export interface PlacedMessage {
  id: ProblemMessageId;
  at: KeyPath;
  args: MessageArgs;
  offsets: Record<string, number>;
}

export interface Problem<C extends Code = Code> {
  code: C;
  offset: number;
  length: number;
  message: string;
  placed?: PlacedMessage;
  data?: ProblemData<C>;
  severity?: Severity;
  tags?: Array<'deprecated' | 'unnecessary'>;
}

/** The codes of one family (`CodeOf<'schema'>`: every `schema.*` code). */
export type CodeOf<F extends CodeFamily> = Extract<Code, `${F}.${string}`>;

/** A problem of the cross-file checks (`ref.*`). */
export type RefProblem = Problem<CodeOf<'ref'>>;

/** Whether a problem has a given code; narrows its data to the code's family. */
export function hasCode<C extends Code>(p: Problem, code: C): p is Problem<C> {
  return p.code === code;
}

/** Whether a problem is of a family (`inFamily(p, 'schema')`); narrows its code and data. */
export function inFamily<F extends CodeFamily>(p: Problem, family: F): p is Problem<CodeOf<F>> {
  return p.code.startsWith(family + '.');
}

/**
 * The data of a diagnostic as it comes back from a client (a code action request): any family's,
 * the common fields typed, the others read defensively.
 */
export type AnyProblemData = CommonData & { [field: string]: unknown };

/** Whether a diagnostic's data is an object we can read (`diagnosticData(d)?.path`). */
function isData(value: unknown): value is AnyProblemData {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function diagnosticData(d: { data?: unknown }): AnyProblemData | undefined {
  return isData(d.data) ? d.data : undefined;
}
