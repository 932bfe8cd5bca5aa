/**
 * Address plans: in environment files every subnet lies inside the VPC `cidr_block`, subnets share
 * no address, and peer CIDRs do not overlap the VPC; in network lists (IP allowlists, API key
 * networks, firewall rule sources, egress allowlists) an entry inside another entry of the same
 * list is redundant. Blocks are compared after one sort by start address (CIDR blocks are nested
 * or disjoint, see `overlapsWithEarlier` and `nestedPairs` in lang/cidr.ts), so a list of n blocks
 * costs O(n log n). Blocks that do not parse are left to the `cidr.*` value checks
 * (rules/values.ts); host bits are ignored (the network is compared). Codes `cidr.subnet-outside-vpc`, `cidr.subnet-overlap`, `cidr.peer-overlaps-vpc`,
 * `cidr.redundant-entry`.
 */
import type { JSONPath, StringNode, ValueNode } from '../document/ast';
import {
  freeBlock,
  nestedPairs,
  overlapsWithEarlier,
  parseCidr,
  sortSpans,
  spanOf,
  type Cidr,
  type Span,
} from '../lang/cidr';
import type { Rule, RuleContext } from './types';
import { changeTo, removeItem } from '../fixes';
import { child, select, str, strAt, val } from './util';
import { report } from './report';

/** Network lists whose entries are alternatives (an entry inside another adds nothing), per kind. */
const LISTS: Record<string, string[]> = {
  'security-policy': ['network.firewall.rules[].cidrs'],
  'access-control': ['ip_allowlist', 'allowed_ips', 'api_keys[].allowed_cidrs'],
  tenant: ['access_control.ip_allowlist'],
  'isolation-policy': ['network.egress_allowlist'],
};

interface Block {
  node: StringNode;
  /** Path of the CIDR value. */
  path: JSONPath;
  cidr: Cidr;
  /** Position in the list (the document's own index, for messages and "later" order). */
  k: number;
}

/** The CIDR strings of a sequence that parse, with their paths; other items are skipped. */
function blocks(
  list: ValueNode | undefined,
  base: JSONPath,
  key?: string,
): { blocks: Block[]; items: Array<ValueNode | undefined> } {
  const out: Block[] = [];
  const seq = val(list);
  const itemsOf = seq?.type === 'array' ? seq.items.map((i) => val(i)) : [];
  itemsOf.forEach((item, k) => {
    const node = str(key === undefined ? item : child(item, key));
    const cidr = node ? parseCidr(node.value) : undefined;
    if (node && cidr) out.push({ node, path: key === undefined ? [...base, k] : [...base, k, key], cidr, k });
  });
  return { blocks: out, items: itemsOf };
}

const spansOf = (list: readonly Block[]): Span[] => list.map((b, i) => spanOf(b.cidr, i));

/** A subnet as messages name it: its `name`, else its position. */
function subnetLabel(item: ValueNode | undefined, k: number): string {
  const name = strAt(item, 'name');
  return name ? '`' + name + '`' : `subnets[${k}]`;
}

