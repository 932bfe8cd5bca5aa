import type { ObjectNode, PropertyNode } from './ast';
import type { ReadProblem } from './document';

/** What `document.duplicate-key` carries: the key, and the source of the value that counts. */
export interface DuplicateKeyData {
  key: string;
  /** The last occurrence's value as written (shortened), `{…}` for a mapping, `[…]` for a list. */
  kept: string;
  /** Which occurrence this is (1-based) and how many there are. */
  occurrence: number;
  count: number;
}

/**
 * Problems for keys set more than once in a mapping. Every reader that accepts the file keeps the
 * last value, so each earlier occurrence is the one reported: it is the one with no effect.
 * `text` holds the mapping at `base` (a chunk of a stream read alone).
 */
export function duplicateKeyProblems(obj: ObjectNode, text: string, base: number, skip?: string): ReadProblem[] {
  const props = obj.properties;
  if (props.length < 2) return [];
  if (!hasDuplicate(props, skip)) return [];
  const byKey = new Map<string, PropertyNode[]>();
  for (const p of props) {
    const k = p.keyNode.value;
    if (k === skip) continue;
    const list = byKey.get(k);
    if (list) list.push(p);
    else byKey.set(k, [p]);
  }
  const out: ReadProblem[] = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    const kept = shownValue(list[list.length - 1], text, base);
    list.slice(0, -1).forEach((p, i) => {
      const data: DuplicateKeyData = { key, kept, occurrence: i + 1, count: list.length };
      out.push({
        code: 'document.duplicate-key',
        offset: p.keyNode.offset,
        length: p.keyNode.length,
        severity: 'error',
        args: { key, kept },
        data: { ...data },
      });
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Whether a key other than `skip` appears twice: pairwise for small mappings (most), with a set past them. */
function hasDuplicate(props: readonly PropertyNode[], skip: string | undefined): boolean {
  if (props.length <= 16) {
    for (let i = 1; i < props.length; i++) {
      const k = props[i].keyNode.value;
      if (k === skip) continue;
      for (let j = 0; j < i; j++) if (props[j].keyNode.value === k) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (const p of props) {
    const k = p.keyNode.value;
    if (k === skip) continue;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function shownValue(p: PropertyNode, text: string, base: number): string {
  const v = p.valueNode;
  if (!v) return 'null';
  if (v.type === 'object') return '{…}';
  if (v.type === 'array') return '[…]';
  const source = text
    .slice(v.offset - base, v.offset - base + Math.min(v.length, 200))
    .trim()
    .replace(/\s+/g, ' ');
  if (source === '') return 'null';
  return source.length > 40 ? source.slice(0, 39) + '…' : source;
}
