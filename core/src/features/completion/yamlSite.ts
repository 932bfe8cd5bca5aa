import type { ASTNode, JSONPath, ObjectNode } from '../../document/ast';
import { findNodeAtOffset, getNodePath, deref, findNodeAtPath } from '../../document/ast';
import type { DocumentPart } from '../../document/document';
import type { CompletionSite } from './types';
import { lineEndOf, lineStartOf } from '../../document/lineBreaks';

interface Line {
  start: number;
  text: string;
}

// Lines end at LF, CRLF or a lone CR, as for the readers and LSP clients.
function lineAt(text: string, offset: number): Line {
  const start = lineStartOf(text, offset);
  return { start, text: text.slice(start, lineEndOf(text, offset)) };
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  const end = line.start - (text.charCodeAt(line.start - 1) === 10 && text.charCodeAt(line.start - 2) === 13 ? 2 : 1);
  const start = lineStartOf(text, end);
  return { start, text: text.slice(start, end) };
}

/**
 * `key: value` (or `key:` ending the text) split at the first colon followed by a blank, in linear
 * time: the regular expression this replaces backtracked quadratically on a long line without one.
 */
function keyValue(rest: string): { key: string; value?: string } | undefined {
  const m = /:\s/.exec(rest);
  if (m) return { key: rest.slice(0, m.index), value: rest.slice(m.index + 1).trimStart() };
  return rest.endsWith(':') ? { key: rest.slice(0, -1) } : undefined;
}

/** Leading spaces, then `- ` markers: the column where a key on this line starts. */
function shape(s: string): { indent: number; keyCol: number; dashes: number; rest: string } {
  // `s`: a NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR in the line is content, not its end.
  const m = /^( *)((?:- +|-$)*)(.*)$/s.exec(s)!;
  const dashText = m[2];
  return {
    indent: m[1].length,
    keyCol: m[1].length + dashText.length,
    dashes: (dashText.match(/-/g) ?? []).length,
    rest: m[3],
  };
}

/**
 * The offset just past the `:` of a key at the start of `rest` (double- or single-quoted, or plain
 * up to its first `:` or `#`), or -1; with `blank`, the `:` must be followed by a blank or the end.
 * A scan, not a regular expression: those backtracked quadratically on a long line without a colon.
 */
