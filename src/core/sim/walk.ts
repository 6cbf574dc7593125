/**
 * The packet walk: from place to place, each place does what the real component does.
 *
 * - A pod sends out of its interface to its node.
 * - A node first runs kube-proxy's / the CNI's NAT (PREROUTING / OUTPUT), then routes, then
 *   masquerades (POSTROUTING), then hands the packet to a local pod, another node (routed, or
 *   encapsulated for an overlay), or the network.
 * - The network (router) knows node, host, gateway and load-balancer addresses; it knows pod
 *   ranges only where the network model makes pod IPs routable (flat; inside an archipelago;
 *   pods with global IPv6 addresses). It never knows ClusterIPs.
 * - A load balancer or VIP hands the packet to a node; a proxy ends the connection and opens a
 *   new one.
 *
 * Sources for the behaviour, cited where it is used:
 * - kube-proxy iptables mode: pkg/proxy/iptables/proxier.go (KUBE-SERVICES, KUBE-NODEPORTS
 *   with `--dst-type LOCAL`, KUBE-SEP `-s <endpoint> -j KUBE-MARK-MASQ` for hairpin, KUBE-EXT
 *   masquerade for externalTrafficPolicy Cluster, REJECT for Services without endpoints).
 * - Kubernetes docs, "Using Source IP" (tutorials/services/source-ip) and
 *   concepts/services-networking/service.md: "If the traffic policy is Local and there are no
 *   node-local endpoints, the kube-proxy does not forward any traffic for the relevant Service."
 * - CNI portmap plugin (containernetworking/plugins/plugins/meta/portmap) for hostPort.
 * - ip-masq-agent / CNI masquerade for pod egress (talk 003, slides 53-61).
 */
import {
  cidrContainsIp,
  cidrToString,
  endpointString,
  ipFrom,
  ipToString,
  type IpAddr,
} from '../model/cidr';
import { networkRef } from '../model/refs';
import type { IpFamily, Protocol, ServicePort } from '../model/schema';
import { DEFAULTS } from '../model/defaults';
import { serviceByRef } from './lookup';
import {
  cap,
  gatewayPlace,
  hostPlace,
  lbPlace,
  nodePlace,
  outsidePlace,
  podPlace,
  routerPlace,
  type Place,
} from './places';
import {
  addrOf,
  inAny,
  isIpv6Global,
  nodeForPodIp,
  ownersOf,
  serviceEndpoints,
  servicePort,
  type BackendEndpoint,
  type ClusterEntry,
  type GatewayEntry,
  type HostEntry,
  type NodeEntry,
  type Owner,
  type PodEntry,
  type ScenarioIndex,
  type ServiceEntry,
} from './scenario-index';
import type { Flow, Hop, HopAction, Packet, Verdict } from './types';

export const EPHEMERAL_PORT = 43512;
/** Source port of the second connection an L7 proxy opens. */
export const PROXY_SOURCE_PORT = 40180;
/** The kubelet's port: the one thing a node itself answers on in this model. */
export const KUBELET_PORT = 10250;
const MAX_HOPS = 64;

export interface WorkHop extends Hop {
  place: Place;
  /** Not on the return path (a pass-through load balancer: the reply goes straight back). */
  replySkip?: boolean;
}

type Arrival = 'pod' | 'self' | 'wire';

interface Snat {
  to: string;
  note: string;
}

/** Where a packet entering the network came from. */
export interface Origin {
  cluster: ClusterEntry | null;
  /** An address outside every network of the scenario (the internet). */
  outside: boolean;
}

export const ep = (ip: string, port: number | null) => endpointString(ip, port);
const src = (p: Packet) => ep(p.src, p.srcPort);
const dst = (p: Packet) => ep(p.dst, p.dstPort);

export function nodeIp(n: NodeEntry, family: IpFamily): string | null {
  return addrOf(n.addrs, family);
}

export function clusterOf(o: Owner): ClusterEntry | null {
  switch (o.kind) {
    case 'pod':
      return o.pod.cluster;
    case 'node':
      return o.node.cluster;
    case 'clusterIP':
    case 'lb':
      return o.svc.cluster;
    case 'gateway':
      return o.gw.cluster;
    case 'host':
      return null;
  }
}

const sameOwner = (a: Owner, b: Owner): boolean => {
  if (a.kind === 'pod' && b.kind === 'pod') return a.pod === b.pod;
  if (a.kind === 'node' && b.kind === 'node') return a.node === b.node;
  if (a.kind === 'host' && b.kind === 'host') return a.host === b.host;
  return false;
};

function ownerName(o: Owner): string {
  const c = clusterOf(o);
  const pre = c ? `${c.name}'s ` : '';
  switch (o.kind) {
    case 'pod':
      return `${pre}pod ${o.pod.name}`;
    case 'node':
      return `${pre}node ${o.node.name}`;
    case 'clusterIP':
      return `${pre}Service ${o.svc.name} (ClusterIP)`;
    case 'lb':
      return `${pre}Service ${o.svc.name} (load balancer)`;
    case 'gateway':
      return `${pre}gateway ${o.gw.name}`;
    case 'host':
      return `host ${o.host.name}`;
  }
}

export class Walker {
  readonly hops: WorkHop[] = [];
  result: { verdict: Verdict; reason: string | null } | null = null;
  /** Set when the forward packet reaches its target but the reply could not return. */
  replyBlocked: { hop: WorkHop; reason: string; note: string } | null = null;
  private conn = 1;
  private pendingBlock: { reason: string; note: string } | null = null;
  /** With externalTrafficPolicy Local the load balancer picked this backend's node. */
  private preferred: BackendEndpoint | null = null;

  constructor(
    readonly ix: ScenarioIndex,
    readonly flow: Flow,
    readonly family: IpFamily,
    readonly protocol: Protocol,
    /** The object the flow names as its destination, to catch overlapping addresses. */
    readonly intended: Owner | null,
    /** The destination address as the flow started, before any NAT. */
    readonly initialDst: string,
  ) {}

  /** A node as notes name it: "node1", or "node1 of c2" with several clusters. */
  private nn(n: NodeEntry): string {
    return nodePlace(this.ix, n).label;
  }

  get done(): boolean {
    return this.result !== null;
  }

