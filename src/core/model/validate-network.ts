/**
 * Rules across clusters, networks, hosts and archipelagos, by network model (talk 003,
 * "Kubernetes Network Models"):
 * - flat: pod IPs are routable on the whole network, so pod ranges are unique network-wide and
 *   no outside host may sit inside one;
 * - island: pod IPs are private to each cluster; ranges may repeat between clusters;
 * - air-gapped: clusters are separate networks; everything, even node IPs, may repeat;
 * - archipelago: clusters of one archipelago share one flat pod space (unique inside it), and
 *   the archipelago is an island (ranges may repeat between archipelagos; a cluster outside
 *   any archipelago is an island of its own).
 * Every comparison goes through sorted intervals or maps keyed by BigInt: no pairwise loops
 * over nodes or pods.
 */
import { cidrContainsIp, cidrLast, cidrOverlaps } from './cidr';
import type { IpAddr } from './cidr';
import { archipelagoRef, clusterRef, hostRef, networkRef } from './refs';
import type { NetworkModel, Scenario } from './schema';
import type { ClusterCtx, PodBlock } from './validate-cluster';
import { findBlockFor } from './validate-cluster';
import {
  IntervalIndex,
  SRC,
  cidrText,
  intervalOf,
  ipKey,
  ipText,
  parseCidr,
  parseIp,
  quote,
  sweepOverlaps,
} from './validate-shared';
import type { Interval, Sink } from './validate-shared';

interface NetworkInfo {
  readonly ref: string;
  readonly index: IntervalIndex<null>;
}

interface HostAddress {
  readonly host: string;
  readonly ref: string;
  readonly field: string;
  readonly network: string;
  readonly ip: IpAddr;
}

/** Names unique per kind, references resolve. Returns the parsed networks. */
export function validateTopLevel(out: Sink, s: Scenario): Map<string, NetworkInfo> {
  const networks = new Map<string, NetworkInfo>();
  for (const n of s.networks) {
    const ref = networkRef(n.name);
    if (networks.has(n.name)) {
      out.error(ref, 'name', `a second network named ${quote(n.name)}`, SRC.packetwalk);
      continue;
    }
    const items: Interval<null>[] = [];
    n.cidrs.forEach((text, i) => {
      const c = parseCidr(out, ref, `cidrs[${i}]`, text, SRC.packetwalk, {
        kind: 'masked',
        source: SRC.packetwalk,
      });
      if (c) items.push(intervalOf(c, null));
    });
    networks.set(n.name, { ref, index: new IntervalIndex(items) });
  }

  const clusterNames = new Set<string>();
  for (const c of s.clusters) {
    const ref = clusterRef(c.name);
    if (clusterNames.has(c.name)) {
      out.error(ref, 'name', `a second cluster named ${quote(c.name)}`, SRC.packetwalk);
    }
    clusterNames.add(c.name);
    if (c.network !== undefined && !networks.has(c.network)) {
      out.error(ref, 'network', `network ${quote(c.network)} does not exist`, SRC.packetwalk);
    }
  }

  const hostNames = new Set<string>();
  for (const h of s.hosts ?? []) {
    const ref = hostRef(h.name);
    if (hostNames.has(h.name)) {
      out.error(ref, 'name', `a second host named ${quote(h.name)}`, SRC.packetwalk);
    }
    hostNames.add(h.name);
    if (h.network !== undefined && !networks.has(h.network)) {
      out.error(ref, 'network', `network ${quote(h.network)} does not exist`, SRC.packetwalk);
    }
  }

  const archNames = new Set<string>();
  const clusterArch = new Map<string, string>();
  for (const a of s.archipelagos ?? []) {
    const ref = archipelagoRef(a.name);
    if (archNames.has(a.name)) {
      out.error(ref, 'name', `a second archipelago named ${quote(a.name)}`, SRC.packetwalk);
    }
    archNames.add(a.name);
    a.clusters.forEach((name, i) => {
      const field = `clusters[${i}]`;
      if (!clusterNames.has(name)) {
        out.error(ref, field, `cluster ${quote(name)} does not exist`, SRC.packetwalk);
        return;
      }
      const prior = clusterArch.get(name);
      if (prior !== undefined && prior !== a.name) {
        out.error(
          ref,
          field,
          `cluster ${quote(name)} is already in archipelago ${quote(prior)}; a cluster belongs to at most one archipelago`,
          SRC.packetwalk,
        );
      } else if (prior === a.name) {
        out.warning(ref, field, `cluster ${quote(name)} is listed twice`, SRC.packetwalk);
      } else clusterArch.set(name, a.name);
    });
  }
  if ((s.archipelagos ?? []).length > 0 && s.model !== 'archipelago') {
    out.info(
      archipelagoRef(s.archipelagos?.[0]?.name ?? ''),
      'clusters',
      `archipelagos only matter under the archipelago model; this scenario is ${s.model}`,
      SRC.packetwalk,
    );
  }
  return networks;
}