function keyColonEnd(rest: string, blank: boolean): number {
  let i: number;
  const c = rest[0];
  if (c === '"' || c === "'") {
    const m = (c === '"' ? /^"(?:[^"\\]|\\.)*"/ : /^'(?:[^']|'')*'/).exec(rest);
    if (!m) return -1;
    i = m[0].length;
    while (i < rest.length && /\s/.test(rest[i])) i++;
  } else {
    if (c === undefined || /[\s#:]/.test(c)) return -1;
    i = 1;
    while (i < rest.length && rest[i] !== ':' && rest[i] !== '#') i++;
  }
  if (rest[i] !== ':') return -1;
  i++;
  return blank && i < rest.length && !/\s/.test(rest[i]) ? -1 : i;
}

/**
 * The word before each `:` of a flow mapping's text (`{a: 1, b: 2` → a, b), scanning back from
 * each colon: a regular expression scanning forward from every position backtracked
 * quadratically on a long run of word characters.
 */
function keysBeforeColons(s: string): string[] {
  const keys: string[] = [];
  const stop = (c: string): boolean => c === ',' || c === '{' || c === ':' || /\s/.test(c);
  for (let c = s.indexOf(':'); c >= 0; c = s.indexOf(':', c + 1)) {
    let end = c;
    while (end > 0 && /\s/.test(s[end - 1])) end--;
    let start = end;
    while (start > 0 && !stop(s[start - 1])) start--;
    if (start < end) keys.push(s.slice(start, end));
  }
  return keys;
}

/** `key:` followed by a blank or the end. */
const isKeyLine = (rest: string): boolean => keyColonEnd(rest, true) >= 0;

/** `key:` with nothing after it but properties (`&anchor`, `!tag`) and a comment. */
function hasEmptyValue(rest: string): boolean {
  const end = keyColonEnd(rest, false);
  return end >= 0 && /^\s*(?:[&!]\S*\s*)*(?:#.*)?$/.test(rest.slice(end));
}

function objectPath(node: ASTNode | undefined): JSONPath | undefined {
  let cur = node;
  while (cur && cur.type !== 'property') cur = cur.parent;
  if (!cur || !cur.parent) return undefined;
  return getNodePath(cur.parent);
}

/** The path of the value of the key on a line (`key:` with its children below). */
function valuePathOfKeyAt(root: ASTNode | undefined, offset: number, key: string): JSONPath | undefined {
  let cur = findNodeAtOffset(root, offset);
  while (cur && cur.type !== 'property') cur = cur.parent;
  if (!cur || cur.type !== 'property') return undefined;
  const parentPath = cur.parent ? getNodePath(cur.parent) : [];
  return [...parentPath, cur.keyNode.value || key];
}

/**
 * The mapping (or list) that owns a column at a line: walk up to a sibling key at the same column
 * or to the parent line with a smaller indentation. Works on a tree read with the current line
 * blanked, so half-typed input never confuses it.
 */
function containerAt(
  text: string,
  root: ASTNode | undefined,
  line: Line,
  column: number,
  partStart: number,
): { path: JSONPath; array?: boolean } | undefined {
  let l: Line | undefined = line;
  for (let n = 0; n < 20_000 && (l = previousLine(text, l!)) && l.start >= partStart; n++) {
    const t = l.text;
    if (/^\s*(#.*)?$/.test(t)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(t)) break;
    const s = shape(t);
    if (s.keyCol === column && isKeyLine(s.rest)) return pathOr(objectPath(findNodeAtOffset(root, l.start + s.keyCol)));
    if (s.dashes > 0 && s.indent === column) {
      // A sibling list item: the list is what owns this column.
      const item = findNodeAtOffset(root, l.start + s.indent + 1);
      let cur = item;
      while (cur && cur.type !== 'array') cur = cur.parent;
      return cur ? { path: getNodePath(cur), array: true } : undefined;
    }
    if (s.keyCol < column || (s.indent < column && s.dashes > 0)) {
      if (s.dashes > 0 && s.rest.trim() === '') {
        const item = findNodeAtOffset(root, l.start + s.indent + 1);
        let cur = item;
        while (cur && cur.type !== 'array') cur = cur.parent;
        if (!cur) return undefined;
        return { path: [...getNodePath(cur), (cur as { items: unknown[] }).items.length - 1] };
      }
      if (hasEmptyValue(s.rest)) {
        const key = s.rest
          .slice(0, keyColonEnd(s.rest, false) - 1)
          .trimEnd()
          .replace(/^["']|["']$/g, '');
        const p = valuePathOfKeyAt(root, l.start + s.keyCol, key);
        return p ? { path: p } : undefined;
      }
      if (s.keyCol < column && s.dashes > 0 && isKeyLine(s.rest)) {
        // `- key: value` then a deeper line: a sibling key of the item's mapping only when aligned.
        return undefined;
      }
      return undefined;
    }
  }
  return column === 0 ? { path: [] } : undefined;
}

function pathOr(p: JSONPath | undefined): { path: JSONPath } | undefined {
  return p ? { path: p } : undefined;
}

function existingKeys(root: ASTNode | undefined, path: JSONPath): Set<string> {
  const { node, depth } = findNodeAtPath(root, path);
  const obj = depth === path.length ? deref(node) : undefined;
  return new Set(obj && obj.type === 'object' ? (obj as ObjectNode).properties.map((p) => p.keyNode.value) : []);
}

function unquote(s: string): { text: string; quoted: boolean } {
  const m = /^(["'])(.*?)\1?$/.exec(s);
  return m ? { text: m[2], quoted: true } : { text: s, quoted: false };
}

/**
 * The completion site in a YAML text at `offset`. `part` is the document read with the current
 * line blanked (see partAtOffset), `text` the original text.
 */
export function yamlSite(text: string, offset: number, part: DocumentPart | undefined): CompletionSite | undefined {
  const line = lineAt(text, offset);
  const before = line.text.slice(0, offset - line.start);
  if (/(^|\s)#/.test(before.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""'))) return undefined;
  const root = part?.root;
  const partStart = part?.start ?? 0;
  const empty =
    text.trim() === '' ||
    (root === undefined && /^\s*(#.*)?$/.test(before) && text.replace(/#.*$/gm, '').trim() === '');
  const s = shape(before);

  // Flow mapping on this line: `key: { a: 1, b|`.
  const flow = flowSite(before, line.start, s, root, text, partStart, offset);
  if (flow) return flow;

  const keyMatch = keyValue(s.rest);
  if (!keyMatch || /^["'][^"']*$/.test(s.rest)) {
    // Typing a key (or a list item value) at column keyCol.
    const partial = unquote(s.rest);
    const replace = {
      offset: line.start + s.keyCol,
      length: before.length - s.keyCol + (line.text.slice(before.length).match(/^[^\s:#]*/)?.[0].length ?? 0),
    };
    if (s.dashes > 0) {
      const owner = containerAt(text, root, line, s.indent, partStart);
      if (!owner) return undefined;
      const arrayPath = owner.array ? owner.path : owner.path;
      const { node } = findNodeAtPath(root, arrayPath);
      const arr = deref(node);
      const index = arr && arr.type === 'array' ? arr.items.length : 0;
      return {
        kind: 'item',
        path: [...arrayPath, index],
        partial: partial.text,
        replace,
        indent: ' '.repeat(s.keyCol),
        existing: new Set(),
        quoted: partial.quoted,
      };
    }
    const owner = containerAt(text, root, line, s.keyCol, partStart);
    if (!owner)
      return empty
        ? {
            kind: 'key',
            path: [],
            partial: partial.text,
            replace,
            indent: '',
            existing: new Set(),
            emptyDocument: true,
          }
        : undefined;
    return {
      kind: 'key',
      path: owner.path,
      partial: partial.text,
      replace,
      indent: ' '.repeat(s.keyCol),
      existing: existingKeys(root, owner.path),
      quoted: partial.quoted,
      emptyDocument: empty,
    };
  }
  // `key: partial`: completing the value.
  const key = unquote(keyMatch.key.trim()).text;
  const valueText = keyMatch.value ?? '';
  const valueStart = line.start + before.length - valueText.length;
  const after = line.text.slice(before.length).match(/^[^\s#]*/)?.[0] ?? '';
  const partial = unquote(valueText);
  let ownerPath: JSONPath | undefined;
  if (s.dashes > 0) {
    const owner = containerAt(text, root, line, s.indent, partStart);
    if (!owner) return undefined;
    const { node } = findNodeAtPath(root, owner.path);
    const arr = deref(node);
    ownerPath = [...owner.path, arr && arr.type === 'array' ? arr.items.length : 0];
  } else ownerPath = containerAt(text, root, line, s.keyCol, partStart)?.path;
  if (!ownerPath) return undefined;
  return {
    kind: 'value',
    path: [...ownerPath, key],
    partial: partial.text,
    replace: { offset: valueStart, length: valueText.length + after.length },
    indent: ' '.repeat(s.keyCol),
    existing: new Set(),
    quoted: partial.quoted,
  };
}

function flowSite(
  before: string,
  lineStart: number,
  s: ReturnType<typeof shape>,
  root: ASTNode | undefined,
  text: string,
  partStart: number,
  offset: number,
): CompletionSite | undefined {
  let depth = 0;
  let open = -1;
  let inQuote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (inQuote) {
      if (c === inQuote) inQuote = undefined;
      continue;
    }
    if (c === '"' || c === "'") inQuote = c;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) open = i;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) open = -1;
    }
  }
  if (depth !== 1 || open < 0) return undefined;
  const head = before.slice(s.keyCol, open);
  const headKey = head.trimEnd();
  if (!headKey.endsWith(':')) return undefined;
  const key = unquote(headKey.slice(0, -1).trim()).text;
  const owner = containerAt(text, root, { start: lineStart, text: before }, s.keyCol, partStart);
  if (!owner) return undefined;
  const path = [...owner.path, key];
  const inner = before.slice(open + 1);
  const seg = inner.slice(inner.lastIndexOf(',') + 1);
  const isMap = before[open] === '{';
  const colon = seg.indexOf(':');
  const vm = colon < 0 ? undefined : [seg, seg.slice(0, colon).trim(), seg.slice(colon + 1).trimStart()];
  if (isMap && vm) {
    return {
      kind: 'value',
      path: [...path, unquote(vm[1]).text],
      partial: unquote(vm[2]).text,
      replace: { offset: offset - vm[2].length, length: vm[2].length },
      indent: '',
      existing: new Set(),
    };
  }
  const partial = seg.trimStart();
  const replace = { offset: offset - partial.length, length: partial.length };
  if (isMap) {
    const existing = new Set<string>();
    for (const k of keysBeforeColons(inner)) existing.add(unquote(k).text);
    return { kind: 'key', path, partial: unquote(partial).text, replace, indent: '', existing };
  }
  return {
    kind: 'value',
    path: [...path, (inner.match(/,/g) ?? []).length],
    partial: unquote(partial).text,
    replace,
    indent: '',
    existing: new Set(),
  };
}