  add(place: Place, action: HopAction, packet: Packet, note: string, replySkip = false): WorkHop {
    const hop: WorkHop = {
      at: place.at,
      kind: place.kind,
      ref: place.ref,
      action,
      packet,
      note,
      changed: [],
      connection: this.conn,
      place,
      ...(replySkip ? { replySkip } : {}),
    };
    this.hops.push(hop);
    if (this.pendingBlock && place.kind === 'router') {
      this.replyBlocked = { hop, ...this.pendingBlock };
      this.pendingBlock = null;
    }
    return hop;
  }

  drop(place: Place, packet: Packet, reason: string, note: string): void {
    this.add(place, 'drop', packet, note);
    this.result = { verdict: 'dropped', reason };
  }

  private deliver(place: Place, packet: Packet, note: string): void {
    this.add(place, 'deliver', packet, note);
    this.result = { verdict: 'delivered', reason: null };
  }

  private guard(place: Place, pkt: Packet): boolean {
    if (this.done) return true;
    if (this.hops.length < MAX_HOPS) return false;
    this.drop(
      place,
      pkt,
      'routing loop',
      `The packet has gone round ${MAX_HOPS} hops: a routing loop.`,
    );
    return true;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Sources                                                                                  */
  /* ---------------------------------------------------------------------------------------- */

  fromPod(pod: PodEntry, pkt: Packet): void {
    const place = podPlace(this.ix, pod);
    const node = pod.node;
    this.add(
      place,
      'send',
      pkt,
      pod.hostNetwork
        ? `${pod.name} (hostNetwork, so it uses its node's address) sends from ${src(pkt)} to ${dst(pkt)} (${pkt.protocol}).`
        : `${pod.name} sends from ${src(pkt)} to ${dst(pkt)} (${pkt.protocol}) out of its eth0 to ${node ? node.name : 'its node'}.`,
    );
    if (!node) {
      this.drop(
        place,
        pkt,
        'no route',
        `${pod.name} is not on any node of the scenario (spec.nodeName "${pod.pod.nodeName}").`,
      );
      return;
    }
    if (!pod.hostNetwork && pod.addrs.some((a) => a.ip === pkt.dst)) {
      this.deliver(
        place,
        pkt,
        `${pod.name} sent to its own address: the packet never leaves the pod.`,
      );
      return;
    }
    this.atNode(node, pkt, pod.hostNetwork ? 'self' : 'pod');
  }

  fromNode(node: NodeEntry, pkt: Packet): void {
    this.add(
      nodePlace(this.ix, node),
      'send',
      pkt,
      `${this.nn(node)} sends from ${src(pkt)} to ${dst(pkt)} (${pkt.protocol}).`,
    );
    this.atNode(node, pkt, 'self');
  }

  fromHost(host: HostEntry | null, pkt: Packet, network: string, origin: Origin): void {
    const place = host ? hostPlace(host) : outsidePlace(pkt.src);
    const who = host ? `${host.name}` : `A client outside the scenario (${pkt.src})`;
    this.add(place, 'send', pkt, `${who} sends from ${src(pkt)} to ${dst(pkt)} (${pkt.protocol}).`);
    this.atRouter(network, pkt, origin);
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Nodes                                                                                    */
  /* ---------------------------------------------------------------------------------------- */

  atNode(node: NodeEntry, pkt: Packet, arrival: Arrival): void {
    const place = nodePlace(this.ix, node);
    if (this.guard(place, pkt)) return;
    if (pkt.outer) {
      const inner: Packet = { ...pkt, outer: null };
      this.add(
        place,
        'decap',
        inner,
        `${this.nn(node)} decapsulates the overlay packet: the inner ${pkt.src} -> ${pkt.dst} goes on unchanged.`,
      );
      pkt = inner;
    }
    const nat = this.nodeNat(node, pkt, arrival);
    if (nat === null) return;
    this.nodeRoute(node, nat.pkt, nat.snat, nat.target);
  }

  /** kube-proxy (KUBE-SERVICES, KUBE-NODEPORTS) and the CNI portmap plugin. */
  private nodeNat(
    node: NodeEntry,
    pkt: Packet,
    _arrival: Arrival,
  ): { pkt: Packet; snat: Snat | null; target: PodEntry | null } | null {
    const place = nodePlace(this.ix, node);
    const c = node.cluster;
    const owners = ownersOf(this.ix, pkt.dst).filter((o) => clusterOf(o) === c);
    for (const o of owners) {
      if (o.kind === 'clusterIP') return this.serviceDnat(node, pkt, o.svc, 'clusterIP', null);
      if (o.kind === 'lb') return this.serviceDnat(node, pkt, o.svc, 'lb', null);
      if (o.kind === 'gateway' && o.gw.gw.kind === 'vip') {
        const svc = o.gw.gw.service ? serviceByRef(c, o.gw.gw.service) : null;
        if (!svc) {
          this.drop(
            place,
            pkt,
            'no endpoints',
            `VIP ${pkt.dst} of gateway ${o.gw.name} names no Service of ${c.name}, so ${this.nn(node)} has no rule for it.`,
          );
          return null;
        }
        return this.serviceDnat(node, pkt, svc, 'vip', null);
      }
    }
    if (!node.allIps.has(pkt.dst)) return { pkt, snat: null, target: null };

    // Addressed to this node. The flow may have meant another object with the same address.
    if (this.misdirected(place, pkt, { kind: 'node', node })) return null;
    const port = pkt.dstPort ?? 0;
    // KUBE-NODEPORTS is reached only for `-m addrtype --dst-type LOCAL` (proxier.go).
    const np = c.nodePorts.get(`${pkt.protocol}/${port}`);
    if (np) return this.serviceDnat(node, pkt, np.svc, 'nodePort', np.port);
    const hp = c.hostPorts.get(`${this.nn(node)}|${pkt.protocol}/${port}`);
    if (hp) {
      const podIp = addrOf(hp.pod.addrs, this.family);
      if (!podIp) {
        this.drop(
          place,
          pkt,
          'no address of the requested family',
          `${hp.pod.name} has no ${this.family} address for host port ${port}.`,
        );
        return null;
      }
      const out: Packet = { ...pkt, dst: podIp, dstPort: hp.port.containerPort };
      this.add(
        place,
        'dnat',
        out,
        `The CNI portmap plugin on ${this.nn(node)} DNATs host port ${dst(pkt)} to ${hp.pod.name} ${ep(podIp, hp.port.containerPort)}; the client IP is kept.`,
      );
      return { pkt: out, snat: null, target: hp.pod };
    }
    const hostPod = node.pods.find(
      (p) =>
        p.hostNetwork &&
        ((this.intended?.kind === 'pod' && this.intended.pod === p) ||
          (p.pod.ports ?? []).some(
            (cp) =>
              cp.containerPort === port && (cp.protocol ?? DEFAULTS.protocol) === pkt.protocol,
          )),
    );
    if (hostPod) {
      const last = this.hops[this.hops.length - 1];
      if (!last || last.at !== place.at) {
        this.add(
          place,
          'route',
          pkt,
          `${this.nn(node)} hands it to ${hostPod.name}, a hostNetwork pod listening on the node's own address.`,
        );
      }
      this.deliver(
        podPlace(this.ix, hostPod),
        pkt,
        `${hostPod.name} (hostNetwork) receives it on ${dst(pkt)}, its node's address, from ${src(pkt)}.`,
      );
      return null;
    }
    if (port === KUBELET_PORT && pkt.protocol === 'TCP') {
      this.deliver(
        place,
        pkt,
        `The kubelet on ${this.nn(node)} receives it on ${dst(pkt)} from ${src(pkt)}.`,
      );
      return null;
    }
    this.drop(
      place,
      pkt,
      'port not exposed',
      `Nothing on ${this.nn(node)} listens on ${port}/${pkt.protocol}: no NodePort, HostPort or hostNetwork pod uses it.`,
    );
    return null;
  }

  private serviceDnat(
    node: NodeEntry,
    pkt: Packet,
    svc: ServiceEntry,
    via: 'clusterIP' | 'lb' | 'vip' | 'nodePort',
    npPort: ServicePort | null,
  ): { pkt: Packet; snat: Snat | null; target: PodEntry | null } | null {
    const place = nodePlace(this.ix, node);
    const port = pkt.dstPort ?? 0;
    const sp = npPort ?? servicePort(svc, port, pkt.protocol);
    if (!sp) {
      const has = svc.svc.ports
        .map((p) => `${p.port}/${p.protocol ?? DEFAULTS.protocol}`)
        .join(', ');
      this.drop(
        place,
        pkt,
        'port not exposed',
        `kube-proxy on ${this.nn(node)} has no rule for ${dst(pkt)}: Service ${svc.name} exposes ${has || 'no port'}, not ${port}/${pkt.protocol}.`,
      );
      return null;
    }
    const eps = serviceEndpoints(svc, sp, this.family);
    if (eps.length === 0) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `kube-proxy on ${this.nn(node)} rejects ${dst(pkt)}: Service ${svc.name} has no ${this.family} endpoints (no ready pod matches its selector).`,
      );
      return null;
    }
    const external = via !== 'clusterIP';
    const policy = svc.svc.externalTrafficPolicy ?? DEFAULTS.externalTrafficPolicy;
    let pool = eps;
    if (external && policy === 'Local') {
      pool = eps.filter((e) => e.pod.node === node);
      if (pool.length === 0) {
        this.drop(
          place,
          pkt,
          'traffic policy Local: no local endpoint',
          `kube-proxy on ${this.nn(node)} drops it: Service ${svc.name} has externalTrafficPolicy Local and no endpoint on ${this.nn(node)}, and Local never forwards to other nodes.`,
        );
        return null;
      }
    }
    const pick =
      (this.preferred && pool.includes(this.preferred) ? this.preferred : null) ??
      pool[(((this.flow.endpoint ?? 0) % pool.length) + pool.length) % pool.length];
    if (!pick) return null;
    const out: Packet = { ...pkt, dst: pick.ip, dstPort: pick.port };
    const which =
      pool.length > 1
        ? ` (backend ${pool.indexOf(pick) + 1} of ${pool.length}${external && policy === 'Local' ? ' local ones' : ''}; kube-proxy picks at random)`
        : '';
    const to = `${pick.pod.name} ${ep(pick.ip, pick.port)}`;
    let note: string;
    switch (via) {
      case 'clusterIP':
        note = `kube-proxy on ${this.nn(node)} DNATs ${dst(pkt)} (Service ${svc.name}) to ${to}${which}.`;
        break;
      case 'nodePort':
        note = `kube-proxy on ${this.nn(node)} matches NodePort ${port}/${pkt.protocol} of Service ${svc.name} and DNATs ${dst(pkt)} to ${to}${which}.`;
        break;
      case 'lb':
        note = `kube-proxy on ${this.nn(node)} matches the load-balancer IP ${dst(pkt)} of Service ${svc.name} and DNATs it to ${to}${which}.`;
        break;
      case 'vip':
        note = `kube-proxy on ${this.nn(node)} picks the Service by destination IP (VIP ${dst(pkt)} is Service ${svc.name}) and DNATs it to ${to}${which}.`;
        break;
    }
    this.add(place, 'dnat', out, note);

    const me = nodeIp(node, this.family);
    // MASQUERADE takes the address of the interface the packet leaves by: toward another node
    // that is the node's IP; toward a local pod it is the node's IP with a bridgeless CNI
    // (Calico-style routed veths) but the bridge's address with a bridge CNI (kubenet's cbr0).
    const iface =
      pick.pod.node === node
        ? ' (the node IP as with a bridgeless CNI; a bridge CNI would use its bridge address)'
        : '';
    let snat: Snat | null = null;
    if (!external && pkt.src === pick.ip && me) {
      // proxier.go, per-endpoint chain: "Handle traffic that loops back to the originator
      // with SNAT": `-A KUBE-SEP-... -s <endpoint IP> -j KUBE-MARK-MASQ`.
      snat = {
        to: me,
        note: `Hairpin: the backend is the client itself, so kube-proxy masquerades (KUBE-SEP rule -s ${pick.ip} -j KUBE-MARK-MASQ) and ${this.nn(node)} rewrites the source ${pkt.src} to its own IP ${me}${iface}, making the reply come back through it.`,
      };
    } else if (external && policy === 'Cluster' && me && pkt.src !== me) {
      // proxier.go, KUBE-EXT chain: "masquerade traffic for ... external destinations" when
      // the policy is Cluster; docs "Using Source IP": the backend sees the node's IP.
      snat = {
        to: me,
        note: `externalTrafficPolicy Cluster: kube-proxy on ${this.nn(node)} masquerades external traffic (KUBE-MARK-MASQ), so the source ${pkt.src} becomes ${me}${iface}, the reply returns through ${this.nn(node)}, and the backend never sees the client IP.`,
      };
    }
    return { pkt: out, snat, target: pick.pod };
  }

