/**
 * IPv4 / IPv6 CIDR blocks: parsing with positions, host-bit normalization, overlap and containment,
 * and sweeps over lists of blocks (nested pairs, a free block of a given size) in O(n log n).
 * Follows Go `net.ParseCIDR` syntax (no leading zeros in IPv4 octets, no zones).
 */
import { clampProblems, LangProblem, problem } from './types';

export interface Cidr {
  family: 4 | 6;
  /** Address as given (may have host bits set). */
  address: bigint;
  prefix: number;
  /** Address with host bits cleared. */
  network: bigint;
  /** Normalized text, e.g. "10.0.0.0/8", "2001:db8::/32". */
  text: string;
}

interface AddrResult {
  value?: bigint;
  family?: 4 | 6;
  error?: { from: number; to: number; reason: string };
}

function parseIPv4(s: string, base: number): AddrResult {
  const parts = s.split('.');
  if (parts.length !== 4)
    return {
      error: {
        from: base,
        to: base + s.length,
        reason: `an IPv4 address has 4 dot-separated numbers, found ${parts.length}`,
      },
    };
  let v = 0n;
  let pos = base;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p))
      return {
        error: {
          from: pos,
          to: pos + Math.max(1, p.length),
          reason: p === '' ? 'empty octet' : `'${p}' is not a number from 0 to 255`,
        },
      };
    if (p.length > 1 && p[0] === '0')
      return { error: { from: pos, to: pos + p.length, reason: `octet '${p}' has a leading zero` } };
    const n = parseInt(p, 10);
    if (n > 255) return { error: { from: pos, to: pos + p.length, reason: `octet ${n} is greater than 255` } };
    v = (v << 8n) | BigInt(n);
    pos += p.length + 1;
  }
  return { value: v, family: 4 };
}

function parseIPv6(s: string, base: number): AddrResult {
  const bad = (reason: string, from = base, to = base + s.length): AddrResult => ({ error: { from, to, reason } });
  if (s.includes('%')) return bad('zones (%…) are not allowed in a CIDR block', base + s.indexOf('%'));
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0)
    return bad("'::' may appear only once", base + s.indexOf('::', dbl + 1), base + s.indexOf('::', dbl + 1) + 2);
  const parseGroups = (part: string, off: number): { groups: number[]; err?: AddrResult } => {
    if (part === '') return { groups: [] };
    const groups: number[] = [];
    const items = part.split(':');
    let pos = off;
    for (let i = 0; i < items.length; i++) {
      const g = items[i] as string;
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g, pos);
        if (v4.error) return { groups, err: { error: v4.error } };
        const n = Number(v4.value);
        groups.push(Math.floor(n / 65536), n % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g))
          return {
            groups,
            err: bad(
              g === '' ? 'empty group' : `'${g}' is not a hexadecimal group of 1 to 4 digits`,
              pos,
              pos + Math.max(1, g.length),
            ),
          };
        groups.push(parseInt(g, 16));
      }
      pos += g.length + 1;
    }
    return { groups };
  };
  let groups: number[];
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl), base);
    if (head.err) return head.err;
    const tail = parseGroups(s.slice(dbl + 2), base + dbl + 2);
    if (tail.err) return tail.err;
    const missing = 8 - head.groups.length - tail.groups.length;
    if (missing < 1) return bad('too many groups for an address with ::');
    groups = [...head.groups, ...new Array<number>(missing).fill(0), ...tail.groups];
  } else {
    const all = parseGroups(s, base);
    if (all.err) return all.err;
    groups = all.groups;
    if (groups.length !== 8) return bad(`an IPv6 address has 8 groups, found ${groups.length}`);
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return { value: v, family: 6 };
}

function parseAddress(s: string, base: number): AddrResult {
  if (s.includes(':')) return parseIPv6(s, base);
  return parseIPv4(s, base);
}

