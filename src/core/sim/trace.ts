/**
 * trace(scenario, flow): the hops a packet takes and its headers after each one, what tcpdump
 * would show at that point of a real cluster, plus the reply path for delivered connections.
 *
 * Pure and deterministic: the same scenario and flow give the same trace. The scenario must be
 * filled (every address present; see model/ipam.ts fillScenario). Never throws: a flow that
 * names nothing in the scenario gives a dropped trace whose reason starts "invalid flow".
 */
import { ipFrom, ipString } from '../model/cidr';
import type { IpFamily, Protocol, Scenario } from '../model/schema';
import { DEFAULTS } from '../model/defaults';
import { findGateway, findHost, findNode, findPod, findService, type Found } from './lookup';
import { dnsPlace, hostPlace, nodePlace, outsidePlace, podPlace, type Place } from './places';
import { buildReply } from './reply';
import {
  addrOf,
  indexScenario,
  inAny,
  ownersOf,
  serviceEndpoints,
  type Addrs,
  type GatewayEntry,
  type HostEntry,
  type NodeEntry,
  type Owner,
  type PodEntry,
  type ScenarioIndex,
  type ServiceEntry,
} from './scenario-index';
import type { Endpoint, Flow, Hop, Packet, Trace } from './types';
import { EPHEMERAL_PORT, KUBELET_PORT, Walker, ep, type WorkHop } from './walk';

export interface TraceOptions {
  /** Compute the reply path of delivered connections. Default true. */
  reply?: boolean;
}

type Source =
  | { kind: 'pod'; pod: PodEntry }
  | { kind: 'node'; node: NodeEntry }
  | { kind: 'host'; host: HostEntry }
  | { kind: 'outside'; ip: string };

type Dest =
  | { kind: 'addr'; addrs: Addrs; port: number; intended: Owner | null; what: string }
  | { kind: 'svc'; svc: ServiceEntry; port: number };

const err = <T>(error: string): Found<T> => ({ ok: false, error });

function resolveSource(ix: ScenarioIndex, e: Endpoint): Found<Source> {
  switch (e.kind) {
    case 'pod': {
      const r = findPod(ix, e.cluster, e.namespace, e.name);
      return r.ok ? { ok: true, value: { kind: 'pod', pod: r.value } } : r;
    }
    case 'node': {
      const r = findNode(ix, e.cluster, e.name);
      return r.ok ? { ok: true, value: { kind: 'node', node: r.value } } : r;
    }
    case 'host': {
      const r = findHost(ix, e.name);
      return r.ok ? { ok: true, value: { kind: 'host', host: r.value } } : r;
    }
    case 'ip': {
      const ip = ipFrom(e.ip);
      if (!ip) return err(`"${e.ip}" is not an IP address`);
      const canon = ipString(ip.family, ip.value);
      const owners = ownersOf(ix, canon);
      const virtual = owners.find(
        (o) => o.kind === 'clusterIP' || o.kind === 'lb' || o.kind === 'gateway',
      );
      if (virtual) {
        return err(
          `${canon} is the address of a ${virtual.kind === 'gateway' ? 'gateway' : 'Service'}, which cannot send; use a pod, node, host or outside IP as the source`,
        );
      }
      if (owners.length > 1) {
        return err(
          `${canon} is held by several objects (overlapping addresses); name the source instead (e.g. c2:node/node1)`,
        );
      }
      const o = owners[0];
      if (!o) return { ok: true, value: { kind: 'outside', ip: canon } };
      if (o.kind === 'pod') return { ok: true, value: { kind: 'pod', pod: o.pod } };
      if (o.kind === 'node') return { ok: true, value: { kind: 'node', node: o.node } };
      if (o.kind === 'host') return { ok: true, value: { kind: 'host', host: o.host } };
      return err(`${canon} cannot be a source`);
    }
    case 'svc':
    case 'lb':
    case 'gw':
      return err(
        `a ${e.kind === 'gw' ? 'gateway' : 'Service'} cannot be the source of a flow; use a pod, node, host or IP`,
      );
  }
}