  /** Routing after NAT, then POSTROUTING masquerade, then out. */
  private nodeRoute(
    node: NodeEntry,
    pkt: Packet,
    snat: Snat | null,
    target: PodEntry | null,
  ): void {
    const place = nodePlace(this.ix, node);
    const c = node.cluster;
    const d = ipFrom(pkt.dst);
    if (!d) {
      this.drop(place, pkt, 'no route', `${pkt.dst} is not an address.`);
      return;
    }

    // DNAT to a hostNetwork backend on this very node.
    if (node.allIps.has(pkt.dst)) {
      const out = this.applySnat(place, pkt, snat);
      const pod = target && target.hostNetwork ? target : null;
      if (pod)
        this.deliver(
          podPlace(this.ix, pod),
          out,
          `${pod.name} (hostNetwork) receives it on ${dst(out)} from ${src(out)}.`,
        );
      else
        this.deliver(place, out, `${this.nn(node)} receives it on ${dst(out)} from ${src(out)}.`);
      return;
    }

    // A pod of this cluster.
    const pods = ownersOf(this.ix, pkt.dst).flatMap((o) =>
      o.kind === 'pod' && o.pod.cluster === c ? [o.pod] : [],
    );
    if (pods.length > 1) {
      this.drop(
        place,
        pkt,
        'ambiguous destination: addresses overlap',
        `${this.nn(node)} cannot tell which pod ${pkt.dst} is: ${pods.map((p) => p.name).join(' and ')} of ${c.name} share it.`,
      );
      return;
    }
    const pod = pods[0];
    if (pod) {
      if (this.misdirected(place, pkt, { kind: 'pod', pod })) return;
      const there = pod.node;
      if (!there) {
        this.drop(place, pkt, 'no route', `${pod.name} (${pkt.dst}) is not on any node.`);
        return;
      }
      const out = this.applySnat(place, pkt, snat);
      if (this.done) return;
      if (there === node) this.toLocalPod(node, pod, out);
      else this.toNode(node, there, out);
      return;
    }

    // In the pod space of this cluster, but no pod holds it.
    const rangeNode = nodeForPodIp(c, d);
    if (rangeNode || inAny(c.clusterCidrs, d)) {
      if (rangeNode && rangeNode !== node) {
        this.toNode(node, rangeNode, this.applySnat(place, pkt, snat));
        return;
      }
      const range = rangeNode?.ranges.find((r) => cidrContainsIp(r, d));
      this.drop(
        place,
        pkt,
        'no route',
        range
          ? `No pod holds ${pkt.dst} in ${this.nn(node)}'s pod range ${cidrToString(range)}.`
          : `${pkt.dst} is in ${c.name}'s cluster CIDR, but no node has the pod range that holds it.`,
      );
      return;
    }

    // Another node of this cluster.
    const other = ownersOf(this.ix, pkt.dst).find(
      (o): o is Extract<Owner, { kind: 'node' }> => o.kind === 'node' && o.node.cluster === c,
    );
    if (other) {
      if (this.misdirected(place, pkt, other)) return;
      let out = this.applySnat(place, pkt, snat);
      if (!snat) out = this.egress(node, out, null).pkt;
      if (this.done) return;
      this.add(
        place,
        'route',
        out,
        `${this.nn(node)} sends it to ${this.nn(other.node)} (${out.dst}) over the node network.`,
      );
      this.atNode(other.node, out, 'wire');
      return;
    }

    // A ClusterIP that no Service holds.
    if (inAny(c.serviceCidrs, d)) {
      this.drop(
        place,
        pkt,
        'no route',
        `${pkt.dst} is in ${c.name}'s Service range but no Service has it, so kube-proxy on ${this.nn(node)} has no rule for it and nothing else routes it.`,
      );
      return;
    }

    // Leaving the cluster.
    let out = this.applySnat(place, pkt, snat);
    if (this.done) return;
    const eg = snat ? { pkt: out, why: '', snatted: true } : this.egress(node, out, d);
    if (this.done) return;
    out = eg.pkt;
    if (!eg.snatted) {
      this.add(
        place,
        'route',
        out,
        `${this.nn(node)} sends ${out.dst} to ${routerPlace(c.network, null).label} by its default route${eg.why ? ` (${eg.why})` : ''}.`,
      );
    }
    this.atRouter(c.network, out, { cluster: c, outside: false });
  }

