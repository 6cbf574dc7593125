import { describe, expect, it } from 'vitest';
import { cidrFrom, cidrLast, cidrSize } from '../model/cidr';
import { clusterCapacity } from '../model/capacity';
import { fillScenario } from '../model/ipam';
import { serviceRangeOffset } from '../model/ipam-rules';
import type { Cluster, NetworkModel, Scenario } from '../model/schema';
import { singleCluster } from '../../lessons/presets/network-models';
import { addressMap, sizeText, type AddressMap, type MapRow, type MapSegment } from './addressmap';

const filled = (s: Scenario): Scenario => fillScenario(s).scenario;

function row(m: AddressMap, id: string): MapRow {
  for (const s of m.sections) for (const r of s.rows) if (r.id === id) return r;
  throw new Error(`no row ${id}: ${m.sections.flatMap((s) => s.rows.map((r) => r.id)).join(', ')}`);
}

const lane0 = (r: MapRow): MapSegment[] => r.segments.filter((s) => s.lane === 0);

/** Lane 0 of every row covers the parent exactly once, left to right. */
function expectTiled(m: AddressMap): void {
  const rows = m.sections.flatMap((s) => s.rows);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    let at = 0;
    for (const s of lane0(r)) {
      expect(s.start).toBeCloseTo(at, 9);
      expect(s.width).toBeGreaterThanOrEqual(0);
      at = s.start + s.width;
    }
    expect(at).toBeCloseTo(1, 9);
    expect(lane0(r).reduce((n, s) => n + s.size, 0n)).toBe(r.parent.size);
  }
}

/** The talk-003 cluster twice, with the second cluster's CIDR and node addresses given. */
function twoClusters(model: NetworkModel, second: string, archipelagos?: Scenario['archipelagos']) {
  const base = singleCluster.clusters[0] as Cluster;
  const other: Cluster = {
    ...base,
    name: 'cluster-2',
    clusterCIDRs: [{ cidr: second, nodeMaskSize: 24 }],
    nodes: base.nodes.map((n, i) => ({
      name: n.name,
      addresses: [{ type: 'InternalIP' as const, address: `10.240.0.${3 + i}` }],
    })),
    pods: [],
  };
  return filled({
    ...singleCluster,
    model,
    clusters: [base, other],
    ...(archipelagos ? { archipelagos } : {}),
  });
}

describe('addressMap: the network row of the talk-003 picture', () => {
  const m = addressMap(filled(singleCluster));
  const r = row(m, 'network/network#cidrs[0]');

  it('spans the network CIDR 10.0.0.0/8', () => {
    expect(r.parent.cidr).toBe('10.0.0.0/8');
    expect(r.parent.size).toBe(1n << 24n);
    expect(r.family).toBe('IPv4');
  });

  it('tiles lane 0 from 0 to 1 in address order, sizes adding up to the parent', () => {
    const segs = lane0(r);
    let at = 0;
    for (const s of segs) {
      expect(s.start).toBeCloseTo(at, 9);
      expect(s.width).toBeGreaterThan(0);
      at = s.start + s.width;
    }
    expect(at).toBeCloseTo(1, 9);
    expect(segs.reduce((n, s) => n + s.size, 0n)).toBe(r.parent.size);
  });

  it('shows the cluster CIDR, the Service range, the node network and the host, with free gaps between', () => {
    const byKind = (k: MapSegment['kind']) => r.segments.filter((s) => s.kind === k);
    expect(byKind('clusterCIDR').map((s) => s.cidr)).toEqual(['10.0.0.0/16']);
    expect(byKind('serviceCIDR').map((s) => s.cidr)).toEqual(['10.96.0.0/12']);
    expect(byKind('host').map((s) => s.cidr)).toEqual(['10.128.1.1/32']);
    expect(byKind('nodeNetwork')[0]?.cidr).toBe('10.240.0.0/30'); // covers 10.240.0.1 and .2
    expect(byKind('free').length).toBeGreaterThan(0);
    expect(byKind('host')[0]?.ref).toBe('host/other');
  });

  it('keeps a /32 host visible inside a /8 (linear share 2^-24)', () => {
    const host = r.segments.find((s) => s.kind === 'host');
    expect(host?.width ?? 0).toBeGreaterThan(0.01);
  });

  it('keeps the order of sizes: the /12 is wider than the /16, the /16 wider than the /32', () => {
    const w = (cidr: string) => r.segments.find((s) => s.cidr === cidr)?.width ?? 0;
    expect(w('10.96.0.0/12')).toBeGreaterThan(w('10.0.0.0/16'));
    expect(w('10.0.0.0/16')).toBeGreaterThan(w('10.128.1.1/32'));
  });

  it('counts used and free addresses of the row', () => {
    const used = [16, 12, 30, 32].reduce((n, p) => n + (1n << BigInt(32 - p)), 0n);
    expect(r.summary.used).toBe(used);
    expect(r.summary.free).toBe((1n << 24n) - used);
  });
});

