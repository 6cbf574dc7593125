/**
 * The pod routes a cluster's node network carries, for the route table box: in routed mode
 * "10.0.1.0/24 via 10.240.0.1" per node range (talk 004: "10.20.30.0/24 via 192.1.6.4");
 * in overlay mode the same ranges, reached by encapsulating to the node's address.
 */
import { cidrFrom, ipFrom } from '../model/cidr';
import type { Cluster } from '../model/schema';

export interface RouteLine {
  dest: string;
  /** The node's InternalIP of the same family, or null when it has none. */
  via: string | null;
  node: string;
  encap: boolean;
}

export function routeTable(c: Cluster, limit = Infinity): { lines: RouteLine[]; total: number } {
  const lines: RouteLine[] = [];
  let total = 0;
  const encap = c.podNetwork === 'overlay';
  for (const n of c.nodes) {
    const cidrs = n.podCIDRs ?? [];
    for (const text of cidrs) {
      total++;
      if (lines.length >= limit) continue;
      const fam = cidrFrom(text)?.family ?? null;
      const addr = n.addresses.find(
        (a) => a.type === 'InternalIP' && fam !== null && ipFrom(a.address)?.family === fam,
      );
      lines.push({ dest: text, via: addr?.address ?? null, node: n.name, encap });
    }
  }
  return { lines, total };
}
