/**
 * Fixes of the problems the readers find: a key set more than once, and a line break that only
 * YAML 1.1 readers see.
 */
import type { ASTNode, PropertyNode } from '../../document/ast';
import { eolNear, UNICODE_BREAKS, codePointName } from '../../document/lineBreaks';
import { removeProperty, overlaps, type OffsetEdit } from './edits';
import type { Fix, FixInput } from './fixes';
import { t } from '../../messages';

/** The property whose key starts at `offset`, searched only inside nodes that contain it. */
function propertyWithKeyAt(root: ASTNode | undefined, offset: number): PropertyNode | undefined {
  const stack: ASTNode[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object')
      for (const p of n.properties) {
        if (p.keyNode.offset === offset) return p;
        if (p.valueNode && p.valueNode.offset <= offset && offset <= p.valueNode.offset + p.valueNode.length)
          stack.push(p.valueNode);
      }
    else if (n.type === 'array')
      for (const i of n.items) if (i.offset <= offset && offset <= i.offset + i.length) stack.push(i);
  }
  return undefined;
}

function shown(text: string, prop: PropertyNode): string {
  const v = prop.valueNode;
  if (!v) return 'null';
  if (v.type === 'object') return '{…}';
  if (v.type === 'array') return '[…]';
  const s = text
    .slice(v.offset, v.offset + Math.min(v.length, 200))
    .trim()
    .replace(/\s+/g, ' ');
  if (s === '') return 'null';
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

/**
 * `document.duplicate-key` is reported on each occurrence that has no effect. Preferred: remove
 * it, which keeps the value every reader already uses. Also offered: keep it and remove the later
 * occurrences. Neither is safe for fix-all: which value was meant is not in the file.
 */
export function duplicateKeyFixes(input: FixInput): Fix[] {
  const { text } = input;
  const prop = propertyWithKeyAt(input.part.root, input.offset);
  const obj = prop?.parent;
  if (!prop || !obj || obj.type !== 'object') return [];
  const key = prop.keyNode.value;
  const later = obj.properties.slice(obj.properties.indexOf(prop) + 1).filter((p) => p.keyNode.value === key);
  if (later.length === 0) return [];
  const fixes: Fix[] = [];
  const removal = removeProperty(text, prop);
  if (removal)
    fixes.push({
      title: t('fix.remove-ignored-key', { key, kept: shown(text, later[later.length - 1]) }),
      edits: [removal],
      preferred: true,
    });
  const edits: OffsetEdit[] = [];
  for (const p of later) {
    const e = removeProperty(text, p);
    if (!e || edits.some((x) => overlaps(x, e))) return fixes;
    edits.push(e);
  }
  fixes.push({ title: t('fix.keep-this-key', { key, value: shown(text, prop) }), edits });
  return fixes;
}

/**
 * `yaml.unicode-line-break`: the character becomes the line's own line break, so every reader
 * sees the same lines and the text after it is checked.
 */
export function unicodeBreakFixes(input: FixInput): Fix[] {
  const { text, offset } = input;
  const ch = text[offset];
  if (!ch || !(ch in UNICODE_BREAKS)) return [];
  return [
    {
      title: t('fix.unicode-line-break', { codePoint: codePointName(ch) }),
      edits: [{ offset, length: 1, text: eolNear(text, offset) }],
      preferred: true,
      reveals: true,
    },
  ];
}
