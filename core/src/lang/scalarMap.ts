/**
 * Map offsets inside a decoded YAML/JSON string value back to its raw source text.
 *
 * `raw` is the exact source of the scalar: quotes included for quoted styles, the `|`/`>` header
 * line included for block scalars (its content lines keep their full indentation), the bare text for
 * plain scalars. The mapper decodes `raw` itself; pass the decoded value (as the YAML/JSON parser
 * returned it) to have the mapping verified: on mismatch the mapper falls back to the whole range.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

export interface OffsetMapper {
  /** Raw offset of decoded offset `offset`; with `isEnd`, the raw end of the char before it. */
  (decodedOffset: number, isEnd?: boolean): number;
  /** False when the mapping could not be built (every range maps to the whole scalar). */
  exact: boolean;
  /** The value as decoded by the mapper. */
  decoded: string;
  /** Map a decoded [from, to) range to a raw [from, to) range. */
  mapRange(from: number, to: number): [number, number];
}

interface Built {
  text: string;
  starts: number[];
  ends: number[];
}

class Sink implements Built {
  text = '';
  starts: number[] = [];
  ends: number[] = [];
  emit(s: string, from: number, to: number): void {
    for (let k = 0; k < s.length; k++) {
      this.text += s[k];
      this.starts.push(from);
      this.ends.push(to);
    }
  }
}

const YAML_ESC: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const JSON_ESC: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}
function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}
/** Offset after the line break starting at i. */
function afterBreak(raw: string, i: number): number {
  return raw[i] === '\r' && raw[i + 1] === '\n' ? i + 2 : i + 1;
}

function decodeEscape(raw: string, i: number, json: boolean): { s: string; len: number } {
  const e = raw[i + 1] as string;
  const table = json ? JSON_ESC : YAML_ESC;
  if (table[e] !== undefined) return { s: table[e] as string, len: 2 };
  const n = json ? (e === 'u' ? 4 : 0) : (HEX_LEN[e] ?? 0);
  if (n > 0) {
    const digits = raw.slice(i + 2, i + 2 + n);
    if (/^[0-9a-fA-F]+$/.test(digits) && digits.length === n) {
      const code = parseInt(digits, 16);
      if (code <= 0x10ffff) return { s: n === 4 ? String.fromCharCode(code) : String.fromCodePoint(code), len: 2 + n };
    }
  }
  throw new Error('bad escape');
}

/** Flow scalars: plain, single-quoted, double-quoted (YAML line folding) and JSON strings. */
function buildFlow(raw: string, style: 'plain' | 'single' | 'double' | 'json'): Built {
  const out = new Sink();
  let start = 0;
  let end = raw.length;
  if (style !== 'plain') {
    const q = style === 'single' ? "'" : '"';
    if (raw[0] !== q) throw new Error('missing quote');
    start = 1;
    if (raw.length >= 2 && raw[raw.length - 1] === q) end = raw.length - 1;
  } else {
    while (end > 0 && (isWs(raw[end - 1]) || isBreak(raw[end - 1]))) end--;
  }
  let pending: number[] = [];
  const flush = () => {
    for (const p of pending) out.emit(raw[p] as string, p, p + 1);
    pending = [];
  };
  let i = start;
  let guard = 0;
  while (i < end && guard++ < 10_000_000) {
    const c = raw[i] as string;
    if (isBreak(c) && style !== 'json') {
      pending = [];
      const firstBreak = i;
      const breaks: number[] = [];
      let j = i;
      while (j < end && isBreak(raw[j])) {
        breaks.push(j);
        j = afterBreak(raw, j);
        while (j < end && isWs(raw[j])) j++;
      }
      if (breaks.length === 1) out.emit(' ', firstBreak, firstBreak + 1);
      else for (let k = 1; k < breaks.length; k++) out.emit('\n', breaks[k] as number, (breaks[k] as number) + 1);
      i = j;
      continue;
    }
    if (isWs(c) && style !== 'json') {
      pending.push(i);
      i++;
      continue;
    }
    flush();
    if (style === 'single' && c === "'" && raw[i + 1] === "'") {
      out.emit("'", i, i + 2);
      i += 2;
    } else if ((style === 'double' || style === 'json') && c === '\\') {
      if (style === 'double' && isBreak(raw[i + 1])) {
        let j = afterBreak(raw, i + 1);
        while (j < end && isWs(raw[j])) j++;
        i = j;
        continue;
      }
      const d = decodeEscape(raw, i, style === 'json');
      out.emit(d.s, i, i + d.len);
      i += d.len;
    } else {
      out.emit(c, i, i + 1);
      i++;
    }
  }
  flush();
  return out;
}

interface Line {
  from: number;
  /** Offset of the line break ending the line (raw.length for the last line). */
  brk: number;
  text: string;
}

function blockLines(raw: string): { header: string; lines: Line[] } {
  let h = 0;
  while (h < raw.length && !isBreak(raw[h])) h++;
  const header = raw.slice(0, h);
  const lines: Line[] = [];
  if (h >= raw.length) return { header, lines };
  let i = afterBreak(raw, h);
  while (i <= raw.length) {
    let j = i;
    while (j < raw.length && !isBreak(raw[j])) j++;
    lines.push({ from: i, brk: j, text: raw.slice(i, j) });
    if (j >= raw.length) break;
    i = afterBreak(raw, j);
    if (i >= raw.length) break;
  }
  return { header, lines };
}