function environment(ctx: RuleContext): void {
  const net = child(ctx.part.root, 'networking');
  if (!net) return;
  const vpcNode = str(child(child(net, 'vpc'), 'cidr_block'));
  const vpc = vpcNode ? parseCidr(vpcNode.value) : undefined;
  const vpcSpan = vpc ? spanOf(vpc, -1) : undefined;
  const vpcPath = ['networking', 'vpc', 'cidr_block'];

  const { blocks: subnets, items: subnetItems } = blocks(child(net, 'subnets'), ['networking', 'subnets'], 'cidr');
  const spans = spansOf(subnets);
  const sorted = sortSpans(spans);
  // A free block of the VPC per prefix length (at most 129 distinct ones), for suggestions.
  const free = new Map<number, string | undefined>();
  const freeFor = (c: Cidr): string | undefined => {
    if (!vpcSpan || vpc?.family !== c.family) return undefined;
    if (!free.has(c.prefix)) free.set(c.prefix, freeBlock(vpcSpan, sorted, c.prefix));
    return free.get(c.prefix);
  };

  if (vpc && vpcSpan) {
    subnets.forEach((b, i) => {
      const s = spans[i];
      // The schema's VPC block is IPv4: a subnet of the other family is not compared with it.
      if (s.family !== vpcSpan.family || (s.start >= vpcSpan.start && s.end <= vpcSpan.end)) return;
      const suggestion = freeFor(b.cidr);
      const args = {
        subnet: subnetLabel(subnetItems[b.k], b.k),
        cidr: b.node.value,
        vpc: vpcNode!.value,
        ...(suggestion ? { suggestion } : {}),
      };
      report(ctx, {
        code: 'cidr.subnet-outside-vpc',
        message: suggestion ? 'cidr.subnet-outside-vpc.suggest' : 'cidr.subnet-outside-vpc',
        node: b.node,
        path: b.path,
        args,
        data: {
          subnet: strAt(subnetItems[b.k], 'name'),
          cidr: b.cidr.text,
          vpc: vpc.text,
          vpcPath,
          ...(suggestion ? { suggestion, fixes: [changeTo(b.path, suggestion, b.node.value)] } : {}),
        },
      });
    });
  }

  // Each subnet that overlaps one written before it, once, naming the first of those.
  for (const { span, earlier: e } of overlapsWithEarlier(spans, sorted)) {
    const later = subnets[span.index];
    const earlier = subnets[e.index];
    const suggestion = freeFor(later.cidr);
    const args = {
      subnet: subnetLabel(subnetItems[later.k], later.k),
      cidr: later.node.value,
      other: subnetLabel(subnetItems[earlier.k], earlier.k),
      otherCidr: earlier.node.value,
      ...(suggestion ? { suggestion } : {}),
    };
    report(ctx, {
      code: 'cidr.subnet-overlap',
      message: suggestion ? 'cidr.subnet-overlap.suggest' : 'cidr.subnet-overlap',
      node: later.node,
      path: later.path,
      args,
      data: {
        subnet: strAt(subnetItems[later.k], 'name'),
        cidr: later.cidr.text,
        other: strAt(subnetItems[earlier.k], 'name'),
        otherPath: earlier.path,
        otherCidr: earlier.cidr.text,
        ...(suggestion ? { suggestion, fixes: [changeTo(later.path, suggestion, later.node.value)] } : {}),
      },
    });
  }

  if (!vpc || !vpcSpan) return;
  const { blocks: peers, items: peerItems } = blocks(child(net, 'peering'), ['networking', 'peering'], 'cidr');
  for (const p of peers) {
    const s = spanOf(p.cidr, p.k);
    if (s.family !== vpcSpan.family || s.start > vpcSpan.end || s.end < vpcSpan.start) continue;
    const vpcId = strAt(peerItems[p.k], 'vpc_id');
    report(ctx, {
      code: 'cidr.peer-overlaps-vpc',
      node: p.node,
      path: p.path,
      args: { peer: vpcId ? '`' + vpcId + '`' : `peering[${p.k}]`, cidr: p.node.value, vpc: vpcNode!.value },
      data: { peer: vpcId, cidr: p.cidr.text, vpc: vpc.text, vpcPath },
    });
  }
}

/** Entries of a network list inside another entry of the same list (said on the inner one). */
function redundantEntries(ctx: RuleContext, pattern: string): void {
  for (const hit of select(ctx.part.root, pattern)) {
    const { blocks: list } = blocks(hit.node, hit.path);
    if (list.length < 2) continue;
    for (const { outer, inner } of nestedPairs(spansOf(list))) {
      const o = list[outer.index];
      const i = list[inner.index];
      // The same text twice is a duplicate, which the schema's `uniqueItems` reports.
      if (o.node.value === i.node.value) continue;
      report(ctx, {
        code: 'cidr.redundant-entry',
        node: i.node,
        path: i.path,
        args: { cidr: i.node.value, other: o.node.value },
        // Removing an entry another one covers allows exactly the same addresses: safe.
        data: {
          cidr: i.cidr.text,
          other: o.cidr.text,
          otherPath: o.path,
          fixes: [removeItem(i.path, i.node.value, { safe: true })],
        },
        severity: 'warning',
      });
    }
  }
}

export const networksRule: Rule = {
  id: 'networks',
  kinds: ['environment', 'security-policy', 'access-control', 'tenant', 'isolation-policy'],
  check(ctx) {
    if (ctx.kind === 'environment') environment(ctx);
    for (const pattern of LISTS[ctx.kind ?? ''] ?? []) redundantEntries(ctx, pattern);
  },
};
