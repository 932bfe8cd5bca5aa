import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  formatAddress,
  freeBlock,
  nestedPairs,
  overlapsWithEarlier,
  parseCidr,
  sortSpans,
  spanOf,
  type Span,
} from '../../../core/src/lang/cidr';
import { repoRoot } from '../../support/service';
import { allHits, brief, json, ruleHits, withCode } from './check';

/** An environment file with a VPC block and subnets (`[name, cidr]`, name `undefined` for none), values as plain scalars. */
function env(vpc: string | undefined, subnets: Array<[string | undefined, string]>, extra = ''): string {
  const lines = ['schema_version: "2"', 'tenant_id: acme', 'environment: production', 'networking:'];
  if (vpc !== undefined) lines.push('  vpc:', `    cidr_block: ${vpc}`);
  lines.push('  subnets:');
  for (const [name, cidr] of subnets)
    lines.push(name === undefined ? `    - cidr: ${cidr}` : `    - { name: ${name}, cidr: ${cidr} }`);
  return lines.join('\n') + '\n' + extra;
}

const networkHits = (text: string, name = 'x.environment.yaml') =>
  withCode(ruleHits(text, name), 'cidr.').filter(
    (h) =>
      !['cidr.host-bits', 'cidr.invalid-address', 'cidr.bad-prefix', 'cidr.missing-prefix', 'cidr.empty'].includes(
        h.code,
      ),
  );

test('IPv4 subnets: overlap and containment, reported on the later subnet naming the earlier one', () => {
  const text = env('10.20.0.0/16', [
    ['public-a', '10.20.0.0/24'],
    ['app-a', '10.20.16.0/20'],
    ['app-b', '10.20.24.0/24'],
    ['public-b', '10.20.0.0/24'],
  ]);
  const hits = networkHits(text);
  assert.deepEqual(brief(hits), [
    { code: 'cidr.subnet-overlap', text: '10.20.24.0/24', path: 'networking.subnets.2.cidr' },
    { code: 'cidr.subnet-overlap', text: '10.20.0.0/24', path: 'networking.subnets.3.cidr' },
  ]);
  assert.equal(hits[0].range, '10:28-10:41');
  assert.equal(hits[0].severity, 'error');
  assert.equal(hits[0].data.subnet, 'app-b');
  assert.equal(hits[0].data.other, 'app-a');
  assert.deepEqual(hits[0].data.otherPath, ['networking', 'subnets', 1, 'cidr']);
  assert.equal(hits[0].data.otherCidr, '10.20.16.0/20');
  // A free block of the same size inside the VPC, clear of every subnet.
  assert.equal(hits[0].data.suggestion, '10.20.1.0/24');
  assert.deepEqual(hits[1].data.otherPath, ['networking', 'subnets', 0, 'cidr']);
  assert.equal(hits[1].data.suggestion, '10.20.1.0/24');
});

test('a wide subnet written after narrow ones overlaps each of them; the narrow ones still see each other', () => {
  const text = env('10.20.0.0/16', [
    ['a', '10.20.0.0/24'],
    ['b', '10.20.0.128/25'],
    ['c', '10.20.4.0/24'],
    ['all', '10.20.0.0/20'],
    ['d', '10.20.8.0/24'],
  ]);
  const hits = networkHits(text);
  assert.deepEqual(
    hits.map((h) => [h.data.subnet, h.data.other]),
    [
      ['b', 'a'],
      ['all', 'a'],
      ['d', 'all'],
    ],
  );
});

test('touching blocks do not overlap; a plan that fits is clean', () => {
  const text = env('10.20.0.0/16', [
    ['low', '10.20.0.0/25'],
    ['high', '10.20.0.128/25'],
    ['next', '10.20.1.0/24'],
    ['last', '10.20.255.0/24'],
  ]);
  assert.deepEqual(networkHits(text), []);
});