function firstContainerPort(pod: PodEntry, protocol: Protocol): number | null {
  const p = (pod.pod.ports ?? []).find((cp) => (cp.protocol ?? DEFAULTS.protocol) === protocol);
  return p ? p.containerPort : null;
}

function firstServicePort(svc: ServiceEntry, protocol: Protocol): number | null {
  const p = svc.svc.ports.find((sp) => (sp.protocol ?? DEFAULTS.protocol) === protocol);
  return p ? p.port : (svc.svc.ports[0]?.port ?? null);
}

function resolveDest(ix: ScenarioIndex, e: Endpoint, protocol: Protocol): Found<Dest> {
  switch (e.kind) {
    case 'pod': {
      const r = findPod(ix, e.cluster, e.namespace, e.name);
      if (!r.ok) return r;
      const pod = r.value;
      const port = e.port ?? firstContainerPort(pod, protocol) ?? 80;
      return {
        ok: true,
        value: {
          kind: 'addr',
          addrs: pod.addrs,
          port,
          intended: { kind: 'pod', pod },
          what: pod.name,
        },
      };
    }
    case 'node': {
      const r = findNode(ix, e.cluster, e.name);
      if (!r.ok) return r;
      const node = r.value;
      return {
        ok: true,
        value: {
          kind: 'addr',
          addrs: node.addrs,
          port: e.port ?? KUBELET_PORT,
          intended: { kind: 'node', node },
          what: node.name,
        },
      };
    }
    case 'host': {
      const r = findHost(ix, e.name);
      if (!r.ok) return r;
      const host = r.value;
      return {
        ok: true,
        value: {
          kind: 'addr',
          addrs: host.addrs,
          port: e.port ?? 80,
          intended: { kind: 'host', host },
          what: host.name,
        },
      };
    }
    case 'svc': {
      const r = findService(ix, e.cluster, e.namespace, e.name);
      if (!r.ok) return r;
      const port = e.port ?? firstServicePort(r.value, protocol);
      if (port === null) return err(`Service ${r.value.name} has no ports`);
      return { ok: true, value: { kind: 'svc', svc: r.value, port } };
    }
    case 'lb': {
      const r = findService(ix, e.cluster, e.namespace, e.name, 'lb');
      if (!r.ok) return r;
      const svc = r.value;
      if (svc.lbIPs.length === 0) {
        return err(`Service ${svc.name} has no load-balancer IP (status.loadBalancer.ingress)`);
      }
      const port = e.port ?? firstServicePort(svc, protocol) ?? 80;
      return {
        ok: true,
        value: {
          kind: 'addr',
          addrs: svc.lbIPs,
          port,
          intended: null,
          what: `Service ${svc.name}'s load balancer`,
        },
      };
    }
    case 'gw': {
      const r = findGateway(ix, e.cluster, e.name);
      if (!r.ok) return r;
      const gw: GatewayEntry = r.value;
      if (gw.gw.kind === 'egress')
        return err(`gateway ${gw.name} is an egress gateway: it takes no traffic in`);
      let addrs = gw.addrs;
      if (gw.gw.kind === 'nodes' && addrs.length === 0) addrs = gw.cluster.nodes[0]?.addrs ?? [];
      if (addrs.length === 0) return err(`gateway ${gw.name} has no address`);
      const port = e.port ?? 80;
      return {
        ok: true,
        value: { kind: 'addr', addrs, port, intended: null, what: `gateway ${gw.name}` },
      };
    }
    case 'ip': {
      const ip = ipFrom(e.ip);
      if (!ip) return err(`"${e.ip}" is not an IP address`);
      const canon = ipString(ip.family, ip.value);
      return {
        ok: true,
        value: {
          kind: 'addr',
          addrs: [{ family: ip.family, ip: canon }],
          port: e.port ?? 80,
          intended: null,
          what: canon,
        },
      };
    }
  }
}

