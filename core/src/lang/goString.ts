/**
 * Go-style quoted string literals (used by PromQL, Alertmanager matchers and Go templates):
 * "…" with escapes, '…' (PromQL strings / template char constants) and `…` raw strings.
 * Decoding keeps, for each decoded UTF-16 unit, its offset in the raw literal.
 */

export interface UnquoteResult {
  value: string;
  /** offsets[i] = offset in the raw literal where decoded unit i starts; offsets[value.length] = end. */
  offsets: number[];
  /** First problem, with offsets relative to the raw literal (quotes included). */
  error?: { from: number; to: number; kind: 'unterminated' | 'bad-escape' | 'newline'; detail: string };
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * Decode a literal whose first character is its quote. Stops at the closing quote; text after it
 * is ignored. Never throws.
 */
export function unquoteGo(raw: string, options: { allowNewline?: boolean } = {}): UnquoteResult {
  const q = raw[0];
  const offsets: number[] = [];
  let value = '';
  if (q !== '"' && q !== "'" && q !== '`') {
    return {
      value: '',
      offsets: [0],
      error: { from: 0, to: Math.min(1, raw.length), kind: 'unterminated', detail: 'missing opening quote' },
    };
  }
  if (q === '`') {
    const end = raw.indexOf('`', 1);
    const stop = end < 0 ? raw.length : end;
    for (let i = 1; i < stop; i++) {
      offsets.push(i);
    }
    value = raw.slice(1, stop);
    offsets.push(stop);
    if (end < 0)
      return { value, offsets, error: { from: 0, to: raw.length, kind: 'unterminated', detail: 'raw string' } };
    return { value, offsets };
  }
  let i = 1;
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c === q) {
      offsets.push(i);
      return { value, offsets };
    }
    if ((c === '\n' || c === '\r') && !options.allowNewline) {
      offsets.push(i);
      return {
        value,
        offsets,
        error: { from: 0, to: i, kind: 'newline', detail: 'a line break inside a quoted string' },
      };
    }
    if (c !== '\\') {
      offsets.push(i);
      value += c;
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined) break;
    const start = i;
    const bad = (len: number, detail: string): UnquoteResult => {
      offsets.push(start);
      return {
        value,
        offsets,
        error: { from: start, to: Math.min(raw.length, start + len), kind: 'bad-escape', detail },
      };
    };
    if (SIMPLE[e] !== undefined) {
      offsets.push(start);
      value += SIMPLE[e];
      i += 2;
    } else if (e === q) {
      offsets.push(start);
      value += q;
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U' || (e >= '0' && e <= '7')) {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 3;
      const digits = e >= '0' && e <= '7' ? raw.slice(i + 1, i + 1 + len) : raw.slice(i + 2, i + 2 + len);
      const okDigits =
        e >= '0' && e <= '7' ? /^[0-7]{3}$/.test(digits) : new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits);
      if (!okDigits)
        return bad(
          2 + (e >= '0' && e <= '7' ? 1 : len),
          `'\\${e}' needs ${len} ${e >= '0' && e <= '7' ? 'octal' : 'hex'} digits`,
        );
      const code = parseInt(digits, e >= '0' && e <= '7' ? 8 : 16);
      if (
        (e >= '0' && e <= '7' && code > 255) ||
        code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff && (e === 'u' || e === 'U'))
      ) {
        return bad(e >= '0' && e <= '7' ? 4 : 2 + len, 'escaped value out of range');
      }
      const s = String.fromCodePoint(code);
      for (let k = 0; k < s.length; k++) offsets.push(start);
      value += s;
      i += e >= '0' && e <= '7' ? 4 : 2 + len;
    } else {
      return bad(2, `unknown escape sequence '\\${e}'`);
    }
  }
  offsets.push(raw.length);
  return { value, offsets, error: { from: 0, to: raw.length, kind: 'unterminated', detail: 'string' } };
}