  private applySnat(place: Place, pkt: Packet, snat: Snat | null): Packet {
    if (!snat) return pkt;
    const out: Packet = { ...pkt, src: snat.to };
    this.add(place, 'snat', out, snat.note);
    return out;
  }

  /**
   * Pod egress masquerade (talk 003, "Egress: IP Masquerade (aka SNAT)"): a pod's packet to an
   * address where pod IPs are not routable leaves with the node's IP. Not for destinations in
   * the cluster CIDRs or nonMasqueradeCIDRs (ip-masq-agent), not where pod IPs are routable
   * (flat; the same archipelago), not for pods with global IPv6 addresses (talk 001).
   */
  private egress(
    node: NodeEntry,
    pkt: Packet,
    d: IpAddr | null,
  ): { pkt: Packet; why: string; snatted: boolean } {
    const c = node.cluster;
    const place = nodePlace(this.ix, node);
    const s = ipFrom(pkt.src);
    const pod = ownersOf(this.ix, pkt.src).find(
      (o): o is Extract<Owner, { kind: 'pod' }> => o.kind === 'pod' && o.pod.cluster === c,
    );
    const dest = d ?? ipFrom(pkt.dst);
    if (!pod || !s || !dest) return { pkt, why: '', snatted: false };
    if (!c.masqueradeEnabled)
      return { pkt, why: 'masquerade is disabled, the pod IP stays', snatted: false };
    if (inAny(c.clusterCidrs, dest)) return { pkt, why: '', snatted: false };
    if (inAny(c.nonMasqueradeCidrs, dest)) {
      return { pkt, why: `no SNAT: ${pkt.dst} is in the non-masquerade CIDRs`, snatted: false };
    }
    if (isIpv6Global(s)) {
      return { pkt, why: `no SNAT: ${pod.pod.name} has a global IPv6 address`, snatted: false };
    }
    const routable = this.podsRoutableAt(c, dest);
    if (routable) return { pkt, why: `no SNAT: ${routable}`, snatted: false };

    const egw = c.gateways.find((g) => g.gw.kind === 'egress' && addrOf(g.addrs, this.family));
    if (egw) {
      const to = addrOf(egw.addrs, this.family) ?? '';
      this.add(
        place,
        'route',
        pkt,
        `${this.nn(node)} sends traffic leaving ${c.name} to its egress gateway ${egw.name}.`,
      );
      const out: Packet = { ...pkt, src: to };
      this.add(
        gatewayPlace(this.ix, egw),
        'snat',
        out,
        `Egress gateway ${egw.name} masquerades the pod: source ${pkt.src} becomes ${to}, hiding the pod's IP.`,
      );
      return { pkt: out, why: '', snatted: true };
    }
    const me = nodeIp(node, this.family);
    if (!me) {
      this.drop(
        place,
        pkt,
        'no address of the requested family',
        `${this.nn(node)} has no ${this.family} address to masquerade ${pod.pod.name} to.`,
      );
      return { pkt, why: '', snatted: true };
    }
    const out: Packet = { ...pkt, src: me };
    const model = this.ix.scenario.model;
    const where =
      model === 'island' || model === 'archipelago'
        ? `leaving the island (${pkt.dst} is outside ${c.name}'s pod network)`
        : `leaving for ${pkt.dst}, where pod IPs are not routable`;
    this.add(
      place,
      'snat',
      out,
      `IP masquerade on ${this.nn(node)}: the source ${pkt.src} becomes the node's IP ${me} as the packet is ${where}, which hides the pod's IP.`,
    );
    return { pkt: out, why: '', snatted: true };
  }

