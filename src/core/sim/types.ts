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

/* ------------------------------------------------------------------------------------------ */
/* Input: what to trace.                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * One end of a flow, as the CLI grammar names it (see parseEndpoint). `cluster` and
 * `namespace` are filled by parseEndpoint; when left out, trace() looks the name up in every
 * cluster and namespace and refuses an ambiguous one.
 */
export type Endpoint =
  | { kind: 'pod'; cluster?: string; namespace?: string; name: string; port?: number }
  | { kind: 'node'; cluster?: string; name: string; port?: number }
  /** A Service by name: a dns hop resolves it to its ClusterIP (or, headless, its pod IPs). */
  | { kind: 'svc'; cluster?: string; namespace?: string; name: string; port?: number }
  /** A Service's LoadBalancer ingress IP (`status.loadBalancer.ingress[].ip`). */
  | { kind: 'lb'; cluster?: string; namespace?: string; name: string; port?: number }
  /** A cluster gateway (talk 003): its address, e.g. a VIP or a proxy. */
  | { kind: 'gw'; cluster?: string; name: string; port?: number }
  /** An outside host of the scenario (`hosts[]`). */
  | { kind: 'host'; name: string; port?: number }
  /** An IP literal; one that belongs to nothing in the scenario is a client or server outside. */
  | { kind: 'ip'; ip: string; port?: number };

export interface Flow {
  from: Endpoint;
  to: Endpoint;
  /** Default TCP. */
  protocol?: Protocol;
  /** Which family to use when both ends have both; default: the destination's primary. */
  family?: IpFamily;
  /**
   * Which backend kube-proxy (or a proxy) picks, 0-based in the order the Service's endpoints
   * are listed (the pods' order in the scenario); wraps around. Default 0. Real kube-proxy picks
   * at random; the trace is deterministic so lessons can name the hop.
   */
  endpoint?: number;
  /** HTTP Host header for an L7 proxy; default the first Ingress rule's host. */
  host?: string;
  /** HTTP path for an L7 proxy; default the matched rule's first path. */
  path?: string;
  /** Client source port; default 43512 (an ephemeral port). */
  srcPort?: number;
}
