/**
 * Quick fixes as data. A rule, a language checker or the workspace index that knows how a problem
 * is fixed puts serialisable descriptors in the problem's `data.fixes`; the quick-fix engine
 * (features/fixes/descriptors.ts) turns them into edits for the current text, finding every node
 * again by its path, and verifies them like every other fix. Paths are relative to the document
 * part, like `data.path`. Titles are phrase ids of core/src/messages/fixes.ts (`fix.*`) with arguments.
 */
import type { JSONPath } from './document/ast';
import type { PhraseId } from './messages';
import type { CommonData } from './problem';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One change a fix makes. */
export type FixStep =
  /** Write a scalar value at `path` (YAML or JSON quoting by the dialect; a quoted string keeps its quotes). */
  | { kind: 'replace'; path: JSONPath; value: string | number | boolean | null; expect?: JsonValue }
  /**
   * Replace characters inside the string at `path` (or its key, with `key`): decoded offsets
   * `from`–`to` of the value, or a source range `offset`–`offset + length` inside the scalar.
   * `text` is the new decoded text; it is escaped for the scalar's style, or the whole scalar is
   * rewritten when it cannot be written in place. `expect` is the decoded text that must be there.
   */
  | {
      kind: 'replaceText';
      path: JSONPath;
      key?: boolean;
      from?: number;
      to?: number;
      offset?: number;
      length?: number;
      text: string;
      expect?: string;
    }
  /** Remove the property or the sequence item at `path`, with its own lines only (comments around it stay). */
  | { kind: 'remove'; path: JSONPath; expect?: JsonValue }
  /** Add properties to the mapping, or items to the sequence, at `path` (a property already there with the same value is left alone). */
  | {
      kind: 'insert';
      path: JSONPath;
      entries?: Array<{ key: string; value: string | number | boolean | null }>;
      items?: Array<string | number | boolean | null>;
    }
  /** Rename the key at `path` to `to`. */
  | { kind: 'rename'; path: JSONPath; to: string; expect?: string };

/**
 * A fix: its first step, more steps in `also`, a title and whether fix-all may apply it unattended.
 * Descriptors with the same title are alternatives: the first that verifies is offered.
 */
export type FixDescriptor = FixStep & {
  title: FixTitleId;
  args?: Record<string, string | number>;
  /** Deterministic and meaning-preserving: applied by `source.fixAll`. */
  safe?: boolean;
  /** The fix to apply by default; the first descriptor (and its alternatives) when absent. */
  preferred?: boolean;
  also?: FixStep[];
};

export type FixTitleId = Extract<PhraseId, `fix.${string}`>;

type Options = { safe?: boolean; preferred?: boolean; args?: Record<string, string | number> };

/** Show a value in a title as it would be written. */
export function shown(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const last = (path: JSONPath): string => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
};

/** A replacement of the value at `path`, titled `title`. */
function replaceWith(
  title: 'fix.change-to' | 'fix.set-value',
  path: JSONPath,
  value: string | number | boolean | null,
  expect: JsonValue | undefined,
  o: Options,
  args: Record<string, string>,
): FixDescriptor {
  return {
    kind: 'replace',
    path,
    value,
    expect,
    title,
    args: { ...args, ...o.args },
    safe: o.safe,
    preferred: o.preferred,
  };
}

/** "Change to `value`" at `path`. */
export function changeTo(
  path: JSONPath,
  value: string | number | boolean | null,
  expect: JsonValue | undefined,
  o: Options = {},
): FixDescriptor {
  return replaceWith('fix.change-to', path, value, expect, o, { value: shown(value) });
}

/** "Set `key` to `value`" at `path`. */
export function setValue(
  path: JSONPath,
  value: string | number | boolean | null,
  expect: JsonValue | undefined,
  o: Options = {},
): FixDescriptor {
  return replaceWith('fix.set-value', path, value, expect, o, { key: last(path), value: shown(value) });
}

/** "Remove `key`" (a property at `path`). */
export function removeKey(path: JSONPath, o: Options = {}): FixDescriptor {
  return {
    kind: 'remove',
    path,
    title: 'fix.remove-key',
    args: { key: last(path), ...o.args },
    safe: o.safe,
    preferred: o.preferred,
  };
}

/** "Remove `value` from `list`" (a sequence item at `path`). */
export function removeItem(path: JSONPath, value: string | number | boolean | null, o: Options = {}): FixDescriptor {
  return {
    kind: 'remove',
    path,
    expect: value,
    title: 'fix.remove-item',
    args: { value: shown(value), key: last(path), ...o.args },
    safe: o.safe,
    preferred: o.preferred,
  };
}

/** "Add `value` to `list`" (items appended to the sequence at `path`). */
export function addItems(
  path: JSONPath,
  items: Array<string | number | boolean | null>,
  o: Options = {},
): FixDescriptor {
  return {
    kind: 'insert',
    path,
    items,
    title: 'fix.add-item',
    args: { value: items.map(shown).join('`, `'), key: last(path), ...o.args },
    safe: o.safe,
    preferred: o.preferred,
  };
}

/** Replace decoded characters `from`–`to` of the string at `path` with `text`. */
export function replaceText(
  path: JSONPath,
  from: number,
  to: number,
  text: string,
  expect: string | undefined,
  title: FixTitleId,
  args: Record<string, string | number>,
  o: Options = {},
): FixDescriptor {
  return { kind: 'replaceText', path, from, to, text, expect, title, args, safe: o.safe, preferred: o.preferred };
}

/** The descriptors in a problem's data (anything malformed is dropped). */
export function descriptorsOf(data: Pick<CommonData, 'fixes'> | undefined): FixDescriptor[] {
  const list: unknown = data?.fixes;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (d): d is FixDescriptor =>
        !!d &&
        typeof d === 'object' &&
        typeof (d as FixDescriptor).title === 'string' &&
        typeof (d as FixDescriptor).kind === 'string' &&
        Array.isArray((d as FixDescriptor).path),
    )
    .slice(0, 12);
}