describe('addressMap: the cluster rows', () => {
  const s = filled(singleCluster);
  const m = addressMap(s);

  it('shows each node pod range in the cluster CIDR with its node ref, the rest free', () => {
    const r = row(m, 'cluster/cluster#clusterCIDRs[0]');
    expect(r.unit).toBe('node ranges');
    const used = r.segments.filter((x) => x.kind === 'nodeRange');
    expect(used.map((x) => [x.cidr, x.ref])).toEqual([
      ['10.0.1.0/24', 'cluster/cluster/node/node1'],
      ['10.0.2.0/24', 'cluster/cluster/node/node2'],
    ]);
    expect(used.every((x) => x.state === 'used')).toBe(true);
    const cap = clusterCapacity(s.clusters[0]!)[0]!.nodeRanges.blocks[0]!;
    expect(r.summary).toEqual({
      total: cap.total,
      used: cap.used,
      free: cap.free,
      reserved: cap.blockedByServices,
    });
    expect(r.summary.total).toBe(256n);
  });

  it('splits the Service range into network address, KEP-3070 static band, dynamic band and broadcast', () => {
    const r = row(m, 'cluster/cluster#serviceCIDRs[0].cidrs[0]');
    const range = cidrFrom('10.96.0.0/12')!;
    const offset = serviceRangeOffset(cidrSize(range)); // min(max(16, size/16), 256)
    const staticBand = r.segments.find((x) => x.label.startsWith('static band'));
    expect(staticBand?.size).toBe(offset);
    expect(staticBand?.first).toBe('10.96.0.1');
    expect(staticBand?.used).toBe(1n); // kubernetes.default
    const total = r.segments.reduce((n, x) => n + x.size, 0n);
    expect(total).toBe(cidrSize(range));
    expect(r.segments[0]?.state).toBe('reserved'); // network address
    expect(r.segments[r.segments.length - 1]?.last).toBe('10.111.255.255'); // broadcast
  });

  it('marks node ranges a Service range overlaps as reserved (range_allocator.go filterOutServiceRange)', () => {
    const c = {
      ...(singleCluster.clusters[0] as Cluster),
      serviceCIDRs: [{ cidrs: ['10.0.128.0/20'] }],
    };
    const mm = addressMap(filled({ ...singleCluster, clusters: [c] }));
    const r = row(mm, 'cluster/cluster#clusterCIDRs[0]');
    const reserved = r.segments.filter((x) => x.state === 'reserved');
    expect(reserved).toHaveLength(1);
    expect(reserved[0]?.ranges).toBe(1n << BigInt(24 - 20));
    expect(r.summary.reserved).toBe(16n);
  });

  it('lists the node addresses', () => {
    const r = row(m, 'cluster/cluster#nodes.IPv4');
    expect(r.segments.filter((x) => x.kind === 'nodeAddress').map((x) => x.first)).toEqual([
      '10.240.0.1',
      '10.240.0.2',
    ]);
  });

  it('merges neighbouring node ranges into runs above maxSegmentsPerRow', () => {
    const c: Cluster = {
      name: 'big',
      ipFamilies: ['IPv4'],
      clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
      serviceCIDRs: [{ cidrs: ['10.96.0.0/16'] }],
      nodes: Array.from({ length: 100 }, (_, i) => ({
        name: `n${i}`,
        addresses: [{ type: 'InternalIP' as const, address: `192.168.0.${i + 1}` }],
      })),
      pods: [],
      services: [],
    };
    const s2 = filled({ version: 1, model: 'flat', networks: [], clusters: [c] });
    const few = row(addressMap(s2, { maxSegmentsPerRow: 10 }), 'cluster/big#clusterCIDRs[0]');
    const runs = few.segments.filter((x) => x.kind === 'nodeRanges');
    expect(runs.reduce((n, x) => n + (x.ranges ?? 0n), 0n)).toBe(100n);
    expect(few.segments.filter((x) => x.kind === 'nodeRange')).toHaveLength(0);
    const all = row(addressMap(s2, { maxSegmentsPerRow: 1000 }), 'cluster/big#clusterCIDRs[0]');
    expect(all.segments.filter((x) => x.kind === 'nodeRange')).toHaveLength(100);
  });
});

