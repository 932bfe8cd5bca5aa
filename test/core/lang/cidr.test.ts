import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCidr, cidrContains, cidrOverlap, formatAddress, parseCidr } from '../../../core/src/lang/cidr';

const one = (text: string, code: string, from: number, to: number) => {
  const ps = checkCidr(text);
  assert.equal(ps.length, 1, `${text}: ${JSON.stringify(ps)}`);
  assert.equal(ps[0]!.code, code, text);
  assert.deepEqual([ps[0]!.from, ps[0]!.to], [from, to], text);
  return ps[0]!;
};

test('valid blocks', () => {
  for (const c of [
    '10.0.0.0/8',
    '192.168.1.0/24',
    '0.0.0.0/0',
    '10.1.2.3/32',
    '2001:db8::/32',
    '::/0',
    '::1/128',
    'fe80::/10',
    '::ffff:10.0.0.0/104',
    '2001:DB8::/32',
  ]) {
    assert.deepEqual(checkCidr(c), [], c);
  }
});

test('host bits set: warning with the normalized network', () => {
  const p = one('10.0.0.1/8', 'cidr.host-bits', 0, 10);
  assert.equal(p.severity, 'warning');
  assert.equal(p.args.suggestion, '10.0.0.0/8');
  assert.equal(one('192.168.1.77/26', 'cidr.host-bits', 0, 15).args.suggestion, '192.168.1.64/26');
  assert.equal(one('2001:db8::1/32', 'cidr.host-bits', 0, 14).args.suggestion, '2001:db8::/32');
});

test('invalid addresses point at the bad part', () => {
  one('10.0.0.256/24', 'cidr.invalid-address', 7, 10);
  one('10.0.0/24', 'cidr.invalid-address', 0, 6);
  one('010.0.0.0/8', 'cidr.invalid-address', 0, 3);
  one('10.0.x.0/8', 'cidr.invalid-address', 5, 6);
  one('2001:db8:::/32', 'cidr.invalid-address', 9, 11);
  one('fe80::1%eth0/64', 'cidr.invalid-address', 7, 12);
  one('2001:db8::12345/64', 'cidr.invalid-address', 10, 15);
  one('1:2:3:4:5:6:7/64', 'cidr.invalid-address', 0, 13);
  one('10.0.0.0 /8', 'cidr.invalid-address', 8, 9);
  one('abc', 'cidr.invalid-address', 0, 3);
});

test('prefix problems', () => {
  assert.equal(one('10.0.0.0', 'cidr.missing-prefix', 0, 8).args.suggestion, '10.0.0.0/32');
  assert.equal(one('::1', 'cidr.missing-prefix', 0, 3).args.suggestion, '::1/128');
  one('10.0.0.0/33', 'cidr.bad-prefix', 8, 11);
  one('10.0.0.0/08', 'cidr.bad-prefix', 8, 11);
  one('10.0.0.0/', 'cidr.bad-prefix', 8, 9);
  one('::/129', 'cidr.bad-prefix', 2, 6);
  one('', 'cidr.empty', 0, 0);
});

test('parse, normalize, overlap, containment', () => {
  assert.equal(parseCidr('2001:0db8:0000:0000:0000:0000:0000:0001/128')?.text, '2001:db8::1/128');
  assert.equal(parseCidr('10.0.0.1/8')?.text, '10.0.0.0/8');
  assert.equal(parseCidr('nope'), undefined);
  assert.equal(formatAddress(0n, 6), '::');
  assert.equal(formatAddress(1n, 6), '::1');
  assert.equal(cidrOverlap('10.0.0.0/8', '10.1.0.0/16'), true);
  assert.equal(cidrOverlap('10.0.0.0/16', '10.1.0.0/16'), false);
  assert.equal(cidrOverlap('0.0.0.0/0', '192.168.0.0/16'), true);
  assert.equal(cidrOverlap('10.0.0.0/8', '::/0'), undefined);
  assert.equal(cidrOverlap('bad', '10.0.0.0/8'), undefined);
  assert.equal(cidrContains('10.0.0.0/8', '10.1.0.0/16'), true);
  assert.equal(cidrContains('10.1.0.0/16', '10.0.0.0/8'), false);
  assert.equal(cidrContains('10.0.0.0/8', '10.0.0.0/8'), true);
  assert.equal(cidrContains('2001:db8::/32', '2001:db8:1::/48'), true);
  assert.equal(cidrContains('2001:db8::/32', '2001:db9::/48'), false);
});

test('never throws', () => {
  for (const v of [undefined, 3, 'x'.repeat(100000), ':'.repeat(1000) + '/1', '1.'.repeat(1000), '/'.repeat(500)]) {
    assert.doesNotThrow(() => checkCidr(v as unknown as string));
    assert.doesNotThrow(() => cidrOverlap(v as unknown as string, '10.0.0.0/8'));
  }
});