/** Format an address value as text (IPv6 in RFC 5952 compressed form). */
export function formatAddress(value: bigint, family: 4 | 6): string {
  if (family === 4) {
    const o: number[] = [];
    for (let i = 3; i >= 0; i--) o.push(Number((value >> BigInt(i * 8)) & 255n));
    return o.join('.');
  }
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

/**
 * The prefix of the subnet an address most likely starts, for examples: as many bits as the
 * address has before its trailing zero bits, at least /16 (IPv4) or /48 (IPv6), so `10.0.1.0`
 * gives /24 and `2001:db8:1::` /48; an address with its last bit set is only itself (/32, /128).
 */
function subnetOf(address: bigint, bits: number): number {
  let zeros = 0;
  while (zeros < bits && ((address >> BigInt(zeros)) & 1n) === 0n) zeros++;
  return Math.min(bits, Math.max(bits - zeros, bits === 32 ? 16 : 48));
}

function analyse(text: string): { cidr?: Cidr; problems: LangProblem[] } {
  if (typeof text !== 'string' || text.trim() === '')
    return { problems: [problem('cidr.empty', 0, typeof text === 'string' ? text.length : 0)] };
  if (text.length > 200)
    return {
      problems: [
        problem('cidr.invalid-address', 0, text.length, {
          value: text.slice(0, 20) + '…',
          reason: 'the value is too long',
        }),
      ],
    };
  if (/\s/.test(text)) {
    const i = text.search(/\s/);
    return {
      problems: [problem('cidr.invalid-address', i, i + 1, { value: text.trim(), reason: 'it contains whitespace' })],
    };
  }
  const slash = text.indexOf('/');
  const addrText = slash >= 0 ? text.slice(0, slash) : text;
  const addr = parseAddress(addrText, 0);
  if (addr.error || addr.value === undefined || addr.family === undefined) {
    const e = addr.error ?? { from: 0, to: addrText.length, reason: 'it is not an IP address' };
    return { problems: [problem('cidr.invalid-address', e.from, e.to, { value: addrText, reason: e.reason })] };
  }
  const bits = addr.family === 4 ? 32 : 128;
  const subnet = subnetOf(addr.value, bits);
  if (slash < 0) {
    const args = { value: text, suggestion: `${text}/${bits}`, max: bits };
    if (subnet === bits) return { problems: [problem('cidr.missing-prefix', 0, text.length, args)] };
    const p = problem('cidr.missing-prefix', 0, text.length, { ...args, subnet: `${text}/${subnet}` });
    return { problems: [{ ...p, message: 'cidr.missing-prefix.subnet' }] };
  }
  const prefText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefText) || (prefText.length > 1 && prefText[0] === '0') || parseInt(prefText, 10) > bits) {
    return {
      problems: [
        problem('cidr.bad-prefix', slash, text.length, {
          prefix: prefText,
          max: bits,
          family: addr.family === 4 ? 'IPv4' : 'IPv6',
          example: `${addrText}/${subnet}`,
        }),
      ],
    };
  }
  const prefix = parseInt(prefText, 10);
  const hostBits = BigInt(bits - prefix);
  const network = (addr.value >> hostBits) << hostBits;
  const normalized = `${formatAddress(network, addr.family)}/${prefix}`;
  const cidr: Cidr = { family: addr.family, address: addr.value, prefix, network, text: normalized };
  if (network !== addr.value) {
    return {
      cidr,
      problems: [
        problem(
          'cidr.host-bits',
          0,
          text.length,
          { value: text, suggestion: normalized, address: `${formatAddress(addr.value, addr.family)}/${bits}` },
          'warning',
        ),
      ],
    };
  }
  return { cidr, problems: [] };
}

/** Problems of a CIDR block; host bits set is a warning with the network in `args.suggestion`. */
export function checkCidr(text: string): LangProblem[] {
  try {
    return clampProblems(analyse(text).problems, text.length);
  } catch {
    return [
      problem('cidr.invalid-address', 0, typeof text === 'string' ? text.length : 0, {
        value: String(text).slice(0, 40),
        reason: 'it could not be parsed',
      }),
    ];
  }
}

/** Parsed CIDR (host bits allowed, see `network`), or undefined when not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  try {
    return analyse(text).cidr;
  } catch {
    return undefined;
  }
}

/** The first and last address of a block (host bits ignored). */
export function cidrRange(c: Cidr): [bigint, bigint] {
  const bits = c.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - c.prefix);
  return [c.network, c.network + size - 1n];
}

/** Whether two blocks share any address; undefined when either is invalid or families differ. */
export function cidrOverlap(a: string, b: string): boolean | undefined {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y || x.family !== y.family) return undefined;
  const [x0, x1] = cidrRange(x);
  const [y0, y1] = cidrRange(y);
  return x0 <= y1 && y0 <= x1;
}

/** Whether `inner` lies completely inside `outer`; undefined when invalid or families differ. */
export function cidrContains(outer: string, inner: string): boolean | undefined {
  const x = parseCidr(outer);
  const y = parseCidr(inner);
  if (!x || !y || x.family !== y.family) return undefined;
  const [x0, x1] = cidrRange(x);
  const [y0, y1] = cidrRange(y);
  return x0 <= y0 && y1 <= x1;
}

