/** The address map's output types (see addressmap.ts). Plain data: no functions, no classes. */
import type { FamilyCapacity } from '../model/capacity';
import type { Cluster, IpFamily, NetworkModel } from '../model/schema';

export type SegmentState = 'used' | 'free' | 'reserved' | 'conflict' | 'reused';

export type SegmentKind =
  | 'clusterCIDR'
  | 'nodeNetwork'
  | 'serviceCIDR'
  | 'host'
  | 'nodeRange'
  | 'nodeRanges'
  | 'serviceBand'
  | 'nodeAddress'
  | 'nodeAddresses'
  | 'free';

export interface MapSegment {
  /** Object ref (see refs.ts) of what the segment belongs to; '' for free space. */
  ref: string;
  /** Scenario field of the block, e.g. "clusterCIDRs[0]" ('' when none). */
  field: string;
  kind: SegmentKind;
  label: string;
  /** The CIDR, or "first - last" when the span is not one CIDR. */
  cidr: string;
  first: string;
  last: string;
  /** Position and width on the row, 0..1. */
  start: number;
  width: number;
  /** Addresses in the segment. */
  size: bigint;
  /** "65,536" for IPv4, "2^64" for IPv6. */
  sizeText: string;
  state: SegmentState;
  /** 0 unless it overlaps another segment of the row. */
  lane: number;
  /** Addresses (service bands) or node ranges (runs) in use inside the segment. */
  used?: bigint;
  /** Node ranges in the segment (cluster CIDR rows). */
  ranges?: bigint;
  note?: string;
}

export interface MapRow {
  id: string;
  label: string;
  family: IpFamily;
  /** The space the row shows. */
  parent: { cidr: string; size: bigint; sizeText: string };
  /** What `summary` counts. */
  unit: 'addresses' | 'node ranges';
  lanes: number;
  segments: MapSegment[];
  summary: { total: bigint; used: bigint; free: bigint; reserved: bigint };
  note?: string;
}

export interface MapSection {
  ref: string;
  kind: 'network' | 'cluster' | 'unattached';
  label: string;
  rows: MapRow[];
}

export interface MarkEnd {
  ref: string;
  field: string;
  label: string;
  cidr: string;
}

export interface MapMark {
  state: 'conflict' | 'reused';
  a: MarkEnd;
  b: MarkEnd;
  message: string;
}

export interface AddressMap {
  model: NetworkModel | null;
  sections: MapSection[];
  marks: MapMark[];
  /** Set only when building the map failed. */
  error?: string;
}

export interface AddressMapOptions {
  /**
   * Above this many node ranges or node addresses in a row, neighbours with the same state merge
   * into runs (default 64): the view draws a few segments, not thousands.
   */
  maxSegmentsPerRow?: number;
  /**
   * The capacity of a cluster (capacity.ts clusterCapacity), when the caller has it already (the
   * view shows it next to the map): saves computing it twice.
   */
  capacity?: (cluster: Cluster) => readonly FamilyCapacity[];
}

/** Worst first: conflict > reused > reserved > used > free. */
export const STATE_RANK: Record<SegmentState, number> = {
  free: 0,
  used: 1,
  reserved: 2,
  reused: 3,
  conflict: 4,
};

export const worse = (a: SegmentState, b: SegmentState): SegmentState =>
  STATE_RANK[b] > STATE_RANK[a] ? b : a;
