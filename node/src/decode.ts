/**
 * Bytes to text. A UTF-8 byte order mark is dropped; UTF-16 and UTF-32 (little or big endian, with
 * their byte order mark) are decoded and reported (`document.encoding`: the tools that read these
 * files expect UTF-8); invalid UTF-8 is decoded with U+FFFD and reported on the line of its first
 * invalid byte (`document.invalid-utf8`). The problems carry positions and counts, never text.
 */
import type { FileText, TextProblem } from '../../core/src/index';

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type BomEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding a byte order mark names (UTF-32 LE is tested before UTF-16 LE: its mark starts alike). */
export function bomOf(bytes: Uint8Array): { encoding: 'utf-8' | BomEncoding; length: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-32 code units to text (an invalid code point or a trailing partial unit reads as U+FFFD). */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    let cp = i + 4 <= bytes.length ? view.getUint32(i, littleEndian) : 0xfffd;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    chunk.push(cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts no valid sequence. */
function sequenceLength(b: Uint8Array, i: number): number {
  const x = b[i];
  if (x < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (x >= 0xc2 && x <= 0xdf) return cont(1) ? 2 : 0;
  if (x >= 0xe0 && x <= 0xef) {
    const y = b[i + 1];
    if (y === undefined || (x === 0xe0 && y < 0xa0) || (x === 0xed && y > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const y = b[i + 1];
    if (y === undefined || (x === 0xf0 && y < 0x90) || (x === 0xf4 && y > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Where the invalid UTF-8 is: the byte index of the first invalid sequence and how many there are. */
export function invalidUtf8(bytes: Uint8Array): { first: number; count: number } | undefined {
  let first = -1;
  let count = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (first < 0) first = i;
    count++;
    i++;
    // The continuation bytes of a broken sequence are one mistake, as the decoder reads them.
    while (i < bytes.length && (bytes[i] & 0xc0) === 0x80 && sequenceLength(bytes, i) === 0) i++;
  }
  return first < 0 ? undefined : { first, count };
}

/** 1-based line of an offset in a text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first line's length, for a problem about the whole file. */
function firstLineLength(text: string): number {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text.length : nl) - (nl > 0 && text[nl - 1] === '\r' ? 1 : 0);
}

/** Decode a file's bytes: its text and the problems of its encoding. */
export function decode(bytes: Uint8Array): FileText {
  const bom = bomOf(bytes);
  if (bom && bom.encoding !== 'utf-8') {
    const body = bytes.subarray(bom.length);
    const text =
      bom.encoding === 'utf-16le' || bom.encoding === 'utf-16be'
        ? new TextDecoder(bom.encoding, { fatal: false, ignoreBOM: true }).decode(body)
        : decodeUtf32(body, bom.encoding === 'utf-32le');
    const problem: TextProblem = {
      code: 'document.encoding',
      offset: 0,
      length: firstLineLength(text),
      args: { encoding: bom.encoding.toUpperCase() },
    };
    return { text, problems: [problem] };
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  try {
    return { text: UTF8_STRICT.decode(body), problems: [] };
  } catch {
    const text = UTF8.decode(body);
    const bad = invalidUtf8(body);
    if (!bad) return { text, problems: [] };
    // The decoded length of the valid prefix is the offset of the first U+FFFD it became.
    const offset = UTF8.decode(body.subarray(0, bad.first)).length;
    const problem: TextProblem = {
      code: 'document.invalid-utf8',
      offset,
      length: 1,
      args: { line: lineAt(text, offset), count: bad.count },
    };
    return { text, problems: [problem] };
  }
}