test('subnets outside the VPC block: disjoint, or wider than the VPC (CIDR blocks never straddle)', () => {
  const hits = networkHits(
    env('10.20.0.0/20', [
      ['in', '10.20.0.0/24'],
      ['away', '10.21.0.0/24'],
      ['last', '10.20.15.0/24'],
    ]),
  );
  assert.deepEqual(brief(hits), [
    { code: 'cidr.subnet-outside-vpc', text: '10.21.0.0/24', path: 'networking.subnets.1.cidr' },
  ]);
  assert.equal(hits[0].severity, 'error');
  assert.equal(hits[0].data.subnet, 'away');
  assert.equal(hits[0].data.cidr, '10.21.0.0/24');
  assert.equal(hits[0].data.vpc, '10.20.0.0/20');
  assert.deepEqual(hits[0].data.vpcPath, ['networking', 'vpc', 'cidr_block']);
  assert.equal(hits[0].data.suggestion, '10.20.1.0/24');
  // A block wider than the VPC contains it, so it is outside; it has no place inside it.
  const wide = networkHits(env('10.20.0.0/20', [['huge', '10.0.0.0/8']]));
  assert.deepEqual(brief(wide), [
    { code: 'cidr.subnet-outside-vpc', text: '10.0.0.0/8', path: 'networking.subnets.0.cidr' },
  ]);
  assert.equal(wide[0].data.suggestion, undefined);
});

test('IPv6: overlapping subnets; never compared with IPv4 blocks', () => {
  const text = env('10.20.0.0/16', [
    ['v4', '10.20.0.0/24'],
    ['v6-a', '2001:db8:0:1::/64'],
    ['v6-wide', '2001:db8::/48'],
    ['v6-b', '2001:db8:0:2::/64'],
    ['mapped', '::ffff:10.20.0.0/120'],
  ]);
  const hits = networkHits(text);
  assert.deepEqual(brief(hits), [
    { code: 'cidr.subnet-overlap', text: '2001:db8::/48', path: 'networking.subnets.2.cidr' },
    { code: 'cidr.subnet-overlap', text: '2001:db8:0:2::/64', path: 'networking.subnets.3.cidr' },
  ]);
  assert.equal(hits[0].data.other, 'v6-a');
  assert.equal(hits[1].data.other, 'v6-wide');
  assert.equal(hits[0].data.otherCidr, '2001:db8:0:1::/64');
  // The VPC block is IPv4: no suggestion from it, and IPv6 subnets are not "outside" it.
  assert.equal(hits[0].data.suggestion, undefined);
  // Against an IPv6 VPC (which the schema rejects, but the rule still reads), containment is checked.
  const v6 = networkHits(
    env('2001:db8::/56', [
      ['in', '2001:db8:0:10::/64'],
      ['out', '2001:db8:1::/64'],
      ['over', '2001:db8:0:10::/60'],
    ]),
  );
  assert.deepEqual(
    v6.map((h) => [h.code, h.text, h.data.suggestion]),
    [
      ['cidr.subnet-outside-vpc', '2001:db8:1::/64', '2001:db8::/64'],
      ['cidr.subnet-overlap', '2001:db8:0:10::/60', '2001:db8::/60'],
    ],
  );
});

test('host bits: blocks are compared by their network, the host-bits warning stays', () => {
  const text = env('10.20.0.0/16', [
    ['a', '10.20.1.0/25'],
    ['b', '10.20.1.5/24'],
  ]);
  const hits = withCode(ruleHits(text, 'x.environment.yaml'), 'cidr.');
  assert.deepEqual(hits.map((h) => h.code).sort(), ['cidr.host-bits', 'cidr.subnet-overlap']);
  const overlap = withCode(hits, 'cidr.subnet-overlap')[0];
  assert.equal(overlap.text, '10.20.1.5/24');
  assert.equal(overlap.data.cidr, '10.20.1.0/24');
  assert.equal(overlap.data.otherCidr, '10.20.1.0/25');
});