  /** Why pod IPs of `c` are routable at `dest`, or null when they are not. */
  private podsRoutableAt(c: ClusterEntry, dest: IpAddr): string | null {
    const model = this.ix.scenario.model;
    const owners = ownersOf(this.ix, ipToString(dest));
    if (model === 'flat') {
      const known =
        owners.length > 0 || [...this.ix.networkCidrs.values()].some((l) => inAny(l, dest));
      return known ? 'flat model, pod IPs are routable on the network' : null;
    }
    if (model === 'archipelago' && c.archipelago) {
      const same =
        owners.some((o) => clusterOf(o)?.archipelago === c.archipelago) ||
        this.ix.clusters.some(
          (x) => x.archipelago === c.archipelago && inAny(x.clusterCidrs, dest),
        );
      return same
        ? `${ipToString(dest)} is inside archipelago ${c.archipelago}, where pod IPs are routable`
        : null;
    }
    return null;
  }

  /** Can pods of `pod.cluster` be reached directly from a packet coming from `origin`? */
  podRoutable(origin: Origin, pod: PodEntry): boolean {
    if (origin.cluster === pod.cluster) return true;
    const model = this.ix.scenario.model;
    if (model === 'air-gapped') return false;
    const ip = ipFrom(addrOf(pod.addrs, this.family) ?? '');
    if (ip && isIpv6Global(ip)) return true;
    if (model === 'flat') return !origin.outside;
    if (model === 'archipelago') {
      return (
        origin.cluster !== null &&
        origin.cluster.archipelago !== null &&
        origin.cluster.archipelago === pod.cluster.archipelago
      );
    }
    return false;
  }

  private toLocalPod(node: NodeEntry, pod: PodEntry, pkt: Packet): void {
    const place = nodePlace(this.ix, node);
    const last = this.hops[this.hops.length - 1];
    if (!last || last.at !== place.at) {
      const d = ipFrom(pkt.dst);
      const range = d ? node.ranges.find((r) => cidrContainsIp(r, d)) : undefined;
      this.add(
        place,
        'route',
        pkt,
        `${this.nn(node)} hands the packet to ${pod.name}'s interface${range ? ` (${pkt.dst} is in its own pod range ${cidrToString(range)})` : ''}.`,
      );
    }
    const controller = this.ingressFor(pod);
    if (controller) {
      this.proxy(podPlace(this.ix, pod), pod.cluster, controller, pod, pkt);
      return;
    }
    this.deliver(
      podPlace(this.ix, pod),
      pkt,
      `${pod.name} receives it on ${dst(pkt)} from ${src(pkt)}.`,
    );
  }

  /** Node to node inside a cluster: routed, or encapsulated for an overlay. */
  private toNode(from: NodeEntry, to: NodeEntry, pkt: Packet): void {
    const place = nodePlace(this.ix, from);
    const c = from.cluster;
    const d = ipFrom(pkt.dst);
    const range = d ? to.ranges.find((r) => cidrContainsIp(r, d)) : undefined;
    const toIp = nodeIp(to, this.family) ?? to.addrs[0]?.ip ?? null;
    if (!toIp) {
      this.drop(place, pkt, 'no route', `${this.nn(to)} has no address to route ${pkt.dst} to.`);
      return;
    }
    if (c.podNetwork === 'overlay' && range) {
      const fromIp = addrOf(from.addrs, ipFrom(toIp)?.family ?? this.family) ?? '';
      const out: Packet = { ...pkt, outer: { src: fromIp, dst: toIp } };
      this.add(
        place,
        'encap',
        out,
        `${this.nn(from)} encapsulates the packet for the overlay: outer ${fromIp} -> ${toIp} around inner ${pkt.src} -> ${pkt.dst}.`,
      );
      this.atNode(to, out, 'wire');
      return;
    }
    this.add(
      place,
      'route',
      pkt,
      range
        ? `${this.nn(from)} routes ${pkt.dst} via ${toIp} (${this.nn(to)}): route ${cidrToString(range)} via ${toIp}; the pod IPs stay on the wire.`
        : `${this.nn(from)} sends it to ${this.nn(to)} (${toIp}).`,
    );
    this.atNode(to, pkt, 'wire');
  }

