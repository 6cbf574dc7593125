/**
 * The blocks of a scenario on its networks (cluster CIDRs, node networks, Service CIDRs, hosts)
 * and the overlap marks between them by network model (see addressmap.ts for the rules).
 */
import {
  cidrCovering,
  cidrFrom,
  cidrLast,
  cidrOf,
  familyBits,
  ipFrom,
  type Cidr,
  type IpAddr,
} from '../model/cidr';
import { ipText } from '../model/ipam-format';
import { clusterRef, hostRef } from '../model/refs';
import type { Cluster, NetworkModel, Scenario } from '../model/schema';
import { cidrText } from './addressmap-scale';
import { worse, type MapMark, type MarkEnd, type SegmentState } from './addressmap-types';

/** Mark messages kept on one segment's note. */
const MAX_NOTES = 3;

export type BlockKind = 'clusterCIDR' | 'nodeNetwork' | 'serviceCIDR' | 'host';

export interface Block {
  id: string;
  kind: BlockKind;
  ref: string;
  field: string;
  label: string;
  cidr: Cidr;
  /** Index of the cluster, or -1 for hosts. */
  cluster: number;
  /** Network name the block sits on ('' when none). */
  network: string;
  /** Sorted node address values (nodeNetwork blocks). */
  ips?: bigint[];
  /** Node addresses a mark is about, with the mark's state (nodeNetwork blocks). */
  ipStates?: Map<bigint, SegmentState>;
  state: SegmentState;
  notes: string[];
}

export interface ClusterInfo {
  cluster: Cluster;
  index: number;
  ref: string;
  space: string;
  network: string;
  pods: Block[];
  services: Block[];
  nodes: Block[];
}

export function podSpace(
  model: NetworkModel,
  c: Cluster,
  index: number,
  arch: Map<string, string>,
) {
  if (model === 'flat') return 'flat';
  if (model === 'archipelago') {
    const a = arch.get(c.name);
    if (a !== undefined) return `archipelago\u0000${a}`;
  }
  return `cluster\u0000${index}`;
}

export function spaceReason(space: string): string {
  if (space === 'flat') {
    return 'under the flat model pod IPs are routable on the whole network, so they must be unique';
  }
  const arch = space.split('\u0000')[1] ?? '';
  return `the clusters of archipelago ${arch} share one flat pod space, so they must be unique inside it`;
}

export function reuseReason(model: NetworkModel): string {
  switch (model) {
    case 'air-gapped':
      return 'fine when air-gapped: the clusters are separate networks';
    case 'archipelago':
      return 'fine between archipelagos (or islands): pod IPs are private to each';
    case 'flat':
      return 'fine: ClusterIPs are virtual and private to each cluster';
    default:
      return 'fine under the island model: pod IPs are private to each cluster';
  }
}

export const overlaps = (a: Cidr, b: Cidr): boolean =>
  a.family === b.family && a.base <= cidrLast(b) && b.base <= cidrLast(a);

/** Values of `ips` (sorted) inside [lo, hi]. */
export function ipsIn(ips: readonly bigint[], lo: bigint, hi: bigint): bigint[] {
  let l = 0;
  let h = ips.length;
  while (l < h) {
    const m = (l + h) >> 1;
    if ((ips[m] ?? 0n) < lo) l = m + 1;
    else h = m;
  }
  const out: bigint[] = [];
  for (let i = l; i < ips.length && (ips[i] ?? 0n) <= hi; i++) out.push(ips[i] ?? 0n);
  return out;
}

