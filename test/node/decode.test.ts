import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, invalidUtf8 } from '../../node/src/index';

const utf16 = (text: string, bigEndian: boolean): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) le.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
};

const utf32 = (text: string, bigEndian: boolean): Buffer => {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const body = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (bigEndian ? body.writeUInt32BE(cp, i * 4) : body.writeUInt32LE(cp, i * 4)));
  return Buffer.concat([Buffer.from(bigEndian ? [0, 0, 0xfe, 0xff] : [0xff, 0xfe, 0, 0]), body]);
};

const TEXT = 'tenant_id: acme\nmetadata:\n  name: "Zürich 🏔"\n';

test('plain UTF-8 is read as is, without problems; a UTF-8 byte order mark is dropped silently', () => {
  assert.deepEqual(decode(Buffer.from(TEXT)), { text: TEXT, problems: [] });
  assert.deepEqual(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])), {
    text: TEXT,
    problems: [],
  });
});

test('UTF-16 and UTF-32, little and big endian, are decoded and reported with their encoding', () => {
  const cases: Array<[Buffer, string]> = [
    [utf16(TEXT, false), 'UTF-16LE'],
    [utf16(TEXT, true), 'UTF-16BE'],
    [utf32(TEXT, false), 'UTF-32LE'],
    [utf32(TEXT, true), 'UTF-32BE'],
  ];
  for (const [bytes, encoding] of cases) {
    const r = decode(bytes);
    assert.equal(r.text, TEXT, encoding);
    assert.deepEqual(r.problems, [
      { code: 'document.encoding', offset: 0, length: 'tenant_id: acme'.length, args: { encoding } },
    ]);
  }
});

test('invalid UTF-8: U+FFFD in the text, the problem on the first invalid byte with its line and the count', () => {
  const bytes = Buffer.concat([
    Buffer.from('a: 1\nb: "Zürich"\nc: "caf'),
    Buffer.from([0xe9]), // Latin-1 é
    Buffer.from('"\nd: "'),
    Buffer.from([0xc3, 0x28]), // a lead byte without its continuation
    Buffer.from('"\n'),
  ]);
  const r = decode(bytes);
  const offset = r.text.indexOf('\ufffd');
  assert.equal(r.text.slice(offset - 3, offset + 2), 'caf\ufffd"');
  assert.deepEqual(r.problems, [{ code: 'document.invalid-utf8', offset, length: 1, args: { line: 3, count: 2 } }]);
});

test('invalidUtf8 rejects overlong forms, surrogates and code points past U+10FFFF', () => {
  assert.equal(invalidUtf8(Buffer.from('plain ascii and ü and 🏔')), undefined);
  assert.deepEqual(invalidUtf8(Buffer.from([0x61, 0xc0, 0xaf])), { first: 1, count: 1 }); // overlong '/'
  assert.deepEqual(invalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), { first: 0, count: 1 }); // surrogate D800
  assert.deepEqual(invalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])), { first: 0, count: 1 }); // > U+10FFFF
  assert.deepEqual(invalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), { first: 1, count: 1 }); // truncated at the end
});