  /**
   * The flow names one object, but the address it carries leads to another: overlapping
   * addresses (reused pod IPs in island or air-gapped clusters).
   */
  private misdirected(place: Place, pkt: Packet, reached: Owner): boolean {
    const want = this.intended;
    if (!want || pkt.dst !== this.initialDst || sameOwner(want, reached)) return false;
    // A hostNetwork pod is reached at its node's address.
    if (
      want.kind === 'pod' &&
      want.pod.hostNetwork &&
      reached.kind === 'node' &&
      want.pod.node === reached.node
    ) {
      return false;
    }
    if (want.kind !== 'pod' && want.kind !== 'node' && want.kind !== 'host') return false;
    const wc = clusterOf(want);
    const rc = clusterOf(reached);
    if (this.ix.scenario.model === 'air-gapped' && wc !== rc) {
      this.drop(
        place,
        pkt,
        'air-gapped edge',
        `Air-gapped: ${ownerName(want)} is on a separate network that nothing crosses into; here ${pkt.dst} is ${ownerName(reached)}.`,
      );
    } else {
      this.drop(
        place,
        pkt,
        'ambiguous destination: addresses overlap',
        `${pkt.dst} is ${ownerName(want)}, but from here it is ${ownerName(reached)} (the clusters reuse the address), so ${ownerName(want)} cannot be reached by it directly${wc && wc !== rc ? `; reach ${wc.name} through its gateways` : ''}.`,
      );
    }
    return true;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* The network                                                                              */
  /* ---------------------------------------------------------------------------------------- */

  atRouter(network: string, pkt: Packet, origin: Origin): void {
    const place = routerPlace(
      network,
      this.ix.networkCidrs.has(network) ? networkRef(network) : null,
    );
    if (this.guard(place, pkt)) return;
    const d = ipFrom(pkt.dst);
    if (!d) {
      this.drop(place, pkt, 'no route', `${pkt.dst} is not an address.`);
      return;
    }
    const model = this.ix.scenario.model;
    const owners = ownersOf(this.ix, pkt.dst).filter(
      (o) => !(o.kind === 'gateway' && o.gw.gw.kind === 'egress'),
    );
    const destClusters = new Set(owners.map(clusterOf));
    const inClusterSpace = this.ix.clusters.filter(
      (c) => inAny(c.clusterCidrs, d) || inAny(c.serviceCidrs, d),
    );

    if (model === 'air-gapped') {
      const crosses =
        origin.cluster !== null
          ? owners.length === 0 || [...destClusters].some((c) => c !== origin.cluster)
          : [...destClusters].some((c) => c !== null) ||
            (owners.length === 0 && inClusterSpace.length > 0);
      if (crosses) {
        const from = origin.cluster ? `cluster ${origin.cluster.name}` : 'outside';
        this.drop(
          place,
          pkt,
          'air-gapped edge',
          `Air-gapped: nothing crosses the cluster edge, so the packet from ${from} to ${pkt.dst} stops here.`,
        );
        return;
      }
    }

    const routable: Owner[] = [];
    const blockedPods: PodEntry[] = [];
    const clusterIps: ServiceEntry[] = [];
    for (const o of owners) {
      if (o.kind === 'pod') {
        if (this.podRoutable(origin, o.pod)) routable.push(o);
        else blockedPods.push(o.pod);
      } else if (o.kind === 'clusterIP') clusterIps.push(o.svc);
      else routable.push(o);
    }

    if (routable.length > 1) {
      this.drop(
        place,
        pkt,
        'ambiguous destination: addresses overlap',
        `${cap(place.label)} cannot route ${pkt.dst}: it is ${routable.map(ownerName).join(' and ')} (overlapping addresses).`,
      );
      return;
    }
    const target = routable[0];
    if (!target) {
      if (blockedPods.length > 0 || clusterIps.length > 0 || inClusterSpace.length > 0) {
        const want = this.intended?.kind === 'pod' ? this.intended.pod : null;
        const named = want && blockedPods.includes(want) ? want : blockedPods[0];
        const c = named?.cluster ?? clusterIps[0]?.cluster ?? inClusterSpace[0];
        const why =
          clusterIps.length > 0 && blockedPods.length === 0
            ? `${pkt.dst} is a ClusterIP of ${clusterIps[0]?.cluster.name}: a virtual address only kube-proxy on that cluster's nodes knows`
            : c && blockedPods.length > 0
              ? `pod IPs of ${c.name} are private to that cluster (${model === 'archipelago' ? 'another archipelago' : 'an island'}); reach it through its gateways`
              : `nothing on the network holds ${pkt.dst}`;
        this.drop(
          place,
          pkt,
          'no route',
          `${cap(place.label)} has no route to ${pkt.dst}: ${why}.`,
        );
        return;
      }
      // Nobody in the scenario: a host outside.
      this.checkReply(origin, null, pkt);
      this.add(
        place,
        'route',
        pkt,
        `${cap(place.label)} forwards ${pkt.dst} toward the outside host that holds it.`,
      );
      this.deliver(
        outsidePlace(pkt.dst),
        pkt,
        `${pkt.dst} (outside the scenario) receives it on ${dst(pkt)} from ${src(pkt)}.`,
      );
      return;
    }
    if (this.misdirected(place, pkt, target)) return;
    this.checkReply(origin, clusterOf(target), pkt);
    const hop = (note: string, skip = false) => this.add(place, 'route', pkt, note, skip);

    switch (target.kind) {
      case 'node':
        hop(`${cap(place.label)} delivers ${pkt.dst} to ${this.nn(target.node)}.`);
        this.atNode(target.node, pkt, 'wire');
        return;
      case 'pod': {
        const n = target.pod.node;
        const via = n ? nodeIp(n, this.family) : null;
        const range = n?.ranges.find((r) => cidrContainsIp(r, d));
        if (!n || !via) {
          this.drop(
            place,
            pkt,
            'no route',
            `${target.pod.name} (${pkt.dst}) is on no node the network can reach.`,
          );
          return;
        }
        const why = isIpv6Global(d)
          ? 'the pod has a global IPv6 address'
          : model === 'flat'
            ? 'flat model: node pod ranges are routes on the network'
            : `archipelago ${target.pod.cluster.archipelago}: pod ranges are routed between its clusters`;
        hop(
          `${cap(place.label)} routes ${pkt.dst} via ${via} (${this.nn(n)}): route ${range ? cidrToString(range) : pkt.dst} via ${via}, ${why}.`,
        );
        this.atNode(n, pkt, 'wire');
        return;
      }
      case 'host':
        hop(`${cap(place.label)} delivers ${pkt.dst} to ${target.host.name}.`);
        this.deliver(
          hostPlace(target.host),
          pkt,
          `${target.host.name} receives it on ${dst(pkt)} from ${src(pkt)}.`,
        );
        return;
      case 'lb':
        hop(`${cap(place.label)} sends ${pkt.dst} to ${lbPlace(this.ix, target.svc).label}.`);
        this.atLoadBalancer(target.svc, pkt);
        return;
      case 'gateway':
        if (target.gw.gw.kind === 'proxy') {
          hop(`${cap(place.label)} delivers ${pkt.dst} to proxy ${target.gw.name}.`);
          this.proxy(gatewayPlace(this.ix, target.gw), target.gw.cluster, target.gw, null, pkt);
        } else {
          this.atVip(target.gw, pkt, place);
        }
        return;
      case 'clusterIP':
        return;
    }
  }

  /** Will the reply find its way back? Pod sources must be routable from where it went. */
  private checkReply(origin: Origin, destCluster: ClusterEntry | null, pkt: Packet): void {
    if (!origin.cluster) return;
    const pod = ownersOf(this.ix, pkt.src).find(
      (o): o is Extract<Owner, { kind: 'pod' }> =>
        o.kind === 'pod' && o.pod.cluster === origin.cluster,
    );
    if (!pod) return;
    const back: Origin = {
      cluster: destCluster,
      outside: destCluster === null && this.isOutside(pkt.dst),
    };
    if (this.podRoutable(back, pod.pod)) return;
    // Attached to the next router hop added (see add()).
    this.pendingBlock = {
      reason: `no route back: pod IP ${pkt.src} is not routable where the packet went`,
      note: `${routerPlace(origin.cluster.network, null).label} has no route back to ${pkt.src}: pod IPs of ${origin.cluster.name} are private to it and the packet was not masqueraded.`,
    };
  }

  isOutside(ip: string): boolean {
    const a = ipFrom(ip);
    if (!a) return true;
    if (ownersOf(this.ix, ip).length > 0) return false;
    return ![...this.ix.networkCidrs.values()].some((l) => inAny(l, a));
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Load balancers, VIPs, proxies                                                            */
  /* ---------------------------------------------------------------------------------------- */

  /** Which node a load balancer or VIP hands traffic to; null (and a drop) when none. */
  private pickNode(svc: ServiceEntry, pkt: Packet, place: Place): NodeEntry | null {
    const sp = servicePort(svc, pkt.dstPort ?? 0, pkt.protocol);
    if (!sp) {
      const has = svc.svc.ports
        .map((p) => `${p.port}/${p.protocol ?? DEFAULTS.protocol}`)
        .join(', ');
      this.drop(
        place,
        pkt,
        'port not exposed',
        `Service ${svc.name} exposes ${has || 'no port'}, not ${pkt.dstPort}/${pkt.protocol}.`,
      );
      return null;
    }
    const eps = serviceEndpoints(svc, sp, this.family);
    if (eps.length === 0) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `Service ${svc.name} has no ${this.family} endpoints, so no node can take the traffic.`,
      );
      return null;
    }
    const policy = svc.svc.externalTrafficPolicy ?? DEFAULTS.externalTrafficPolicy;
    if (policy === 'Local') {
      // The load balancer health-checks healthCheckNodePort: only nodes with a local endpoint
      // pass, so it sends straight to one of them (docs: "Create an External Load Balancer").
      const k = (((this.flow.endpoint ?? 0) % eps.length) + eps.length) % eps.length;
      const pick = eps[k];
      if (pick?.pod.node) {
        this.preferred = pick;
        return pick.pod.node;
      }
    }
    const node = svc.cluster.nodes.find((n) => nodeIp(n, this.family));
    if (!node) {
      this.drop(
        place,
        pkt,
        'no route',
        `${svc.cluster.name} has no node with an ${this.family} address.`,
      );
      return null;
    }
    return node;
  }

