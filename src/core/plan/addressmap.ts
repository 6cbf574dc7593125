/**
 * The address map: every block of a scenario placed inside its parent space, as plain data the
 * view draws without computing a number itself.
 *
 * Sections:
 * - one per network: a row per network CIDR with the blocks of the clusters and hosts on that
 *   network (cluster CIDRs, the node network as the smallest CIDR covering the nodes' addresses,
 *   Service CIDRs, hosts) and the free gaps between them; blocks outside every network CIDR go to
 *   an "outside" row per family;
 * - one per cluster: a row per cluster CIDR with its node pod ranges (used by a node, reserved
 *   because a Service range overlaps them, free), a row per Service CIDR with the KEP-3070 static
 *   and dynamic bands, and a row with the node addresses.
 *
 * Scale: a row is 0..1. Pieces between block edges get their linear share, but a piece covered
 * by a block is at least a minimum width (a little more for bigger blocks, so order by size is
 * kept); in network rows free gaps are compressed to at most 4 times the width of the blocks. So
 * a /32 host or a /24 node range inside a /8 stays visible, and blocks of equal size stay equal.
 * Overlapping blocks go to separate lanes of the row (addressmap-scale.ts).
 *
 * Overlap marks follow the network model (talk 003; the same rules as validate-network.ts):
 * - pod range x pod range of two clusters: conflict when they share a pod space (flat: all
 *   clusters; archipelago: the clusters of one archipelago), else reused (island, air-gapped,
 *   between archipelagos);
 * - a host or another cluster's node address inside a pod range: conflict in a shared pod space,
 *   reused otherwise; a node address inside its own cluster's pod range: conflict;
 * - Service CIDRs of two clusters: reused (ClusterIPs are virtual and per cluster);
 * - a Service CIDR over a pod range of the same cluster or of a cluster in the same pod space, or
 *   over a host or node address (not air-gapped): conflict; otherwise reused;
 * - node addresses of two clusters on one network: conflict when an address repeats (reused when
 *   air-gapped).
 *
 * Pass the filled scenario (ipam.ts fillScenario) so node ranges and ClusterIPs are known. Pure,
 * never throws (a failure gives an empty map with `error` set). Sizes are BigInt; IPv6 sizes are
 * written as powers of two.
 */
import { cidrFrom, type Cidr } from '../model/cidr';
import { clusterCapacity, type FamilyCapacity } from '../model/capacity';
import { networkRef } from '../model/refs';
import type { Scenario } from '../model/schema';
import { clusterInfo, hostBlocks, markBlocks, type Block } from './addressmap-marks';
import {
  networkRows,
  nodeAddressRows,
  nodeRangesOf,
  podRangeRows,
  serviceRows,
} from './addressmap-rows';
import type { AddressMap, AddressMapOptions, MapSection } from './addressmap-types';

export type * from './addressmap-types';
export { sizeText } from './addressmap-scale';

/** Above this many node ranges or addresses in a row, neighbours merge into runs. */
export const DEFAULT_MAX_SEGMENTS = 64;

function buildMap(s: Scenario, opts: AddressMapOptions): AddressMap {
  const model = s.model;
  const maxSegments = Math.max(1, opts.maxSegmentsPerRow ?? DEFAULT_MAX_SEGMENTS);
  const arch = new Map<string, string>();
  for (const a of s.archipelagos ?? [])
    for (const c of a.clusters) if (!arch.has(c)) arch.set(c, a.name);
  // A cluster or host without a network sits on the only network when there is one.
  const networkNames = new Set(s.networks.map((n) => n.name));
  const onlyNetwork = s.networks.length === 1 ? s.networks[0]?.name : undefined;
  const home = (name: string): string =>
    networkNames.has(name) ? name : name === '' && onlyNetwork !== undefined ? onlyNetwork : '';
  const infos = s.clusters.map((c, i) => clusterInfo(model, c, i, arch, home(c.network ?? '')));
  const hosts = hostBlocks(s, home);
  const marks = markBlocks(model, infos, hosts);

  const sections: MapSection[] = [];
  const seenNetworks = new Set<string>();
  for (const net of s.networks) {
    if (seenNetworks.has(net.name)) continue;
    seenNetworks.add(net.name);
    const blocks: Block[] = [];
    for (const info of infos) {
      if (info.network !== net.name) continue;
      blocks.push(...info.pods, ...info.nodes, ...info.services);
    }
    for (const h of hosts) if (h.network === net.name) blocks.push(h);
    const parents = net.cidrs.map((t) => cidrFrom(t)).filter((c): c is Cidr => c !== null);
    const ref = networkRef(net.name);
    sections.push({
      ref,
      kind: 'network',
      label: net.description ? `${net.name} (${net.description})` : net.name,
      rows: networkRows(ref, parents, blocks),
    });
  }
  const loose: Block[] = [];
  for (const info of infos) {
    if (info.network === '') loose.push(...info.pods, ...info.nodes, ...info.services);
  }
  for (const h of hosts) if (h.network === '') loose.push(h);
  if (loose.length > 0) {
    sections.push({
      ref: '',
      kind: 'unattached',
      label: 'Not on any network',
      rows: networkRows('unattached', [], loose),
    });
  }

  const ranges = nodeRangesOf(model, infos);
  for (const info of infos) {
    let caps: readonly FamilyCapacity[] = opts.capacity?.(info.cluster) ?? [];
    if (!opts.capacity) {
      try {
        caps = clusterCapacity(info.cluster);
      } catch {
        caps = [];
      }
    }
    sections.push({
      ref: info.ref,
      kind: 'cluster',
      label: info.cluster.name,
      rows: [
        ...podRangeRows(info, caps, ranges[info.index] ?? [], maxSegments),
        ...serviceRows(info, caps),
        ...nodeAddressRows(info, maxSegments),
      ],
    });
  }
  return { model, sections, marks: marks.list };
}

/** The address map of a (filled) scenario. Never throws. */
export function addressMap(s: Scenario, opts: AddressMapOptions = {}): AddressMap {
  try {
    return buildMap(s, opts);
  } catch (e) {
    return {
      model: s?.model ?? null,
      sections: [],
      marks: [],
      error: `the address map could not be built: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