/** A block of a list, as an address range, with its position in the list. */
export interface Span {
  family: 4 | 6;
  start: bigint;
  end: bigint;
  prefix: number;
  /** Position of the block in its list (the caller's index). */
  index: number;
}

export function spanOf(c: Cidr, index: number): Span {
  const [start, end] = cidrRange(c);
  return { family: c.family, start, end, prefix: c.prefix, index };
}

const compareSpans = (a: Span, b: Span): number =>
  a.family - b.family ||
  (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
  a.prefix - b.prefix ||
  a.index - b.index;

/** Spans by family, then start address, wider blocks first, then list order. */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort(compareSpans);
}

/**
 * Every block that shares addresses with another block of the list, paired with the outermost
 * block containing it. Two CIDR blocks are either nested or disjoint, so in start order (wider
 * first) a block overlaps an earlier one exactly when it starts inside the furthest-reaching block
 * seen so far, which then contains it: one sort and one pass, O(n log n). Equal blocks pair the
 * later one (in list order) with the earlier one. Each block is `inner` at most once.
 */
export function nestedPairs(spans: readonly Span[], sorted = sortSpans(spans)): Array<{ outer: Span; inner: Span }> {
  const out: Array<{ outer: Span; inner: Span }> = [];
  let cover: Span | undefined;
  for (const s of sorted) {
    if (cover && cover.family === s.family && s.start <= cover.end) {
      out.push({ outer: cover, inner: s });
      if (s.end > cover.end) cover = s;
    } else cover = s;
  }
  return out;
}

/**
 * Every block that shares addresses with a block earlier in the list (lower `index`), paired with
 * the earliest such block. Blocks are nested or disjoint, so in start order (wider first) they form
 * a forest: the blocks a block overlaps are its ancestors (the open blocks of a stack sweep) and its
 * descendants (closed before it is popped). Running minimums of `index` along the stack and up the
 * forest give the earliest of each in one pass after the sort: O(n log n).
 */
export function overlapsWithEarlier(
  spans: readonly Span[],
  sorted = sortSpans(spans),
): Array<{ span: Span; earlier: Span }> {
  const byIndex = new Map<number, Span>();
  for (const s of spans) byIndex.set(s.index, s);
  /** Earliest index among the blocks containing each block, and among the blocks it contains. */
  const ancestorMin = new Map<Span, number>();
  const descendantMin = new Map<Span, number>();
  const stack: Array<{ span: Span; pathMin: number; subtreeMin: number }> = [];
  const close = (): void => {
    const top = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.subtreeMin = Math.min(parent.subtreeMin, top.subtreeMin);
      descendantMin.set(parent.span, Math.min(descendantMin.get(parent.span) ?? Infinity, top.subtreeMin));
    }
  };
  for (const s of sorted) {
    while (
      stack.length &&
      (stack[stack.length - 1].span.family !== s.family || stack[stack.length - 1].span.end < s.start)
    )
      close();
    const above = stack[stack.length - 1];
    if (above) ancestorMin.set(s, above.pathMin);
    stack.push({ span: s, pathMin: Math.min(above?.pathMin ?? Infinity, s.index), subtreeMin: s.index });
  }
  while (stack.length) close();
  const out: Array<{ span: Span; earlier: Span }> = [];
  for (const s of spans) {
    const first = Math.min(ancestorMin.get(s) ?? Infinity, descendantMin.get(s) ?? Infinity);
    const earlier = first < s.index ? byIndex.get(first) : undefined;
    if (earlier) out.push({ span: s, earlier });
  }
  return out;
}

/**
 * The first block of prefix length `prefix` inside `within` that shares no address with any of
 * `taken` (sorted by `sortSpans`), as text; undefined when none fits. O(n).
 */
export function freeBlock(within: Span, taken: readonly Span[], prefix: number): string | undefined {
  const bits = within.family === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < within.prefix || prefix > bits) return undefined;
  const size = 1n << BigInt(bits - prefix);
  // `within` starts on a boundary of its own (larger or equal) size, so on one of `size` too.
  let candidate = within.start;
  for (const t of taken) {
    if (t.family !== within.family || t.end < candidate) continue;
    if (t.start > candidate + size - 1n) break;
    candidate = ((t.end + 1n + size - 1n) / size) * size;
    if (candidate > within.end) return undefined;
  }
  if (candidate + size - 1n > within.end) return undefined;
  return `${formatAddress(candidate, within.family)}/${prefix}`;
}
