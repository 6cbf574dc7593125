/**
 * The address map's rows: network CIDRs with their blocks, and per cluster the node pod ranges,
 * the Service ranges with their KEP-3070 bands, and the node addresses.
 */
import {
  cidrCovering,
  cidrFrom,
  cidrLast,
  cidrSize,
  familyBits,
  ipFrom,
  type Cidr,
} from '../model/cidr';
import type { FamilyCapacity } from '../model/capacity';
import { ipText } from '../model/ipam-format';
import { serviceRangeBounds } from '../model/ipam-rules';
import { isHeadless } from '../model/ipam-services';
import { nodeRef } from '../model/refs';
import type { IpFamily, NetworkModel } from '../model/schema';
import {
  overlaps,
  ipsIn,
  reuseReason,
  spaceReason,
  type Block,
  type ClusterInfo,
} from './addressmap-marks';
import {
  assignLanes,
  cidrText,
  gapsOf,
  layoutRow,
  scaleFor,
  sizeText,
  sortSpans,
  spanText,
  type Span,
} from './addressmap-scale';
import { worse, type MapRow, type MapSegment, type SegmentState } from './addressmap-types';

/** Network rows: free gaps take at most this many times the width of the blocks. */
export const NETWORK_GAP_RATIO = 4;

export interface Placed {
  lo: bigint;
  hi: bigint;
  seg: Omit<MapSegment, 'start' | 'width' | 'lane'>;
}

export function buildRow(
  id: string,
  label: string,
  family: IpFamily,
  parent: Cidr,
  items: readonly Placed[],
  unit: MapRow['unit'],
  summary: MapRow['summary'] | null,
  freeLabel: (lo: bigint, hi: bigint) => string,
  note?: string,
  gapRatio = Infinity,
): MapRow {
  const lo = parent.base;
  const hi = cidrLast(parent);
  const inside = items
    .filter((it) => it.hi >= lo && it.lo <= hi)
    .map((it) =>
      it.lo < lo || it.hi > hi
        ? { ...it, lo: it.lo < lo ? lo : it.lo, hi: it.hi > hi ? hi : it.hi }
        : it,
    );
  const gapSegment = (gap: Span, pos: { start: number; width: number }): MapSegment => {
    const size = gap.hi - gap.lo + 1n;
    return {
      ref: '',
      field: '',
      kind: 'free',
      label: freeLabel(gap.lo, gap.hi),
      cidr: spanText(family, gap.lo, gap.hi),
      first: ipText(family, gap.lo),
      last: ipText(family, gap.hi),
      start: pos.start,
      width: pos.width,
      size,
      sizeText: sizeText(family, size),
      state: 'free',
      lane: 0,
    };
  };
  // Blocks in row order, then the gaps merged in between.
  let blocks: { lo: bigint; seg: MapSegment }[];
  let gaps: { lo: bigint; hi: bigint; start: number; width: number }[];
  let lanes: number;
  const fast = layoutRow(lo, hi, inside, gapRatio);
  if (fast) {
    blocks = fast.order.map((i) => {
      const it = inside[i] as Placed;
      // The segment objects are built fresh for this row: fill in the position in place.
      const seg = it.seg as MapSegment;
      seg.start = fast.start[i] ?? 0;
      seg.width = fast.width[i] ?? 0;
      seg.lane = fast.lane[i] ?? 0;
      return { lo: it.lo, seg };
    });
    gaps = fast.gaps;
    lanes = fast.lanes;
  } else {
    const sorted = sortSpans(inside);
    const place = scaleFor(lo, hi, sorted, gapRatio);
    const all = sorted.map((it) => ({
      lo: it.lo,
      hi: it.hi,
      seg: { ...it.seg, ...place(it), lane: 0 },
    }));
    lanes = assignLanes(all);
    blocks = all;
    gaps = gapsOf(lo, hi, sorted).map((g) => ({ ...g, ...place(g) }));
  }
  const segments: MapSegment[] = [];
  let g = 0;
  for (const b of blocks) {
    while (g < gaps.length && (gaps[g]?.lo ?? 0n) < b.lo) {
      const gap = gaps[g++] as (typeof gaps)[number];
      segments.push(gapSegment(gap, gap));
    }
    segments.push(b.seg);
  }
  while (g < gaps.length) {
    const gap = gaps[g++] as (typeof gaps)[number];
    segments.push(gapSegment(gap, gap));
  }
  const total = cidrSize(parent);
  const used = total - gaps.reduce((n, x) => n + x.hi - x.lo + 1n, 0n);
  return {
    id,
    label,
    family,
    parent: { cidr: cidrText(parent), size: total, sizeText: sizeText(family, total) },
    unit,
    lanes,
    segments,
    summary: summary ?? { total, used, free: total - used, reserved: 0n },
    ...(note ? { note } : {}),
  };
}