test('YAML and JSON give the same problems; unnamed subnets are named by position', () => {
  const value = {
    schema_version: '2',
    tenant_id: 'acme',
    environment: 'production',
    networking: {
      vpc: { cidr_block: '10.20.0.0/16' },
      subnets: [
        { name: 'a', cidr: '10.20.0.0/24' },
        { name: 'b', cidr: '10.20.0.0/23' },
        { name: 'c', cidr: '10.30.0.0/24' },
      ],
      peering: [
        { vpc_id: 'vpc-platform', cidr: '10.0.0.0/16' },
        { vpc_id: 'vpc-legacy', cidr: '10.20.128.0/17' },
      ],
    },
  };
  const fromJson = networkHits(json(value), 'x.environment.json');
  const yaml = env(
    '10.20.0.0/16',
    [
      ['a', '10.20.0.0/24'],
      ['b', '10.20.0.0/23'],
      ['c', '10.30.0.0/24'],
    ],
    '  peering:\n    - { vpc_id: vpc-platform, cidr: 10.0.0.0/16 }\n    - { vpc_id: vpc-legacy, cidr: 10.20.128.0/17 }\n',
  );
  const fromYaml = networkHits(yaml);
  const expected = [
    { code: 'cidr.subnet-overlap', text: '10.20.0.0/23', path: 'networking.subnets.1.cidr' },
    { code: 'cidr.subnet-outside-vpc', text: '10.30.0.0/24', path: 'networking.subnets.2.cidr' },
    { code: 'cidr.peer-overlaps-vpc', text: '10.20.128.0/17', path: 'networking.peering.1.cidr' },
  ];
  // JSON strings are quoted: the range covers the string token.
  assert.deepEqual(
    brief(fromJson).map((b) => ({ ...b, text: b.text.replace(/^"|"$/g, '') })),
    expected,
  );
  assert.deepEqual(brief(fromYaml), expected);
  assert.deepEqual(
    fromJson.map((h) => h.data),
    fromYaml.map((h) => h.data),
  );
  const peer = fromJson[2];
  assert.equal(peer.severity, 'error');
  assert.equal(peer.data.peer, 'vpc-legacy');
  assert.equal(peer.data.vpc, '10.20.0.0/16');

  const unnamed = networkHits(
    env(undefined, [
      [undefined, '10.20.0.0/24'],
      [undefined, '10.20.0.0/24'],
    ]),
  );
  assert.equal(unnamed.length, 1);
  assert.equal(unnamed[0].data.subnet, undefined);
  assert.deepEqual(unnamed[0].data.otherPath, ['networking', 'subnets', 0, 'cidr']);
  // Without a VPC block there is no containment check and no suggestion.
  assert.equal(unnamed[0].data.suggestion, undefined);
});

test('the bundled environment examples have valid, non-overlapping address plans', () => {
  const dir = path.join(repoRoot, 'examples');
  const files = [
    'acme/acme-production.environment.yaml',
    'acme/acme-staging.environment.yaml',
    'globex/globex-production.environment.json',
    'initech/initech-staging.environment.yaml',
  ];
  for (const f of files)
    assert.deepEqual(withCode(ruleHits(fs.readFileSync(path.join(dir, f), 'utf8'), path.basename(f)), 'cidr.'), [], f);
});

test('odd input never throws and reports nothing it cannot read', () => {
  const texts = [
    'environment: production\nnetworking: 5\n',
    'environment: production\nnetworking:\n  subnets: { a: 1 }\n  peering: "x"\n',
    'environment: production\nnetworking:\n  vpc: [1]\n  subnets:\n    - 7\n    - { cidr: 10 }\n    - { cidr: [10.0.0.0/8] }\n    - { cidr: "10.0.0.0" }\n    - { cidr: "nonsense/8" }\n    - null\n',
    'environment: production\nnetworking:\n  vpc: { cidr_block: 10.0.0.0/33 }\n  subnets:\n    - { name: a, cidr: 10.0.0.0/24 }\n',
    'environment: production\nx: &n { name: a, cidr: 10.0.0.0/24 }\nnetworking:\n  vpc: { cidr_block: 10.0.0.0/16 }\n  subnets: [*n, *n]\n',
    'environment: production\nnetworking:\n  vpc: { cidr_block: 10.0.0.0/16 }\n  subnets: [*missing, { name: a, cidr: 10.0.0.0/24 }]\n  peering: [{ vpc_id: 5, cidr: *missing }]\n',
  ];
  for (const t of texts) assert.doesNotThrow(() => allHits(t, 'x.environment.yaml'));
  assert.deepEqual(networkHits(texts[0]), []);
  assert.deepEqual(networkHits(texts[1]), []);
  assert.deepEqual(networkHits(texts[2]), []);
  assert.deepEqual(networkHits(texts[3]), []);
  // The same alias twice is the same block twice.
  assert.deepEqual(
    networkHits(texts[4]).map((h) => h.code),
    ['cidr.subnet-overlap'],
  );
});