function sourceAddrs(s: Source): Addrs {
  switch (s.kind) {
    case 'pod':
      return s.pod.addrs;
    case 'node':
      return s.node.addrs;
    case 'host':
      return s.host.addrs;
    case 'outside': {
      const ip = ipFrom(s.ip);
      return ip ? [{ family: ip.family, ip: s.ip }] : [];
    }
  }
}

function sourcePlace(ix: ScenarioIndex, s: Source): Place {
  switch (s.kind) {
    case 'pod':
      return podPlace(ix, s.pod);
    case 'node':
      return nodePlace(ix, s.node);
    case 'host':
      return hostPlace(s.host);
    case 'outside':
      return outsidePlace(s.ip);
  }
}

function sourceName(s: Source): string {
  switch (s.kind) {
    case 'pod':
      return s.pod.name;
    case 'node':
      return s.node.name;
    case 'host':
      return s.host.name;
    case 'outside':
      return s.ip;
  }
}

/** Checks that a flow names things the scenario has; null when it does, else the problem. */
export function validateFlow(scenario: Scenario, flow: Flow): string | null {
  const ix = indexScenario(scenario);
  const protocol = flow.protocol ?? DEFAULTS.protocol;
  const s = resolveSource(ix, flow.from);
  if (!s.ok) return `--from: ${s.error}`;
  const d = resolveDest(ix, flow.to, protocol);
  if (!d.ok) return `--to: ${d.error}`;
  return null;
}

function invalid(reason: string): Trace {
  return {
    verdict: 'dropped',
    reason: `invalid flow: ${reason}`,
    family: 'IPv4',
    hops: [],
    reply: null,
  };
}

const FIELDS = ['src', 'srcPort', 'dst', 'dstPort'] as const;

/** Fills `changed` (vs the previous hop) and strips the engine's working fields. */
function finish(hops: readonly WorkHop[]): Hop[] {
  let prev: Packet | null = null;
  return hops.map((h) => {
    const changed: Hop['changed'][number][] = [];
    if (prev) {
      for (const f of FIELDS) if (prev[f] !== h.packet[f]) changed.push(f);
      if (JSON.stringify(prev.outer) !== JSON.stringify(h.packet.outer)) changed.push('outer');
    }
    prev = h.packet;
    return {
      at: h.at,
      kind: h.kind,
      ref: h.ref,
      action: h.action,
      packet: h.packet,
      note: h.note,
      changed,
      connection: h.connection,
    };
  });
}

function familyName(f: IpFamily): string {
  return f === 'IPv4' ? 'A' : 'AAAA';
}