  atLoadBalancer(svc: ServiceEntry, pkt: Packet): void {
    const place = lbPlace(this.ix, svc);
    if (this.guard(place, pkt)) return;
    const node = this.pickNode(svc, pkt, place);
    if (!node) return;
    const policy = svc.svc.externalTrafficPolicy ?? DEFAULTS.externalTrafficPolicy;
    this.add(
      place,
      'route',
      pkt,
      `The load balancer of Service ${svc.name} passes ${dst(pkt)} unchanged to ${this.nn(node)} (a pass-through L4 load balancer${policy === 'Local' ? '; with externalTrafficPolicy Local its health checks pass only on nodes with a local endpoint' : ''}).`,
      true,
    );
    this.atNode(node, pkt, 'wire');
  }

  private atVip(gw: GatewayEntry, pkt: Packet, router: Place): void {
    const place = gatewayPlace(this.ix, gw);
    const svc = gw.gw.service ? serviceByRef(gw.cluster, gw.gw.service) : null;
    this.add(
      router,
      'route',
      pkt,
      `${cap(router.label)} sends ${pkt.dst} to gateway ${gw.name} (a VIP of ${gw.cluster.name}).`,
    );
    if (!svc) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `Gateway ${gw.name} names no Service of ${gw.cluster.name}.`,
      );
      return;
    }
    const node = this.pickNode(svc, pkt, place);
    if (!node) return;
    this.add(
      place,
      'route',
      pkt,
      `The VIP ${pkt.dst} is routed to ${this.nn(node)}, a node that announces it; the node will pick the Service by destination IP.`,
      true,
    );
    this.atNode(node, pkt, 'wire');
  }

  /** The Ingress rules a proxy gateway or an in-cluster controller pod serves. */
  private ingressFor(who: GatewayEntry | PodEntry): GatewayEntry | PodEntry | null {
    const c = who.cluster;
    if (c.ingresses.length === 0) return null;
    const names = who.kind === 'gateway' ? [who.name] : [`${who.namespace}/${who.name}`, who.name];
    const served = c.ingresses.some(
      (i) => i.ingress.controller && names.includes(i.ingress.controller),
    );
    if (served) return who;
    if (who.kind === 'gateway') {
      const proxies = c.gateways.filter((g) => g.gw.kind === 'proxy');
      if (proxies.length === 1 && c.ingresses.some((i) => !i.ingress.controller)) return who;
    }
    return null;
  }

  /**
   * An L7 proxy: ends the client's connection, picks a Service by Host and path (Ingress
   * rules), opens a new connection from its own address to a pod IP or a NodePort.
   */
  proxy(
    place: Place,
    c: ClusterEntry,
    who: GatewayEntry | PodEntry,
    podSelf: PodEntry | null,
    pkt: Packet,
  ): void {
    if (this.guard(place, pkt)) return;
    const names = who.kind === 'gateway' ? [who.name] : [`${who.namespace}/${who.name}`, who.name];
    const soleProxy =
      who.kind === 'gateway' && c.gateways.filter((g) => g.gw.kind === 'proxy').length === 1;
    const rules = c.ingresses.filter(
      (i) =>
        (i.ingress.controller !== undefined && names.includes(i.ingress.controller)) ||
        (i.ingress.controller === undefined && soleProxy),
    );
    const allRules = rules.flatMap((i) => i.ingress.rules.map((r) => ({ i, r })));
    if (allRules.length === 0) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `${cap(place.label)} has no Ingress rules to route by.`,
      );
      return;
    }
    const host = this.flow.host ?? allRules.find((x) => x.r.host)?.r.host;
    const byHost = allRules.filter(
      (x) =>
        (x.r.host ?? '') === (host ?? '') ||
        (x.r.host === undefined && host !== undefined && !allRules.some((y) => y.r.host === host)),
    );
    const hostRules = byHost.length > 0 ? byHost : [];
    const paths = hostRules.flatMap((x) => x.r.paths.map((p) => ({ i: x.i, host: x.r.host, p })));
    const path = this.flow.path ?? paths[0]?.p.path ?? '/';
    const match = paths
      .filter(({ p }) => pathMatches(p.path ?? '/', p.pathType ?? 'Prefix', path))
      .sort((a, b) => (b.p.path ?? '/').length - (a.p.path ?? '/').length)[0];
    if (!match) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `${cap(place.label)} has no Ingress rule for Host ${host ?? '(none)'} and path ${path}.`,
      );
      return;
    }
    const svc = serviceByRef(c, match.p.service, match.i.namespace);
    const rule = `Ingress ${match.i.ingress.name}: ${match.host ?? '*'}${match.p.path ?? '/'} -> ${match.p.service}:${match.p.port}`;
    if (!svc) {
      this.drop(place, pkt, 'no endpoints', `${rule} names a Service ${c.name} does not have.`);
      return;
    }
    const sp = servicePort(svc, match.p.port, 'TCP');
    if (!sp) {
      this.drop(
        place,
        pkt,
        'port not exposed',
        `${rule}, but Service ${svc.name} has no port ${match.p.port}/TCP.`,
      );
      return;
    }
    const me = podSelf
      ? addrOf(podSelf.addrs, this.family)
      : addrOf(who.kind === 'gateway' ? who.addrs : [], this.family);
    if (!me) {
      this.drop(
        place,
        pkt,
        'no address of the requested family',
        `${cap(place.label)} has no ${this.family} address to connect from.`,
      );
      return;
    }
    const upstream = who.kind === 'gateway' ? (who.gw.upstream ?? 'pods') : 'pods';
    const client = pkt.src;
    const xff = `the backend sees ${me}, and the client IP ${client} travels only in the X-Forwarded-For header`;
    if (upstream === 'nodePort') {
      if (sp.nodePort === undefined) {
        this.drop(
          place,
          pkt,
          'port not exposed',
          `${rule}, but Service ${svc.name} has no NodePort for the proxy to use.`,
        );
        return;
      }
      const node = c.nodes.find((n) => nodeIp(n, this.family));
      const nip = node ? nodeIp(node, this.family) : null;
      if (!node || !nip) {
        this.drop(place, pkt, 'no route', `${c.name} has no node with an ${this.family} address.`);
        return;
      }
      this.conn += 1;
      const out: Packet = {
        src: me,
        srcPort: PROXY_SOURCE_PORT,
        dst: nip,
        dstPort: sp.nodePort,
        protocol: 'TCP',
        outer: null,
      };
      this.add(
        place,
        'proxy',
        out,
        `${cap(place.label)} ends the client's connection and, by ${rule}, opens a new one from ${ep(me, PROXY_SOURCE_PORT)} to NodePort ${ep(nip, sp.nodePort)} on ${this.nn(node)}; ${xff}.`,
      );
      this.atNode(node, out, 'wire');
      return;
    }
    const eps = serviceEndpoints(svc, sp, this.family);
    if (eps.length === 0) {
      this.drop(
        place,
        pkt,
        'no endpoints',
        `${rule}, but Service ${svc.name} has no ${this.family} endpoints.`,
      );
      return;
    }
    const pick = eps[(((this.flow.endpoint ?? 0) % eps.length) + eps.length) % eps.length];
    if (!pick || !pick.pod.node) {
      this.drop(place, pkt, 'no route', `The backend of ${rule} is not on a node.`);
      return;
    }
    this.conn += 1;
    const out: Packet = {
      src: me,
      srcPort: PROXY_SOURCE_PORT,
      dst: pick.ip,
      dstPort: pick.port,
      protocol: 'TCP',
      outer: null,
    };
    this.add(
      place,
      'proxy',
      out,
      `${cap(place.label)} ends the client's connection and, by ${rule}, opens a new one from ${ep(me, PROXY_SOURCE_PORT)} straight to ${pick.pod.name} ${ep(pick.ip, pick.port)}; ${xff}.`,
    );
    if (podSelf) {
      if (!podSelf.node) return;
      this.atNode(podSelf.node, out, 'pod');
    } else {
      // The proxy knows how to get onto the island (talk 003, slide 68): straight to the node.
      this.atNode(pick.pod.node, out, 'wire');
    }
  }
}

/** Ingress path matching (networking.k8s.io/v1): Exact, or Prefix by path elements. */
export function pathMatches(rule: string, type: string, path: string): boolean {
  if (type === 'Exact') return rule === path;
  if (rule === '/' || rule === '') return true;
  const r = rule.endsWith('/') ? rule.slice(0, -1) : rule;
  return path === r || path.startsWith(`${r}/`);
}