/** The pod space a cluster shares with others: one per flat network, per archipelago, or its own. */
function podSpaceOf(model: NetworkModel, ctx: ClusterCtx, arch: Map<string, string>): string {
  if (model === 'flat') return 'flat';
  if (model === 'archipelago') {
    const a = arch.get(ctx.name);
    if (a !== undefined) return `archipelago\u0000${a}`;
  }
  return `cluster\u0000${ctx.index}`;
}

function modelReason(model: NetworkModel, space: string): string {
  if (model === 'flat') {
    return 'under the flat model pod IPs are routable on the whole network, so pod ranges must be unique';
  }
  const arch = space.split('\u0000')[1] ?? '';
  return `clusters of archipelago ${quote(arch)} share one flat pod space, so pod ranges must be unique inside it`;
}

function repeatReason(model: NetworkModel): string {
  switch (model) {
    case 'air-gapped':
      return 'fine when air-gapped: clusters are separate networks';
    case 'archipelago':
      return 'fine between archipelagos (or islands): pod IPs are private to each';
    default:
      return 'fine under the island model: pod IPs are private to each cluster';
  }
}

export function validateAcrossClusters(
  out: Sink,
  s: Scenario,
  ctxs: readonly ClusterCtx[],
  networks: ReadonlyMap<string, NetworkInfo>,
): void {
  const model = s.model;
  const arch = new Map<string, string>();
  for (const a of s.archipelagos ?? []) {
    for (const c of a.clusters) if (!arch.has(c)) arch.set(c, a.name);
  }
  const space = new Map<ClusterCtx, string>();
  for (const ctx of ctxs) space.set(ctx, podSpaceOf(model, ctx, arch));
  const airGapped = model === 'air-gapped';

  // 1. Pod ranges shared inside one pod space must not overlap. Each cluster's runs are
  //    disjoint, so any overlap the sweep finds is between two clusters.
  const bySpace = new Map<string, Interval<PodBlock>[]>();
  for (const ctx of ctxs) {
    const key = space.get(ctx) ?? '';
    const list = bySpace.get(key) ?? [];
    list.push(...ctx.podRunList);
    bySpace.set(key, list);
  }
  for (const [key, runs] of bySpace) {
    sweepOverlaps(runs, (a, b) => {
      if (a.item.ctx === b.item.ctx) return;
      out.error(
        b.item.object,
        b.item.field,
        `cluster ${b.item.ctx.name}'s ${b.item.label} overlaps cluster ${a.item.ctx.name}'s ${a.item.label}; ${modelReason(model, key)}`,
        SRC.model,
      );
    });
  }
  //    Repeats between pod spaces are allowed; say so once per pair of cluster CIDRs.
  for (let i = 0; i < ctxs.length; i++) {
    const a = ctxs[i];
    if (!a) continue;
    for (let j = i + 1; j < ctxs.length; j++) {
      const b = ctxs[j];
      if (!b || space.get(a) === space.get(b)) continue;
      for (const cb of b.clusterCidrs) {
        const ca = a.clusterCidrs.find((c) => cidrOverlaps(c.cidr, cb.cidr));
        if (!ca) continue;
        out.info(
          b.ref,
          cb.field,
          `cluster CIDR ${cidrText(cb.cidr)} overlaps cluster ${a.name}'s ${cidrText(ca.cidr)}; ${repeatReason(model)}`,
          SRC.model,
        );
      }
    }
  }

  // 2. Node addresses: unique on a shared network unless air-gapped.
  const hostAddresses: HostAddress[] = [];
  for (const h of s.hosts ?? []) {
    const ref = hostRef(h.name);
    h.addresses.forEach((text, i) => {
      const field = `addresses[${i}]`;
      const ip = parseIp(out, ref, field, text, SRC.packetwalk, 'host address');
      if (ip) hostAddresses.push({ host: h.name, ref, field, network: h.network ?? '', ip });
    });
  }
  const onNetwork = new Map<string, string>(); // network|ip -> "node x of cluster c" / "host h"
  const ownerCluster = new Map<string, ClusterCtx>();
  if (!airGapped) {
    for (const ctx of ctxs) {
      const net = ctx.cluster.network ?? '';
      for (const a of ctx.nodeAddresses) {
        const k = `${net}\u0000${ipKey(a.ip.family, a.ip.value)}`;
        const prior = ownerCluster.get(k);
        if (prior && prior !== ctx) {
          out.error(
            a.node.ref,
            a.field,
            `InternalIP ${ipText(a.ip)} is also the address of ${onNetwork.get(k) ?? 'another node'} on the same network; node addresses must be unique on a shared network (only air-gapped clusters may repeat them)`,
            SRC.model,
          );
        } else if (!prior) {
          ownerCluster.set(k, ctx);
          onNetwork.set(k, `node ${a.node.node.name} of cluster ${ctx.name}`);
        }
      }
    }
  }
  const hostSeen = new Map<string, string>();
  for (const h of hostAddresses) {
    const k = `${h.network}\u0000${ipKey(h.ip.family, h.ip.value)}`;
    const priorHost = hostSeen.get(k);
    if (priorHost !== undefined && priorHost !== h.host) {
      out.error(
        h.ref,
        h.field,
        `address ${ipText(h.ip)} is also the address of host ${priorHost} on the same network; addresses on one network must be unique`,
        SRC.model,
      );
    } else hostSeen.set(k, h.host);
    const node = onNetwork.get(k);
    if (node !== undefined) {
      out.error(
        h.ref,
        h.field,
        `address ${ipText(h.ip)} is also the address of ${node} on the same network; addresses on one network must be unique`,
        SRC.model,
      );
    }
  }

  // 3. Addresses inside networks.
  for (const h of hostAddresses) {
    const net = networks.get(h.network);
    if (net && net.index.size > 0 && !net.index.findContaining(h.ip.family, h.ip.value)) {
      out.warning(
        h.ref,
        h.field,
        `address ${ipText(h.ip)} is outside network ${h.network}'s CIDRs`,
        SRC.model,
      );
    }
  }
  for (const ctx of ctxs) {
    const net = ctx.cluster.network !== undefined ? networks.get(ctx.cluster.network) : undefined;
    if (!net || net.index.size === 0) continue;
    for (const a of ctx.nodeAddresses) {
      if (!net.index.findContaining(a.ip.family, a.ip.value)) {
        out.warning(
          a.node.ref,
          a.field,
          `InternalIP ${ipText(a.ip)} is outside network ${ctx.cluster.network ?? ''}'s CIDRs, where the cluster's nodes sit`,
          SRC.model,
        );
      }
    }
  }

  if (airGapped) return; // nothing crosses the edge of an air-gapped cluster

  // 4. Hosts against each cluster's pod and service ranges.
  for (const h of hostAddresses) {
    for (const ctx of ctxs) {
      if (ctx.podRuns.findContaining(h.ip.family, h.ip.value)) {
        const block = findBlockFor(ctx, h.ip);
        const where = block ? block.label : 'pod range';
        if (space.get(ctx) === 'flat') {
          out.error(
            h.ref,
            h.field,
            `host address ${ipText(h.ip)} is inside cluster ${ctx.name}'s ${where}; under the flat model pod IPs are routable on the whole network, so this address is ambiguous`,
            SRC.model,
          );
        } else {
          out.info(
            h.ref,
            h.field,
            `host address ${ipText(h.ip)} is inside cluster ${ctx.name}'s ${where}; fine for the network (the pod range is private to the island), but pods of ${ctx.name} reach their own pods at that address, not this host`,
            SRC.model,
          );
        }
      }
      for (const sc of ctx.serviceCidrs) {
        if (!cidrContainsIp(sc.cidr, h.ip)) continue;
        out.warning(
          h.ref,
          h.field,
          `host address ${ipText(h.ip)} is inside cluster ${ctx.name}'s service range ${cidrText(sc.cidr)}; kube-apiserver may give a Service that address, and pods of ${ctx.name} would then reach the Service, not the host`,
          SRC.model,
        );
      }
    }
  }

  // 5. Other clusters' nodes inside a cluster's pod or service ranges; service ranges against
  //    other clusters' pod ranges in a shared pod space.
  if (ctxs.length < 2) return;
  for (const x of ctxs) {
    for (const y of ctxs) {
      if (x === y) continue;
      const shared = space.get(x) === space.get(y);
      for (const a of y.nodeAddresses) {
        if (x.podRuns.size > 0 && x.podRuns.findContaining(a.ip.family, a.ip.value)) {
          const block = findBlockFor(x, a.ip);
          const where = block ? block.label : 'pod range';
          if (shared) {
            out.error(
              a.node.ref,
              a.field,
              `InternalIP ${ipText(a.ip)} of cluster ${y.name} is inside cluster ${x.name}'s ${where}; ${modelReason(model, space.get(x) ?? '')}, and the network cannot tell the node from a pod`,
              SRC.model,
            );
          } else {
            out.warning(
              a.node.ref,
              a.field,
              `InternalIP ${ipText(a.ip)} of cluster ${y.name} is inside cluster ${x.name}'s ${where}; pods of ${x.name} cannot reach this node (their node routes the address inside the island)`,
              SRC.model,
            );
          }
        }
        for (const sc of x.serviceCidrs) {
          if (!cidrContainsIp(sc.cidr, a.ip)) continue;
          out.warning(
            a.node.ref,
            a.field,
            `InternalIP ${ipText(a.ip)} of cluster ${y.name} is inside cluster ${x.name}'s service range ${cidrText(sc.cidr)}; pods of ${x.name} may not reach this node (a Service there would capture the address)`,
            SRC.model,
          );
        }
      }
      if (!shared) continue;
      for (const sc of x.serviceCidrs) {
        const hit = y.podRuns.findOverlap(sc.cidr.family, sc.cidr.base, cidrLast(sc.cidr));
        if (!hit) continue;
        out.warning(
          x.ref,
          sc.field,
          `service range ${cidrText(sc.cidr)} overlaps cluster ${y.name}'s pod range (${hit.item.label}) in a shared pod space; pods of ${x.name} could not reach those pods of ${y.name}`,
          SRC.model,
        );
      }
    }
  }
}