test('network lists: an entry inside another entry of the same list is redundant (a warning)', () => {
  const acl =
    'schema_version: "2"\ntenant_id: acme\nroles: [{ name: a, permissions: ["x:read"] }]\nip_allowlist: [10.1.0.0/16, 10.0.0.0/8, "2001:db8::/32", "2001:DB8:1::/48", 192.168.0.0/24, 192.168.1.0/24]\napi_keys:\n  - { name: ci, role: a, expires_at: "2027-01-01", allowed_cidrs: [198.51.100.0/24, 198.51.100.16/28] }\n';
  const hits = withCode(ruleHits(acl, 'x.access.yaml'), 'cidr.redundant-entry');
  assert.deepEqual(brief(hits), [
    { code: 'cidr.redundant-entry', text: '10.1.0.0/16', path: 'ip_allowlist.0' },
    { code: 'cidr.redundant-entry', text: '"2001:DB8:1::/48"', path: 'ip_allowlist.3' },
    { code: 'cidr.redundant-entry', text: '198.51.100.16/28', path: 'api_keys.0.allowed_cidrs.1' },
  ]);
  assert.equal(hits[0].severity, 'warning');
  assert.equal(hits[0].data.other, '10.0.0.0/8');
  assert.deepEqual(hits[0].data.otherPath, ['ip_allowlist', 1]);
  assert.equal(hits[1].data.cidr, '2001:db8:1::/48');

  const tenant = 'tenant_id: acme\naccess_control:\n  ip_allowlist: [203.0.113.0/24, 203.0.113.64/26]\n';
  assert.deepEqual(brief(withCode(ruleHits(tenant, 'x.tenant.yaml'), 'cidr.redundant-entry')), [
    { code: 'cidr.redundant-entry', text: '203.0.113.64/26', path: 'access_control.ip_allowlist.1' },
  ]);
  const isolation = 'tenant_id: acme\nstrategy: schema\nnetwork:\n  egress_allowlist: [0.0.0.0/0, 10.0.0.0/8]\n';
  assert.deepEqual(brief(withCode(ruleHits(isolation, 'x.isolation.yaml'), 'cidr.redundant-entry')), [
    { code: 'cidr.redundant-entry', text: '10.0.0.0/8', path: 'network.egress_allowlist.1' },
  ]);
  // Firewall rules: per rule; the same block in two rules is not redundant.
  const security =
    'tenant_id: acme\nnetwork:\n  firewall:\n    rules:\n      - { name: web, action: allow, cidrs: [0.0.0.0/0], ports: [443] }\n      - { name: admin, action: allow, cidrs: [203.0.113.0/24, 203.0.113.8/29], ports: [8443] }\n      - { name: ssh, action: allow, cidrs: [203.0.113.0/24], ports: [22] }\n';
  assert.deepEqual(brief(withCode(ruleHits(security, 'x.security.yaml'), 'cidr.redundant-entry')), [
    { code: 'cidr.redundant-entry', text: '203.0.113.8/29', path: 'network.firewall.rules.1.cidrs.1' },
  ]);
});

test('the same text twice is left to the schema (uniqueItems); the same block written differently is redundant', () => {
  const acl =
    'schema_version: "2"\ntenant_id: acme\nroles: [{ name: a, permissions: ["x:read"] }]\nip_allowlist: [10.0.0.0/8, 10.0.0.0/8, 10.0.0.1/8]\n';
  const hits = allHits(acl, 'x.access.yaml');
  assert.deepEqual(hits.map((h) => h.code).sort(), ['cidr.host-bits', 'cidr.redundant-entry', 'schema.unique-items']);
  assert.equal(withCode(hits, 'cidr.redundant-entry')[0].text, '10.0.0.1/8');
});

/** `count` disjoint /30 blocks of 10.20.0.0/16 in a shuffled order (deterministic). */
function quarters(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(formatAddress((10n << 24n) | (20n << 16n) | BigInt(((i * 7919) % 16384) * 4), 4) + '/30');
  return out;
}