describe('addressMap: overlaps by network model (talk 003)', () => {
  const states = (m: AddressMap, kind: MapSegment['kind']) =>
    row(m, 'network/network#cidrs[0]')
      .segments.filter((s) => s.kind === kind)
      .map((s) => s.state);

  it('flat: a second cluster on the same pod CIDR is a conflict', () => {
    const m = addressMap(twoClusters('flat', '10.0.0.0/16'));
    expect(states(m, 'clusterCIDR')).toEqual(['conflict', 'conflict']);
    expect(m.marks.some((k) => k.state === 'conflict' && k.message.includes('flat model'))).toBe(
      true,
    );
    const nodeRanges = row(m, 'cluster/cluster-2#clusterCIDRs[0]').segments.filter(
      (s) => s.kind === 'nodeRange',
    );
    const taken = ['10.0.1.0/24', '10.0.2.0/24']; // cluster's own node ranges
    expect(nodeRanges.length).toBe(2);
    for (const s of nodeRanges) {
      expect(s.state).toBe(taken.includes(s.cidr) ? 'conflict' : 'used');
    }
    expect(nodeRanges.some((s) => s.state === 'conflict')).toBe(true);
  });

  it('flat: distinct pod CIDRs are no conflict, and the shared Service range is reused', () => {
    const m = addressMap(twoClusters('flat', '10.1.0.0/16'));
    expect(states(m, 'clusterCIDR')).toEqual(['used', 'used']);
    expect(states(m, 'serviceCIDR')).toEqual(['reused', 'reused']);
  });

  it.each(['island', 'air-gapped'] as const)('%s: the same pod CIDR again is reuse', (model) => {
    const m = addressMap(twoClusters(model, '10.0.0.0/16'));
    expect(states(m, 'clusterCIDR')).toEqual(['reused', 'reused']);
    expect(m.marks.filter((k) => k.state === 'conflict')).toEqual([]);
  });

  it('archipelago: conflict inside one archipelago, reuse between two', () => {
    const same = addressMap(
      twoClusters('archipelago', '10.0.0.0/16', [
        { name: 'a', clusters: ['cluster', 'cluster-2'] },
      ]),
    );
    expect(states(same, 'clusterCIDR')).toEqual(['conflict', 'conflict']);
    const apart = addressMap(
      twoClusters('archipelago', '10.0.0.0/16', [
        { name: 'a', clusters: ['cluster'] },
        { name: 'b', clusters: ['cluster-2'] },
      ]),
    );
    expect(states(apart, 'clusterCIDR')).toEqual(['reused', 'reused']);
  });

  it('a host inside a pod range: conflict under flat, reuse under island', () => {
    const withHost = (model: NetworkModel) =>
      filled({ ...singleCluster, model, hosts: [{ name: 'h', addresses: ['10.0.200.1'] }] });
    expect(states(addressMap(withHost('flat')), 'host')).toEqual(['conflict']);
    expect(states(addressMap(withHost('island')), 'host')).toEqual(['reused']);
  });

  it('the same node address in two clusters on one network is a conflict, fine when air-gapped', () => {
    const same = (model: NetworkModel) => {
      const s = twoClusters(model, '10.1.0.0/16');
      const c2 = s.clusters[1]!;
      return {
        ...s,
        clusters: [
          s.clusters[0]!,
          {
            ...c2,
            nodes: c2.nodes.map((n, i) =>
              i === 0
                ? { ...n, addresses: [{ type: 'InternalIP' as const, address: '10.240.0.1' }] }
                : n,
            ),
          },
        ],
      };
    };
    const flat = addressMap(same('flat'));
    const addr = row(flat, 'cluster/cluster-2#nodes.IPv4').segments.find(
      (s) => s.first === '10.240.0.1',
    );
    expect(addr?.state).toBe('conflict');
    const other = row(flat, 'cluster/cluster-2#nodes.IPv4').segments.find(
      (s) => s.first === '10.240.0.4',
    );
    expect(other?.state).toBe('used');
    const gapped = addressMap(same('air-gapped'));
    expect(
      row(gapped, 'cluster/cluster-2#nodes.IPv4').segments.find((s) => s.first === '10.240.0.1')
        ?.state,
    ).toBe('reused');
  });

  it('puts overlapping blocks on separate lanes at the same position', () => {
    const r = row(addressMap(twoClusters('island', '10.0.0.0/16')), 'network/network#cidrs[0]');
    const pods = r.segments.filter((s) => s.kind === 'clusterCIDR');
    expect(pods.map((s) => s.lane).sort()).toEqual([0, 1]);
    expect(pods[0]?.start).toBe(pods[1]?.start);
    expect(pods[0]?.width).toBe(pods[1]?.width);
    expect(r.lanes).toBeGreaterThanOrEqual(2);
  });
});

