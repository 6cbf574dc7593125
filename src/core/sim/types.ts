/**
 * The trace contract: what the engine returns, what the animation, hop list, lessons,
 * challenges and the trace CLI replay. Keep it stable: `--json` output of the CLI is this shape.
 */
import type { IpFamily, Protocol } from '../model/schema';

/** The fixed vocabulary of hop actions. */
export type HopAction =
  'send' | 'dns' | 'route' | 'dnat' | 'snat' | 'encap' | 'decap' | 'proxy' | 'deliver' | 'drop';

export type HopPlaceKind =
  'pod' | 'node' | 'gateway' | 'loadbalancer' | 'proxy' | 'router' | 'host' | 'dns';

/** One L3/L4 header as tcpdump would print it. */
export interface PacketHeader {
  src: string; // IP, canonical text
  srcPort: number | null;
  dst: string;
  dstPort: number | null;
  protocol: Protocol;
}

export interface Packet extends PacketHeader {
  /** The outer header while encapsulated (overlay), else null. */
  outer: { src: string; dst: string } | null;
}

export interface Hop {
  /** Where it happens: `<kind>/<name>`, e.g. "node/node1", "pod/pod-a", "router/network". */
  at: string;
  /** The kind of place, for drawing. */
  kind: HopPlaceKind;
  /** Object ref of the place in the scenario (see model/refs.ts), when it has one. */
  ref: string | null;
  action: HopAction;
  /** The packet after this hop. */
  packet: Packet;
  /** One sentence naming the mechanism. */
  note: string;
  /** Which header fields this hop changed, for highlighting (e.g. ["dst", "dstPort"]). */
  changed: ReadonlyArray<'src' | 'srcPort' | 'dst' | 'dstPort' | 'outer'>;
  /** For an L7 proxy, hops after a `proxy` hop belong to connection 2. */
  connection: number;
}

export type Verdict = 'delivered' | 'dropped';

export interface Trace {
  verdict: Verdict;
  reason: string | null;
  family: IpFamily;
  hops: Hop[];
  /** The reply path for delivered connections (un-DNAT, un-SNAT shown), else null. */
  reply: Hop[] | null;
}