export function blockSegment(b: Block): Placed {
  const size = cidrSize(b.cidr);
  return {
    lo: b.cidr.base,
    hi: cidrLast(b.cidr),
    seg: {
      ref: b.ref,
      field: b.field,
      kind: b.kind,
      label: b.label,
      cidr: cidrText(b.cidr),
      first: ipText(b.cidr.family, b.cidr.base),
      last: ipText(b.cidr.family, cidrLast(b.cidr)),
      size,
      sizeText: sizeText(b.cidr.family, size),
      state: b.state,
      ...(b.notes.length > 0 ? { note: b.notes.join(' ') } : {}),
    },
  };
}

export const freeAddresses = (family: IpFamily) => (lo: bigint, hi: bigint) =>
  `free: ${sizeText(family, hi - lo + 1n)} addresses`;

export function networkRows(
  prefix: string,
  parents: readonly Cidr[],
  blocks: readonly Block[],
): MapRow[] {
  const rows: MapRow[] = [];
  const placedIn = new Set<Block>();
  parents.forEach((parent, i) => {
    const items: Placed[] = [];
    for (const b of blocks) {
      if (!overlaps(parent, b.cidr)) continue;
      items.push(blockSegment(b));
      if (b.cidr.base >= parent.base && cidrLast(b.cidr) <= cidrLast(parent)) placedIn.add(b);
    }
    rows.push(
      buildRow(
        `${prefix}#cidrs[${i}]`,
        cidrText(parent),
        parent.family,
        parent,
        items,
        'addresses',
        null,
        freeAddresses(parent.family),
        undefined,
        NETWORK_GAP_RATIO,
      ),
    );
  });
  for (const family of ['IPv4', 'IPv6'] as const) {
    const outside = blocks.filter((b) => b.cidr.family === family && !placedIn.has(b));
    if (outside.length === 0) continue;
    const cover = cidrCovering(
      family,
      outside.map((b) => b.cidr),
    );
    if (!cover) continue;
    rows.push(
      buildRow(
        `${prefix}#outside.${family}`,
        parents.length > 0 ? `${family} outside the network's CIDRs` : `${family} blocks`,
        family,
        cover,
        outside.map(blockSegment),
        'addresses',
        null,
        freeAddresses(family),
        parents.length > 0
          ? `These blocks are not inside any CIDR of the network; the row spans ${cidrText(cover)}, the smallest CIDR covering them.`
          : undefined,
        NETWORK_GAP_RATIO,
      ),
    );
  }
  return rows;
}

// Cluster rows.

export interface NodeRange {
  lo: bigint;
  hi: bigint;
  cidr: Cidr;
  node: string;
  field: string;
  cluster: number;
  state: SegmentState;
  note: string;
}