describe('addressMap: IPv6 and odd input', () => {
  const v6: Scenario = filled({
    version: 1,
    model: 'island',
    networks: [{ name: 'lan', cidrs: ['10.0.0.0/8'] }],
    clusters: [
      {
        name: 'six',
        network: 'lan',
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd00:1234:1::/56', nodeMaskSize: 64 }],
        serviceCIDRs: [{ cidrs: ['fd12:789a:1::/112'] }],
        nodes: [
          { name: 'n1', addresses: [{ type: 'InternalIP', address: 'fd01:789a:1::1' }] },
          { name: 'n2', addresses: [{ type: 'InternalIP', address: 'fd01:789a:1::2' }] },
        ],
        pods: [],
        services: [],
      },
    ],
  });
  const m = addressMap(v6);

  it('writes IPv6 sizes as powers of two', () => {
    expect(sizeText('IPv6', 1n << 64n)).toBe('2^64');
    expect(sizeText('IPv6', (1n << 64n) + 1n)).toBe('2^64 + 1');
    // Not rounded down: a /64 less its network and gateway addresses is nearly 2^64, not ~2^63.
    expect(sizeText('IPv6', (1n << 64n) - 2n)).toBe('2^64 − 2');
    expect(sizeText('IPv6', (1n << 64n) - (1n << 40n))).toBe('~2^64');
    expect(sizeText('IPv4', 65536n)).toBe('65,536');
    const r = row(m, 'cluster/six#clusterCIDRs[0]');
    expect(r.parent.sizeText).toBe('2^72');
    expect(r.segments.find((s) => s.kind === 'nodeRange')?.sizeText).toBe('2^64');
  });

  it('puts blocks of a family the network has no CIDR for on an "outside" row', () => {
    const r = row(m, 'network/lan#outside.IPv6');
    expect(r.family).toBe('IPv6');
    const c = cidrFrom(r.parent.cidr)!;
    for (const s of r.segments.filter((x) => x.kind !== 'free')) {
      const b = cidrFrom(s.cidr)!;
      expect(b.base >= c.base && cidrLast(b) <= cidrLast(c)).toBe(true);
    }
    expect(r.segments.some((s) => s.kind === 'clusterCIDR')).toBe(true);
  });

  it('two IPv6 node ranges of 2^64 addresses in a /56 stay equal and visible', () => {
    const r = row(m, 'cluster/six#clusterCIDRs[0]');
    const used = r.segments.filter((s) => s.kind === 'nodeRange');
    expect(used).toHaveLength(2);
    expect(used[0]?.width).toBeCloseTo(used[1]?.width ?? 0, 12);
    expect(used[0]?.width ?? 0).toBeGreaterThan(0.01);
  });

  it('tiles every row, on the exact and on the BigInt path of the scale', () => {
    expectTiled(m); // the outside row spans ~2^117 addresses in /126 steps: BigInt path
    expectTiled(addressMap(filled(singleCluster)));
    expectTiled(addressMap(twoClusters('island', '10.0.0.0/16')));
  });

  it('never throws: broken input gives an empty map with an error', () => {
    const broken = addressMap({ model: 'flat' } as unknown as Scenario);
    expect(broken.sections).toEqual([]);
    expect(broken.error).toBeTruthy();
    expect(addressMap(null as unknown as Scenario).error).toBeTruthy();
  });

  it('clusters on no network go to the unattached section', () => {
    const s = filled({ ...v6, networks: [] });
    const mm = addressMap(s);
    expect(mm.sections.find((x) => x.kind === 'unattached')?.rows.length).toBeGreaterThan(0);
  });
});
