import type { JSONPath } from '../../document/ast';

/**
 * Where the cursor is, in format-neutral terms: completing a key of the mapping at `path`, a
 * value of the property at `path`, or a new item of the list at `path`.
 */
export interface CompletionSite {
  kind: 'key' | 'value' | 'item';
  path: JSONPath;
  /** What is typed so far (quotes removed). */
  partial: string;
  /** The range the chosen item replaces. */
  replace: { offset: number; length: number };
  /** The indentation of keys at this position (YAML), or of the enclosing line (JSON). */
  indent: string;
  /** Keys already present in the mapping (key completion). */
  existing: Set<string>;
  /** JSON: a property follows, so the inserted text needs a trailing comma. */
  needsComma?: boolean;
  /** JSON: the partial is inside quotes. */
  quoted?: boolean;
  /** The whole document is empty (whole-document templates are offered). */
  emptyDocument?: boolean;
}