export function podRangeRows(
  info: ClusterInfo,
  caps: readonly FamilyCapacity[],
  ranges: readonly NodeRange[],
  maxSegments: number,
): MapRow[] {
  const c = info.cluster;
  const rows: MapRow[] = [];
  const serviceCidrs = info.services.map((s) => s.cidr);
  const inBlock = new Set<NodeRange>();
  c.clusterCIDRs.forEach((cc, i) => {
    const block = cidrFrom(cc.cidr);
    if (!block) return;
    const bits = familyBits(block.family);
    const mask = cc.nodeMaskSize;
    const valid = Number.isInteger(mask) && mask >= block.prefix && mask <= bits;
    const shift = BigInt(bits - (valid ? mask : bits));
    const lo = block.base;
    const hi = cidrLast(block);
    const items: Placed[] = [];
    const mine = ranges.filter((r) => r.cidr.family === block.family && r.lo >= lo && r.hi <= hi);
    for (const r of mine) inBlock.add(r);
    // Reserved: node ranges overlapping a Service range of the cluster (filterOutServiceRange).
    if (valid) {
      for (const s of serviceCidrs) {
        if (!overlaps(s, block)) continue;
        const a = s.base > lo ? s.base : lo;
        const b = cidrLast(s) < hi ? cidrLast(s) : hi;
        const first = lo + (((a - lo) >> shift) << shift);
        const last = lo + ((((b - lo) >> shift) + 1n) << shift) - 1n;
        const size = last - first + 1n;
        items.push({
          lo: first,
          hi: last,
          seg: {
            ref: info.ref,
            field: 'serviceCIDRs',
            kind: 'nodeRanges',
            label: `never handed out: inside service range ${cidrText(s)}`,
            cidr: spanText(block.family, first, last),
            first: ipText(block.family, first),
            last: ipText(block.family, last),
            size,
            sizeText: sizeText(block.family, size),
            state: 'reserved',
            ranges: size >> shift,
          },
        });
      }
    }
    const rangeSize = valid ? 1n << shift : 0n;
    const rangeSizeText = sizeText(block.family, rangeSize);
    const runs = mine.length > maxSegments ? mergeRuns(mine) : mine.map((r) => [r]);
    for (const run of runs) {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) continue;
      const size = last.hi - first.lo + 1n;
      if (run.length === 1) {
        const firstText = ipText(block.family, first.lo);
        items.push({
          lo: first.lo,
          hi: first.hi,
          seg: {
            ref: nodeRef(c.name, first.node),
            field: first.field,
            kind: 'nodeRange',
            label: first.node,
            cidr: `${firstText}/${first.cidr.prefix}`,
            first: firstText,
            last: ipText(block.family, first.hi),
            size,
            sizeText: size === rangeSize ? rangeSizeText : sizeText(block.family, size),
            state: first.state,
            ranges: 1n,
            used: 1n,
            ...(first.note ? { note: first.note } : {}),
          } as Placed['seg'],
        });
        continue;
      }
      const state = run.reduce<SegmentState>((s, r) => worse(s, r.state), 'used');
      const note = [...new Set(run.map((r) => r.note).filter((n) => n))].join(' ');
      items.push({
        lo: first.lo,
        hi: last.hi,
        seg: {
          ref: info.ref,
          field: 'nodes',
          kind: 'nodeRanges',
          label: `${run.length} node ranges (${first.node} .. ${last.node})`,
          cidr: spanText(block.family, first.lo, last.hi),
          first: ipText(block.family, first.lo),
          last: ipText(block.family, last.hi),
          size,
          sizeText: sizeText(block.family, size),
          state,
          ranges: BigInt(run.length),
          used: BigInt(run.length),
          ...(note ? { note } : {}),
        },
      });
    }
    const cap = caps
      .find((f) => f.family === block.family)
      ?.nodeRanges.blocks.find((b) => b.index === i);
    const freeLabel = (a: bigint, b: bigint): string =>
      valid
        ? `free: ${sizeText('IPv4', (b - a + 1n) >> shift)} node range(s)`
        : `free: ${sizeText(block.family, b - a + 1n)} addresses`;
    const summary = cap
      ? {
          total: cap.total,
          used: cap.used,
          free: cap.free,
          reserved: cap.blockedByServices,
        }
      : null;
    rows.push(
      buildRow(
        `${info.ref}#clusterCIDRs[${i}]`,
        `${cidrText(block)} in /${mask}s${
          cc.nodeSelector && Object.keys(cc.nodeSelector).length > 0
            ? ` (${Object.entries(cc.nodeSelector)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')})`
            : ''
        }`,
        block.family,
        block,
        items,
        valid ? 'node ranges' : 'addresses',
        summary,
        freeLabel,
        cap?.problem ? `IPAM cannot split this block: ${cap.problem}.` : undefined,
      ),
    );
  });
  // Node ranges outside every cluster CIDR (given podCIDRs, or inferred blocks).
  for (const family of ['IPv4', 'IPv6'] as const) {
    const stray = ranges.filter((r) => r.cidr.family === family && !inBlock.has(r));
    if (stray.length === 0) continue;
    const cover = cidrCovering(
      family,
      stray.map((r) => r.cidr),
    );
    if (!cover) continue;
    const runs = stray.length > maxSegments ? mergeRuns(stray) : stray.map((r) => [r]);
    const items: Placed[] = runs.flatMap((run) => {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) return [];
      const size = last.hi - first.lo + 1n;
      return [
        {
          lo: first.lo,
          hi: last.hi,
          seg: {
            ref: run.length === 1 ? nodeRef(c.name, first.node) : info.ref,
            field: run.length === 1 ? first.field : 'nodes',
            kind: run.length === 1 ? ('nodeRange' as const) : ('nodeRanges' as const),
            label: run.length === 1 ? first.node : `${run.length} node ranges`,
            cidr: run.length === 1 ? cidrText(first.cidr) : spanText(family, first.lo, last.hi),
            first: ipText(family, first.lo),
            last: ipText(family, last.hi),
            size,
            sizeText: sizeText(family, size),
            state: worse(
              run.reduce<SegmentState>((s, r) => worse(s, r.state), 'used'),
              'conflict',
            ),
            note: 'This node range lies in no cluster CIDR of the cluster.',
          },
        },
      ];
    });
    rows.push(
      buildRow(
        `${info.ref}#podCIDRs.outside.${family}`,
        `${family} node ranges outside the cluster CIDRs`,
        family,
        cover,
        items,
        'addresses',
        null,
        freeAddresses(family),
      ),
    );
  }
  return rows;
}

/** Consecutive node ranges (sorted, touching) with the same state merge into one run. */
export function mergeRuns(list: readonly NodeRange[]): NodeRange[][] {
  const sorted = [...list].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const runs: NodeRange[][] = [];
  let cur: NodeRange[] = [];
  for (const r of sorted) {
    const prev = cur[cur.length - 1];
    if (prev && r.lo === prev.hi + 1n && r.state === prev.state) cur.push(r);
    else {
      if (cur.length > 0) runs.push(cur);
      cur = [r];
    }
  }
  if (cur.length > 0) runs.push(cur);
  return runs;
}

export function serviceRows(info: ClusterInfo, caps: readonly FamilyCapacity[]): MapRow[] {
  const c = info.cluster;
  const rows: MapRow[] = [];
  const clusterIps = new Map<IpFamily, bigint[]>();
  for (const s of c.services) {
    if (isHeadless(s)) continue;
    for (const t of s.clusterIPs ?? []) {
      const ip = ipFrom(t);
      if (!ip) continue;
      const list = clusterIps.get(ip.family) ?? [];
      list.push(ip.value);
      clusterIps.set(ip.family, list);
    }
  }
  for (const list of clusterIps.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const seenPerFamily = new Map<IpFamily, number>();
  c.serviceCIDRs.forEach((sc, o) => {
    sc.cidrs.forEach((t, k) => {
      const r = cidrFrom(t);
      if (!r) return;
      const family = r.family;
      const cap = caps.find((f) => f.family === family);
      const nth = seenPerFamily.get(family) ?? 0;
      seenPerFamily.set(family, nth + 1);
      const capRange = cap?.services.ranges[nth];
      const b = serviceRangeBounds(r);
      const ips = [...new Set(clusterIps.get(family) ?? [])];
      // kube-apiserver's kubernetes.default holds the first address of the primary range.
      const primaryFirst = o === 0 && family === (c.ipFamilies[0] ?? family);
      if (primaryFirst && b.usable > 0n && !ips.includes(b.first)) {
        ips.push(b.first);
        ips.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      }
      const count = (lo: bigint, hi: bigint) => BigInt(ipsIn(ips, lo, hi).length);
      const field = `serviceCIDRs[${o}].cidrs[${k}]`;
      const items: Placed[] = [];
      const band = (
        lo: bigint,
        hi: bigint,
        label: string,
        state: SegmentState,
        note?: string,
      ): void => {
        if (hi < lo) return;
        const size = hi - lo + 1n;
        const used = count(lo, hi);
        items.push({
          lo,
          hi,
          seg: {
            ref: info.ref,
            field,
            kind: 'serviceBand',
            label,
            cidr: spanText(family, lo, hi),
            first: ipText(family, lo),
            last: ipText(family, hi),
            size,
            sizeText: sizeText(family, size),
            state: state === 'free' && used > 0n ? 'used' : state,
            used,
            ...(note ? { note } : {}),
          },
        });
      };
      band(r.base, r.base, 'network address (never handed out)', 'reserved');
      if (b.offset > 0n) {
        band(
          b.first,
          b.first + b.offset - 1n,
          'static band (KEP-3070): for clusterIPs set by hand',
          'reserved',
          primaryFirst ? 'Holds kubernetes.default at the first address.' : undefined,
        );
      }
      band(
        b.first + b.offset,
        b.last,
        b.offset > 0n ? 'dynamic band: allocated first' : 'addresses for ClusterIPs',
        'free',
      );
      if (family === 'IPv4' && cidrLast(r) > r.base) {
        band(cidrLast(r), cidrLast(r), 'broadcast address (never handed out)', 'reserved');
      }
      const used = capRange?.used ?? count(b.first, b.last);
      const usable = capRange?.usable ?? b.usable;
      rows.push(
        buildRow(
          `${info.ref}#${field}`,
          `${cidrText(r)} ${o === 0 ? '(--service-cluster-ip-range)' : `(ServiceCIDR ${sc.name ?? o})`}`,
          family,
          r,
          items,
          'addresses',
          {
            total: cidrSize(r),
            used,
            free: usable - used,
            reserved: cidrSize(r) - usable,
          },
          freeAddresses(family),
          capRange?.nested
            ? 'Inside another service range of the cluster: not a separate pool.'
            : undefined,
        ),
      );
    });
  });
  return rows;
}

export function nodeAddressRows(info: ClusterInfo, maxSegments: number): MapRow[] {
  const rows: MapRow[] = [];
  const c = info.cluster;
  for (const block of info.nodes) {
    const family = block.cidr.family;
    const addrs: { value: bigint; node: string; field: string }[] = [];
    for (const n of c.nodes) {
      n.addresses.forEach((a, k) => {
        if (a.type !== 'InternalIP' && a.type !== 'ExternalIP') return;
        const ip = ipFrom(a.address);
        if (ip?.family === family)
          addrs.push({ value: ip.value, node: n.name, field: `status.addresses[${k}].address` });
      });
    }
    addrs.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const items: Placed[] = [];
    const bits = familyBits(family);
    const push = (run: typeof addrs): void => {
      const first = run[0];
      const last = run[run.length - 1];
      if (!first || !last) return;
      let state: SegmentState = 'used';
      for (let k = 0; k < run.length; k++) {
        const r = run[k] as (typeof run)[number];
        const other = block.ipStates?.get(r.value);
        if (other) state = worse(state, other);
        if (k > 0 && run[k - 1]?.value === r.value) state = worse(state, 'conflict');
      }
      if (run.length === 1) {
        const text = ipText(family, first.value);
        items.push({
          lo: first.value,
          hi: first.value,
          seg: {
            ref: nodeRef(c.name, first.node),
            field: first.field,
            kind: 'nodeAddress',
            label: first.node,
            cidr: `${text}/${bits}`,
            first: text,
            last: text,
            size: 1n,
            sizeText: '1',
            state,
            used: 1n,
          } as Placed['seg'],
        });
        return;
      }
      const size = last.value - first.value + 1n;
      items.push({
        lo: first.value,
        hi: last.value,
        seg: {
          ref: info.ref,
          field: 'nodes',
          kind: 'nodeAddresses',
          label: `${run.length} node addresses`,
          cidr: spanText(family, first.value, last.value),
          first: ipText(family, first.value),
          last: ipText(family, last.value),
          size,
          sizeText: sizeText(family, size),
          state,
          used: BigInt(run.length),
        },
      });
    };
    if (addrs.length > maxSegments) {
      let cur: typeof addrs = [];
      for (const a of addrs) {
        const prev = cur[cur.length - 1];
        if (prev && a.value <= prev.value + 1n) cur.push(a);
        else {
          push(cur);
          cur = [a];
        }
      }
      push(cur);
    } else {
      // Repeated addresses stay separate segments (on separate lanes).
      for (const a of addrs) push([a]);
    }
    rows.push(
      buildRow(
        `${info.ref}#nodes.${family}`,
        `${family} node addresses (${cidrText(block.cidr)})`,
        family,
        block.cidr,
        items,
        'addresses',
        null,
        freeAddresses(family),
      ),
    );
  }
  return rows;
}

/** Node ranges of all clusters with their state by the network model. */
export function nodeRangesOf(model: NetworkModel, infos: readonly ClusterInfo[]): NodeRange[][] {
  const perCluster: NodeRange[][] = infos.map((info) => {
    const out: NodeRange[] = [];
    for (const n of info.cluster.nodes) {
      (n.podCIDRs ?? []).forEach((t, k) => {
        const c = cidrFrom(t);
        if (!c) return;
        out.push({
          lo: c.base,
          hi: cidrLast(c),
          cidr: c,
          node: n.name,
          field: `spec.podCIDRs[${k}]`,
          cluster: info.index,
          state: 'used',
          note: '',
        });
      });
    }
    return out;
  });
  // Sweep per family: aligned CIDRs overlap only by containment.
  for (const family of ['IPv4', 'IPv6'] as const) {
    const all = perCluster
      .flat()
      .filter((r) => r.cidr.family === family)
      .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : 1));
    const active: NodeRange[] = [];
    for (const r of all) {
      for (let i = active.length - 1; i >= 0; i--) {
        if ((active[i]?.hi ?? -1n) < r.lo) active.splice(i, 1);
      }
      for (const o of active) {
        const X = infos[o.cluster];
        const Y = infos[r.cluster];
        if (!X || !Y) continue;
        let state: SegmentState;
        let note: string;
        if (X === Y) {
          state = 'conflict';
          note = `Overlaps node ${o.node}'s range ${cidrText(o.cidr)}.`;
        } else if (X.space === Y.space) {
          state = 'conflict';
          note = `Overlaps node ${o.node} of cluster ${X.cluster.name}; ${spaceReason(X.space)}.`;
        } else {
          state = 'reused';
          note = `Repeats a range of cluster ${X.cluster.name}; ${reuseReason(model)}.`;
        }
        r.state = worse(r.state, state);
        o.state = worse(o.state, state);
        if (!r.note.includes(note)) r.note = `${r.note} ${note}`.trim();
        const back = note
          .replace(`node ${o.node}`, `node ${r.node}`)
          .replace(`cluster ${X.cluster.name}`, `cluster ${Y.cluster.name}`);
        if (!o.note.includes(back)) o.note = `${o.note} ${back}`.trim();
      }
      active.push(r);
    }
  }
  return perCluster;
}