function buildBlock(raw: string, folded: boolean, indentOverride?: number): Built {
  const { header, lines } = blockLines(raw);
  const hm = /^[|>]([1-9]?)([+-]?)([1-9]?)/.exec(header);
  if (!hm) throw new Error('bad header');
  const chomp = hm[2] === '+' ? 'keep' : hm[2] === '-' ? 'strip' : 'clip';
  const leadingSpaces = (t: string) => t.length - t.replace(/^ +/, '').length;
  const nonEmpty = lines.filter((l) => l.text.trim() !== '');
  const indent =
    indentOverride ?? nonEmpty.reduce((m, l) => Math.min(m, leadingSpaces(l.text)), nonEmpty.length ? Infinity : 0);
  const out = new Sink();
  const isEmpty = (l: Line) => l.text.length <= indent && l.text.trim() === '';
  const lastContent = lines.reduce((acc, l, k) => (isEmpty(l) ? acc : k), -1);
  let prevBrk = -1;
  let prevMore = false;
  let empties: Line[] = [];
  for (let k = 0; k <= lastContent; k++) {
    const l = lines[k] as Line;
    if (isEmpty(l)) {
      empties.push(l);
      continue;
    }
    if (leadingSpaces(l.text) < indent) throw new Error('dedented line');
    const content = l.text.slice(indent);
    const more = isWs(content[0]);
    if (prevBrk < 0) {
      for (const e of empties) out.emit('\n', e.brk, e.brk + 1);
    } else if (!folded) {
      out.emit('\n', prevBrk, prevBrk + 1);
      for (const e of empties) out.emit('\n', e.brk, e.brk + 1);
    } else if (!prevMore && !more) {
      if (empties.length === 0) out.emit(' ', prevBrk, prevBrk + 1);
      else for (const e of empties) out.emit('\n', e.brk, e.brk + 1);
    } else {
      out.emit('\n', prevBrk, prevBrk + 1);
      for (const e of empties) out.emit('\n', e.brk, e.brk + 1);
    }
    empties = [];
    for (let c = 0; c < content.length; c++)
      out.emit(content[c] as string, l.from + indent + c, l.from + indent + c + 1);
    prevBrk = l.brk;
    prevMore = more;
  }
  if (lastContent >= 0 && chomp !== 'strip') out.emit('\n', prevBrk, Math.min(raw.length, prevBrk + 1));
  if (chomp === 'keep') {
    const trailing = lines.slice(lastContent + 1).filter((l) => l.brk < raw.length);
    for (const e of trailing) out.emit('\n', e.brk, e.brk + 1);
  }
  return out;
}

function fallback(raw: string, decoded?: string): OffsetMapper {
  const len = typeof raw === 'string' ? raw.length : 0;
  const fn = ((_: number, isEnd?: boolean) => (isEnd ? len : 0)) as OffsetMapper;
  fn.exact = false;
  fn.decoded = decoded ?? '';
  fn.mapRange = () => [0, len];
  return fn;
}

function toMapper(b: Built, raw: string): OffsetMapper {
  const n = b.text.length;
  const contentStart = b.starts[0] ?? Math.min(1, raw.length);
  const fn = ((o: number, isEnd?: boolean): number => {
    const k = Math.max(0, Math.min(n, Math.floor(Number.isFinite(o) ? o : 0)));
    if (isEnd) return k === 0 ? contentStart : (b.ends[k - 1] as number);
    return k >= n ? (n > 0 ? (b.ends[n - 1] as number) : contentStart) : (b.starts[k] as number);
  }) as OffsetMapper;
  fn.exact = true;
  fn.decoded = b.text;
  fn.mapRange = (from: number, to: number): [number, number] => {
    const a = fn(from);
    const z = to > from ? fn(to, true) : a;
    return [a, Math.max(a, z)];
  };
  return fn;
}

/**
 * Build the decoded→raw offset mapper of a scalar. Never throws; falls back to the whole range
 * (`exact: false`) when the raw text can't be decoded or does not decode to `decoded`.
 */
export function buildOffsetMap(raw: string, style: ScalarStyle, decoded?: string): OffsetMapper {
  try {
    if (typeof raw !== 'string' || raw.length > 5_000_000) return fallback('', decoded);
    if (style === 'literal' || style === 'folded') {
      const first = buildBlock(raw, style === 'folded');
      if (decoded === undefined || first.text === decoded) return toMapper(first, raw);
      // An explicit indentation indicator is relative to the parent indent, which raw doesn't show:
      // try the smaller indents and keep the one that reproduces the decoded value.
      const max = raw.length > 200_000 ? -1 : Math.min(200, raw.length);
      for (let indent = max; indent >= 0; indent--) {
        try {
          const b = buildBlock(raw, style === 'folded', indent);
          if (b.text === decoded) return toMapper(b, raw);
        } catch {
          /* try next */
        }
      }
      return fallback(raw, decoded);
    }
    const b = buildFlow(raw, style);
    if (decoded !== undefined && b.text !== decoded) return fallback(raw, decoded);
    return toMapper(b, raw);
  } catch {
    return fallback(typeof raw === 'string' ? raw : '', decoded);
  }
}