export function trace(scenario: Scenario, flow: Flow, opts: TraceOptions = {}): Trace {
  try {
    return run(scenario, flow, opts);
  } catch (e) {
    // Nothing should throw; if a bug does, the caller still gets a value.
    return invalid(`the engine failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function run(scenario: Scenario, flow: Flow, opts: TraceOptions): Trace {
  const ix = indexScenario(scenario);
  const protocol = flow.protocol ?? DEFAULTS.protocol;
  const s = resolveSource(ix, flow.from);
  if (!s.ok) return invalid(s.error);
  const d = resolveDest(ix, flow.to, protocol);
  if (!d.ok) return invalid(d.error);
  const source = s.value;
  const dest = d.value;
  const srcAddrs = sourceAddrs(source);
  const srcPort = flow.srcPort ?? EPHEMERAL_PORT;
  const place = sourcePlace(ix, source);

  // A Service name is only meaningful to the cluster's own pods and nodes.
  if (dest.kind === 'svc') {
    const c = dest.svc.cluster;
    const inside =
      (source.kind === 'pod' && source.pod.cluster === c) ||
      (source.kind === 'node' && source.node.cluster === c);
    if (!inside) {
      const a = srcAddrs[0];
      const pkt: Packet = {
        src: a?.ip ?? '',
        srcPort,
        dst: dest.svc.clusterIPs[0]?.ip ?? '',
        dstPort: dest.port,
        protocol,
        outer: null,
      };
      const w = new Walker(ix, flow, a?.family ?? 'IPv4', protocol, null, pkt.dst);
      w.drop(
        place,
        pkt,
        'no route',
        `Service ${dest.svc.name} is known only inside ${c.name}: its name is in ${c.name}'s cluster DNS and its ClusterIP exists only in kube-proxy's rules on ${c.name}'s nodes; from ${sourceName(source)} use a NodePort, load-balancer IP or gateway.`,
      );
      return {
        verdict: 'dropped',
        reason: 'no route',
        family: w.family,
        hops: finish(w.hops),
        reply: null,
      };
    }
  }

  // The family: asked for, or the destination's primary one the source also has.
  const srcFams = srcAddrs.map((a) => a.family);
  let dstAddrs: Addrs;
  let endpointsByFamily: Map<IpFamily, ReturnType<typeof serviceEndpoints>> | null = null;
  if (dest.kind === 'svc' && dest.svc.headless) {
    const sp = dest.svc.svc.ports.find(
      (p) => p.port === dest.port && (p.protocol ?? DEFAULTS.protocol) === protocol,
    );
    const fams = dest.svc.cluster.cluster.ipFamilies;
    endpointsByFamily = new Map(fams.map((f) => [f, sp ? serviceEndpoints(dest.svc, sp, f) : []]));
    dstAddrs = fams.flatMap((f) => {
      const first = endpointsByFamily?.get(f)?.[0];
      return first ? [{ family: f, ip: first.ip }] : [];
    });
  } else {
    dstAddrs = dest.kind === 'svc' ? dest.svc.clusterIPs : dest.addrs;
  }
  const dstFams = dstAddrs.map((a) => a.family);
  const family: IpFamily | undefined = flow.family
    ? flow.family
    : dstFams.find((f) => srcFams.includes(f));

  const familyDrop = (fam: IpFamily, note: string, at: Place): Trace => {
    const a = srcAddrs.find((x) => x.family === fam) ?? srcAddrs[0];
    const b = dstAddrs.find((x) => x.family === fam) ?? dstAddrs[0];
    const pkt: Packet = {
      src: a?.ip ?? '',
      srcPort,
      dst: b?.ip ?? '',
      dstPort: dest.port,
      protocol,
      outer: null,
    };
    const w = new Walker(ix, flow, fam, protocol, null, pkt.dst);
    w.drop(at, pkt, 'no address of the requested family', note);
    return {
      verdict: 'dropped',
      reason: 'no address of the requested family',
      family: fam,
      hops: finish(w.hops),
      reply: null,
    };
  };
  const listed = (xs: Addrs) => (xs.length ? xs.map((x) => x.ip).join(', ') : 'none');

  if (family === undefined || !dstFams.includes(family)) {
    const fam = family ?? dstFams[0] ?? srcFams[0] ?? 'IPv4';
    if (dest.kind === 'svc') {
      const svc = dest.svc;
      const policy = svc.svc.ipFamilyPolicy ?? 'SingleStack';
      const why = svc.headless
        ? `Service ${svc.name} is headless and has no ${fam} endpoints`
        : `Service ${svc.name} is ${policy} with ClusterIPs ${listed(svc.clusterIPs)}, so there is no ${fam} ClusterIP`;
      return familyDrop(
        fam,
        `Cluster DNS has no ${familyName(fam)} record for ${svc.name}.${svc.namespace}.svc.cluster.local: ${why}.`,
        dnsPlace(ix, svc.cluster),
      );
    }
    return familyDrop(
      fam,
      family === undefined && flow.family === undefined
        ? `${sourceName(source)} (${listed(srcAddrs)}) and ${dest.what} (${listed(dstAddrs)}) share no IP family.`
        : flow.to.kind === 'ip'
          ? `${dest.what} is an ${dstAddrs[0]?.family ?? 'other'} address, not ${fam}.`
          : `${dest.what} has no ${fam} address (it has ${listed(dstAddrs)}).`,
      place,
    );
  }
  if (!srcFams.includes(family)) {
    return familyDrop(
      family,
      `${sourceName(source)} has no ${family} address (it has ${listed(srcAddrs)}).`,
      place,
    );
  }
  const srcIp = addrOf(srcAddrs, family) ?? '';
  let dstIp = addrOf(dstAddrs, family) ?? '';
  let dstPort = dest.port;

  const hops: WorkHop[] = [];
  let dnsHop: WorkHop | null = null;
  if (dest.kind === 'svc') {
    const svc = dest.svc;
    const fqdn = `${svc.name}.${svc.namespace}.svc.cluster.local`;
    let answer: string;
    if (svc.headless) {
      const eps = endpointsByFamily?.get(family) ?? [];
      const pick =
        eps[
          (((flow.endpoint ?? 0) % Math.max(eps.length, 1)) + eps.length) % Math.max(eps.length, 1)
        ];
      if (!pick)
        return familyDrop(
          family,
          `Cluster DNS has no ${familyName(family)} record for ${fqdn}: the headless Service has no endpoints.`,
          dnsPlace(ix, svc.cluster),
        );
      dstIp = pick.ip;
      dstPort = pick.port;
      answer = `${fqdn} is headless, so cluster DNS answers with the pod IPs (${eps.map((e) => e.ip).join(', ')}) and the client connects straight to ${pick.pod.name} ${ep(pick.ip, pick.port)}`;
    } else {
      const records = svc.clusterIPs.map((a) => `${familyName(a.family)} ${a.ip}`).join(', ');
      answer = `Cluster DNS answers ${fqdn} with the ClusterIP${svc.clusterIPs.length > 1 ? 's' : ''}: ${records}${svc.clusterIPs.length > 1 ? `; the client uses the ${family} one` : ''}`;
    }
    const pkt: Packet = { src: srcIp, srcPort, dst: dstIp, dstPort, protocol, outer: null };
    const dp = dnsPlace(ix, svc.cluster);
    dnsHop = {
      at: dp.at,
      kind: dp.kind,
      ref: dp.ref,
      action: 'dns',
      packet: pkt,
      note: `${answer}.`,
      changed: [],
      connection: 1,
      place: dp,
    };
  }

  const intended = dest.kind === 'addr' ? dest.intended : null;
  const pkt: Packet = { src: srcIp, srcPort, dst: dstIp, dstPort, protocol, outer: null };
  const w = new Walker(ix, flow, family, protocol, intended, dstIp);
  if (dnsHop) w.hops.push(dnsHop);
  switch (source.kind) {
    case 'pod':
      w.fromPod(source.pod, pkt);
      break;
    case 'node':
      w.fromNode(source.node, pkt);
      break;
    case 'host': {
      const net = source.host.network ?? networkOf(ix, srcIp) ?? 'network';
      w.fromHost(source.host, pkt, net, { cluster: null, outside: false });
      break;
    }
    case 'outside': {
      const net = networkOf(ix, srcIp);
      w.fromHost(null, pkt, net ?? 'internet', { cluster: null, outside: net === null });
      break;
    }
  }
  hops.push(...w.hops);
  const result = w.result ?? { verdict: 'dropped' as const, reason: 'no route' };
  let verdict = result.verdict;
  let reason = result.reason;
  let reply: Hop[] | null = null;
  if (verdict === 'delivered' && opts.reply !== false) {
    const blocked = w.replyBlocked;
    reply = finish(buildReply(hops, family, blocked));
    if (blocked) {
      verdict = 'dropped';
      reason = 'no route back';
    }
  }
  return { verdict, reason, family, hops: finish(hops), reply };
}

/** The network an outside address sits on, by the networks' CIDRs. */
function networkOf(ix: ScenarioIndex, ip: string): string | null {
  const a = ipFrom(ip);
  if (!a) return null;
  for (const [name, list] of ix.networkCidrs) if (inAny(list, a)) return name;
  return null;
}