function sortedIntersection(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0n;
    const y = b[j] ?? 0n;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** Remember which node addresses of a nodeNetwork block a mark is about. */
function markIps(b: Block, ips: readonly bigint[], state: SegmentState): void {
  if (b.kind !== 'nodeNetwork') return;
  const m = b.ipStates ?? new Map<bigint, SegmentState>();
  for (const ip of ips) m.set(ip, worse(m.get(ip) ?? 'used', state));
  b.ipStates = m;
}

const end = (b: Block): MarkEnd => ({
  ref: b.ref,
  field: b.field,
  label: b.label,
  cidr: cidrText(b.cidr),
});

export class Marks {
  readonly list: MapMark[] = [];
  add(
    state: 'conflict' | 'reused',
    a: Block,
    b: Block,
    message: string,
    ips: readonly bigint[] = [],
  ): void {
    this.list.push({ state, a: end(a), b: end(b), message });
    markIps(a, ips, state);
    markIps(b, ips, state);
    for (const x of [a, b]) {
      x.state = worse(x.state, state);
      if (x.notes.length < MAX_NOTES && !x.notes.includes(message)) x.notes.push(message);
    }
  }
}

export function markBlocks(
  model: NetworkModel,
  infos: readonly ClusterInfo[],
  hosts: Block[],
): Marks {
  const marks = new Marks();
  const airGapped = model === 'air-gapped';
  const txt = (b: Block) => `${b.label} ${cidrText(b.cidr)}`;
  for (let x = 0; x < infos.length; x++) {
    const X = infos[x];
    if (!X) continue;
    // Pod ranges against pod ranges of later clusters.
    for (let y = x + 1; y < infos.length; y++) {
      const Y = infos[y];
      if (!Y) continue;
      const shared = X.space === Y.space;
      for (const a of X.pods) {
        for (const b of Y.pods) {
          if (!overlaps(a.cidr, b.cidr)) continue;
          if (shared) {
            marks.add('conflict', a, b, `${txt(a)} overlaps ${txt(b)}; ${spaceReason(X.space)}`);
          } else {
            marks.add('reused', a, b, `${txt(b)} repeats ${txt(a)}; ${reuseReason(model)}`);
          }
        }
      }
      // Service ranges of two clusters.
      for (const a of X.services) {
        for (const b of Y.services) {
          if (!overlaps(a.cidr, b.cidr)) continue;
          marks.add(
            'reused',
            a,
            b,
            `${txt(b)} repeats ${txt(a)}; fine: ClusterIPs are virtual and private to each cluster`,
          );
        }
      }
      // Node addresses repeated on one network.
      for (const a of X.nodes) {
        for (const b of Y.nodes) {
          if (!overlaps(a.cidr, b.cidr) || a.network !== b.network) continue;
          const both = sortedIntersection(a.ips ?? [], b.ips ?? []);
          if (both.length === 0) continue;
          const first = ipText(a.cidr.family, both[0] ?? 0n);
          if (airGapped) {
            marks.add('reused', a, b, `node address ${first} repeats; ${reuseReason(model)}`, both);
          } else {
            marks.add(
              'conflict',
              a,
              b,
              `node address ${first} is used in clusters ${X.cluster.name} and ${Y.cluster.name} on the same network; only air-gapped clusters may repeat node addresses`,
              both,
            );
          }
        }
      }
    }
    // Node addresses of any cluster inside X's pod and service ranges.
    for (const Y of infos) {
      const shared = X.space === Y.space;
      for (const n of Y.nodes) {
        for (const p of X.pods) {
          if (!overlaps(p.cidr, n.cidr)) continue;
          const inside = ipsIn(n.ips ?? [], p.cidr.base, cidrLast(p.cidr));
          if (inside.length === 0) continue;
          const ip = ipText(p.cidr.family, inside[0] ?? 0n);
          if (X === Y) {
            marks.add(
              'conflict',
              p,
              n,
              `node address ${ip} lies in its own cluster's ${txt(p)}`,
              inside,
            );
          } else if (shared) {
            marks.add(
              'conflict',
              p,
              n,
              `node address ${ip} of cluster ${Y.cluster.name} lies in ${txt(p)}; ${spaceReason(X.space)}`,
              inside,
            );
          } else {
            marks.add(
              'reused',
              p,
              n,
              `node address ${ip} of cluster ${Y.cluster.name} lies in ${txt(p)}; the network allows it, but pods of ${X.cluster.name} cannot reach that node`,
              inside,
            );
          }
        }
        for (const s of X.services) {
          if (!overlaps(s.cidr, n.cidr)) continue;
          const inside = ipsIn(n.ips ?? [], s.cidr.base, cidrLast(s.cidr));
          if (inside.length === 0) continue;
          const ip = ipText(s.cidr.family, inside[0] ?? 0n);
          if (airGapped && X !== Y) {
            marks.add(
              'reused',
              s,
              n,
              `node address ${ip} lies in ${txt(s)}; ${reuseReason(model)}`,
              inside,
            );
          } else {
            marks.add(
              'conflict',
              s,
              n,
              `node address ${ip}${X === Y ? '' : ` of cluster ${Y.cluster.name}`} lies in ${txt(s)}: a Service there would capture it for pods of ${X.cluster.name}`,
              inside,
            );
          }
        }
      }
      // Service ranges over pod ranges.
      for (const s of X.services) {
        for (const p of Y.pods) {
          if (!overlaps(s.cidr, p.cidr)) continue;
          if (X === Y || shared) {
            marks.add(
              'conflict',
              s,
              p,
              X === Y
                ? `${txt(s)} overlaps ${txt(p)}: node ranges inside the service range are never handed out (or pod IPs would collide with ClusterIPs)`
                : `${txt(s)} overlaps ${txt(p)} in a shared pod space: pods of ${X.cluster.name} could not reach those pods`,
            );
          } else {
            marks.add('reused', s, p, `${txt(s)} repeats ${txt(p)}; ${reuseReason(model)}`);
          }
        }
      }
    }
    // Hosts.
    for (const h of hosts) {
      for (const p of X.pods) {
        if (!overlaps(p.cidr, h.cidr)) continue;
        if (X.space === 'flat') {
          marks.add('conflict', p, h, `${txt(h)} lies in ${txt(p)}; ${spaceReason('flat')}`);
        } else {
          marks.add(
            'reused',
            p,
            h,
            `${txt(h)} lies in ${txt(p)}: fine for the network, but pods of ${X.cluster.name} reach their own pods at that address`,
          );
        }
      }
      for (const s of X.services) {
        if (!overlaps(s.cidr, h.cidr)) continue;
        if (airGapped) {
          marks.add('reused', s, h, `${txt(h)} lies in ${txt(s)}; ${reuseReason(model)}`);
        } else {
          marks.add(
            'conflict',
            s,
            h,
            `${txt(h)} lies in ${txt(s)}: a Service there would capture the address for pods of ${X.cluster.name}`,
          );
        }
      }
    }
  }
  return marks;
}

export function clusterInfo(
  model: NetworkModel,
  cluster: Cluster,
  index: number,
  arch: Map<string, string>,
  network: string,
): ClusterInfo {
  const ref = clusterRef(cluster.name);
  const info: ClusterInfo = {
    cluster,
    index,
    ref,
    space: podSpace(model, cluster, index, arch),
    network,
    pods: [],
    services: [],
    nodes: [],
  };
  cluster.clusterCIDRs.forEach((cc, i) => {
    const c = cidrFrom(cc.cidr);
    if (!c) return;
    info.pods.push({
      id: `${ref}#clusterCIDRs[${i}]`,
      kind: 'clusterCIDR',
      ref,
      field: `clusterCIDRs[${i}]`,
      label: `${cluster.name} pods`,
      cidr: c,
      cluster: index,
      network,
      state: 'used',
      notes: [],
    });
  });
  cluster.serviceCIDRs.forEach((sc, o) =>
    sc.cidrs.forEach((t, k) => {
      const c = cidrFrom(t);
      if (!c) return;
      info.services.push({
        id: `${ref}#serviceCIDRs[${o}].cidrs[${k}]`,
        kind: 'serviceCIDR',
        ref,
        field: `serviceCIDRs[${o}].cidrs[${k}]`,
        label: `${cluster.name} services`,
        cidr: c,
        cluster: index,
        network,
        state: 'used',
        notes: [],
      });
    }),
  );
  for (const family of ['IPv4', 'IPv6'] as const) {
    const ips: IpAddr[] = [];
    for (const n of cluster.nodes) {
      for (const a of n.addresses) {
        if (a.type !== 'InternalIP' && a.type !== 'ExternalIP') continue;
        const ip = ipFrom(a.address);
        if (ip?.family === family) ips.push(ip);
      }
    }
    if (ips.length === 0) continue;
    const cover = cidrCovering(family, ips);
    if (!cover) continue;
    info.nodes.push({
      id: `${ref}#nodes.${family}`,
      kind: 'nodeNetwork',
      ref,
      field: 'nodes',
      label: `${cluster.name} nodes`,
      cidr: cover,
      cluster: index,
      network,
      ips: ips.map((i) => i.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      state: 'used',
      notes: [],
    });
  }
  return info;
}

export function hostBlocks(s: Scenario, home: (name: string) => string): Block[] {
  const out: Block[] = [];
  for (const h of s.hosts ?? []) {
    h.addresses.forEach((t, i) => {
      const ip = ipFrom(t);
      if (!ip) return;
      out.push({
        id: `${hostRef(h.name)}#addresses[${i}]`,
        kind: 'host',
        ref: hostRef(h.name),
        field: `addresses[${i}]`,
        label: `host ${h.name}`,
        cidr: cidrOf(ip.family, ip.value, familyBits(ip.family)),
        cluster: -1,
        network: home(h.network ?? ''),
        state: 'used',
        notes: [],
      });
    });
  }
  return out;
}