test('10,000 subnets: the sweep finds exactly the deliberate overlaps and the subnet outside the VPC', () => {
  const blocks = quarters(10_000);
  const subnets: Array<[string, string]> = blocks.map((c, i) => [`s${i}`, c]);
  subnets.push(['dup', blocks[1234]], ['wide', '10.20.200.0/22'], ['away', '10.21.0.0/30']);
  const hits = networkHits(env('10.20.0.0/16', subnets));
  const overlaps = withCode(hits, 'cidr.subnet-overlap');
  const inWide = blocks
    .map((c, i) => [c, i] as const)
    .filter(
      ([c]) =>
        c.startsWith('10.20.200.') ||
        c.startsWith('10.20.201.') ||
        c.startsWith('10.20.202.') ||
        c.startsWith('10.20.203.'),
    );
  assert.deepEqual(
    overlaps.map((h) => h.data.subnet),
    ['dup', 'wide'],
  );
  assert.equal(overlaps[0].data.other, 's1234');
  assert.equal(overlaps[1].data.other, `s${Math.min(...inWide.map(([, i]) => i))}`);
  assert.deepEqual(
    withCode(hits, 'cidr.subnet-outside-vpc').map((h) => h.data.subnet),
    ['away'],
  );
  // The VPC has 16,384 /30 blocks and 10,000 are taken: the suggestion is the first free one.
  const taken = new Set(blocks);
  let first = '';
  for (let i = 0; i < 16384 && !first; i++) {
    const c = formatAddress((10n << 24n) | (20n << 16n) | BigInt(i * 4), 4) + '/30';
    if (
      !taken.has(c) &&
      !c.startsWith('10.20.200.') &&
      !c.startsWith('10.20.201.') &&
      !c.startsWith('10.20.202.') &&
      !c.startsWith('10.20.203.')
    )
      first = c;
  }
  assert.equal(overlaps[0].data.suggestion, first);
});

/** Every pair by brute force: the earliest block each block overlaps, among those before it. */
function bruteEarlier(spans: Span[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const s of spans) {
    const e = spans.find((t) => t.index < s.index && t.family === s.family && t.start <= s.end && s.start <= t.end);
    if (e) out.push([s.index, e.index]);
  }
  return out;
}

test('the sweeps and the free-block search agree with brute force on random blocks (IPv4 and IPv6)', () => {
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 20; round++) {
    const spans: Span[] = [];
    for (let i = 0; i < 200; i++) {
      const text =
        rand(4) === 0
          ? `2001:db8:${rand(4).toString(16)}::/${48 + rand(17)}`
          : `10.${rand(3)}.${rand(4)}.${rand(8) * 32}/${16 + rand(13)}`;
      const c = parseCidr(text);
      assert.ok(c, text);
      spans.push(spanOf(c, i));
    }
    assert.deepEqual(
      overlapsWithEarlier(spans).map((p) => [p.span.index, p.earlier.index]),
      bruteEarlier(spans),
    );
    // nestedPairs: each block inside another appears once, with a block containing it.
    const inner = new Set<number>();
    for (const { outer, inner: i } of nestedPairs(spans)) {
      assert.ok(!inner.has(i.index));
      inner.add(i.index);
      assert.ok(outer.start <= i.start && i.end <= outer.end && outer.family === i.family);
    }
    // freeBlock: inside the VPC, of the asked size, clear of every block; none only when none fits.
    const vpc = spanOf(parseCidr('10.0.0.0/14')!, -1);
    const sorted = sortSpans(spans);
    for (const prefix of [16, 20, 24, 28]) {
      const free = freeBlock(vpc, sorted, prefix);
      const c = free === undefined ? undefined : parseCidr(free);
      if (c) {
        const f = spanOf(c, -1);
        assert.equal(c.prefix, prefix);
        assert.equal(c.network, c.address, free);
        assert.ok(f.start >= vpc.start && f.end <= vpc.end, free);
        assert.ok(!spans.some((t) => t.family === 4 && t.start <= f.end && f.start <= t.end), free);
      } else {
        const size = 1n << BigInt(32 - prefix);
        for (let a = vpc.start; a <= vpc.end; a += size)
          assert.ok(
            spans.some((t) => t.family === 4 && t.start <= a + size - 1n && a <= t.end),
            `a /${prefix} is free at ${formatAddress(a, 4)}`,
          );
      }
    }
    const contained = spans.filter((s) =>
      spans.some(
        (t) =>
          t !== s &&
          t.family === s.family &&
          t.start <= s.start &&
          s.end <= t.end &&
          (t.start !== s.start || t.end !== s.end || t.index < s.index),
      ),
    );
    assert.deepEqual(
      [...inner].sort((a, b) => a - b),
      contained.map((s) => s.index),
    );
  }
});
