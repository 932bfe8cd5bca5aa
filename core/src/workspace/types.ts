/**
 * Types of the cross-file workspace index: what is extracted from one file (names defined and
 * referenced, with ranges), and what the index answers (locations, edits, completion names).
 * Offsets are UTF-16 offsets into the file text, as everywhere in the core.
 */
import type { JSONPath, ScalarStyle } from '../document/ast';
import type { Severity } from '../codes';

/** A family of names that reference each other across files. */
export type Namespace =
  | 'receiver'
  | 'role'
  | 'environment'
  | 'template'
  | 'template-block'
  | 'queue'
  | 'locale'
  | 'time-interval'
  | 'tenant'
  | 'dashboard'
  | 'job';

/** One name written in a file: a definition or a reference. */
export interface Occurrence {
  uri: string;
  ns: Namespace;
  role: 'def' | 'ref';
  name: string;
  /** Range of the name itself in the text (inside quotes, inside a Go template string). */
  offset: number;
  length: number;
  /** JSON path of the scalar or key holding the name. */
  readonly path: JSONPath;
  /** Index of the YAML document in the stream. */
  part: number;
  /** Scalar style of the node holding the name (`json` for JSON strings). */
  style: ScalarStyle;
  /** The name is a mapping key rather than a value. */
  key: boolean;
  /** The name is written inside a Go template string literal (`{{ template "x" }}`). */
  go: boolean;
  /** The name is the whole scalar (false inside template strings). */
  whole: boolean;
  /** The range holds exactly the name as written (no escapes); only such names are renamed. */
  exact: boolean;
  /** For role `inherits` references: the role that inherits. */
  owner?: string;
  /** Undefined references here are reported by a single-file rule, not by the index. */
  unchecked?: boolean;
  /** Severity for an undefined reference, when it differs from the code's default. */
  severity?: Severity;
  /** Set by the index: the tenant of the document part (declared or inferred) and the resolution scope. */
  tenant: string | undefined;
  scope: string;
}

/** A reference position without a name yet (`receiver:` with no value, `inherits: []`). */
export interface Slot {
  ns: Namespace;
  part: number;
  offset: number;
  /** End offset (inclusive) up to which a cursor is still in the slot. */
  end: number;
  path: JSONPath;
}

/** One message of a locale (localization files), at `locales.<locale>.messages.<key>`. */
export interface MessageFact {
  key: string;
  valueOffset: number;
  valueLength: number;
  /** The message text (undefined when the value is not a string). */
  text?: string;
  /** ICU arguments name → type, computed on first use; null when the message does not parse. */
  args?: Record<string, string> | null;
}

export interface LocaleBlockFact {
  locale: string;
  keyOffset: number;
  keyLength: number;
  /** The `messages` key of the block, where missing translations are reported. */
  messagesKey?: { offset: number; length: number };
  messages: Map<string, MessageFact>;
}

export interface LocalizationFact {
  part: number;
  defaultLocale?: string;
  blocks: LocaleBlockFact[];
  /** Explicit fallbacks: locale → ordered fallback locales. */
  fallback: Map<string, string[]>;
}

/** A localized alert template (`<section>.<name>` with one entry per locale). */
export interface TemplateSetFact {
  part: number;
  section: 'templates' | 'alert_templates';
  name: string;
  offset: number;
  length: number;
  locales: string[];
}

/** Everything extracted from one file, before scopes are assigned. */
export interface FileFacts {
  uri: string;
  kind: string | undefined;
  lineStarts: number[];
  textLength: number;
  /** Declared `tenant_id` of each part (undefined when absent). */
  declaredTenants: Array<string | undefined>;
  occurrences: Occurrence[];
  slots: Slot[];
  /** Namespaces a part may define names of that the index cannot see (Alertmanager `templates:` globs). */
  wildcards: Array<{ ns: Namespace; part: number }>;
  localization: LocalizationFact[];
  templateSets: TemplateSetFact[];
  /**
   * Names quoted in free text of a part (string literals of ABAC conditions): not references (no
   * navigation, never undefined), but a definition they name is not reported unused.
   */
  mentions: Array<{ ns: Namespace; part: number; name: string }>;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  uri: string;
  offset: number;
  length: number;
  range: Range;
}

export interface NameEdit {
  offset: number;
  length: number;
  newText: string;
  range: Range;
}

export interface PrepareRenameResult {
  offset: number;
  length: number;
  range: Range;
  placeholder: string;
  namespace: Namespace;
}

export interface RenameResult {
  /** Edits per file uri, sorted by offset, never overlapping. */
  changes: Record<string, NameEdit[]>;
}

export interface CompletionNames {
  namespace: Namespace;
  /** Names visible from the position, sorted. */
  names: string[];
  /** The range a chosen name replaces (the partial name typed so far), when there is one. */
  replace?: { offset: number; length: number };
}
