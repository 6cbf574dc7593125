/**
 * What the kubectl import has to guess: the cluster's IP families, its cluster CIDR(s), its
 * service range and the node network. The API shows only what was handed out (node podCIDRs,
 * Service clusterIPs, node addresses), so each block is the smallest one covering what was
 * seen, marked `inferred: true`, with a sentence for the user saying so.
 */
import {
  cidrCovering,
  cidrFrom,
  cidrOf,
  cidrToString,
  familyBits,
  hostBits,
  ipFrom,
  type Cidr,
  type IpAddr,
} from '../model/cidr';
import {
  DEFAULTS,
  type ClusterCIDR,
  type IpFamily,
  type Network,
  type Node,
  type Pod,
  type Service,
  type ServiceCIDR,
} from '../model/schema';

const firstFamily = (
  texts: readonly string[] | undefined,
  parse: (s: string) => { family: IpFamily } | null,
) => {
  for (const t of texts ?? []) {
    const p = parse(t);
    if (p) return p.family;
  }
  return undefined;
};

export function inferFamilies(
  nodes: readonly Node[],
  pods: readonly Pod[],
  services: readonly Service[],
  inferred: string[],
): IpFamily[] {
  const clusterIPs = services.map((s) => (s.clusterIPs ?? []).filter((ip) => ip !== 'None'));
  const podIPs = pods.filter((p) => !p.hostNetwork).map((p) => p.podIPs ?? []);
  // The primary family is that of the first node's first podCIDR (kube-controller-manager
  // allocates the primary family first), else of the first Service's clusterIP.
  let primary =
    nodes.map((n) => firstFamily(n.podCIDRs, cidrFrom)).find((f) => f !== undefined) ??
    clusterIPs.map((ips) => firstFamily(ips, ipFrom)).find((f) => f !== undefined) ??
    podIPs.map((ips) => firstFamily(ips, ipFrom)).find((f) => f !== undefined);
  if (primary === undefined) {
    primary =
      nodes.map((n) => firstFamily(internalIPs(n), ipFrom)).find((f) => f !== undefined) ?? 'IPv4';
    if (nodes.length + pods.length + services.length > 0) {
      inferred.push(
        `No pod or service addresses to tell the cluster's IP family; assumed ${primary}.`,
      );
    }
  }
  const other: IpFamily = primary === 'IPv4' ? 'IPv6' : 'IPv4';
  const seen = [
    ...nodes.flatMap((n) => (n.podCIDRs ?? []).map((c) => cidrFrom(c)?.family)),
    ...clusterIPs.flat().map((ip) => ipFrom(ip)?.family),
    ...podIPs.flat().map((ip) => ipFrom(ip)?.family),
  ];
  return seen.includes(other) ? [primary, other] : [primary];
}

const internalIPs = (n: Node): string[] =>
  n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address);

export function inferClusterCIDRs(
  nodes: readonly Node[],
  families: readonly IpFamily[],
  inferred: string[],
): ClusterCIDR[] {
  const all = nodes
    .flatMap((n) => (n.podCIDRs ?? []).map(cidrFrom))
    .filter((c): c is Cidr => c !== null);
  if (all.length === 0) {
    if (nodes.length > 0) {
      inferred.push(
        'The nodes have no spec.podCIDRs (the CNI plugin hands out pod IPs itself, as Calico or Cilium cluster-pool do); no cluster CIDR was inferred.',
      );
    }
    return [];
  }
  const out: ClusterCIDR[] = [];
  for (const family of families) {
    const cidrs = all.filter((c) => c.family === family);
    const cover = cidrCovering(family, cidrs);
    const first = cidrs[0];
    if (!cover || !first) continue;
    const nodeMaskSize = first.prefix;
    const masks = [...new Set(cidrs.map((c) => c.prefix))];
    out.push({ cidr: cidrToString(cover), nodeMaskSize, inferred: true });
    inferred.push(
      `Inferred cluster CIDR ${cidrToString(cover)} (node mask /${nodeMaskSize}): the smallest block covering the nodes' ${family} podCIDRs. The real --cluster-cidr may be larger.`,
    );
    if (masks.length > 1) {
      inferred.push(
        `The nodes' ${family} podCIDRs have different sizes (${masks.map((m) => `/${m}`).join(', ')}); nodeMaskSize is /${nodeMaskSize}, the first node's.`,
      );
    }
  }
  return out;
}

export function inferServiceCIDRs(
  services: readonly Service[],
  families: readonly IpFamily[],
  inferred: string[],
): ServiceCIDR[] {
  const ips = services
    .flatMap((s) => (s.clusterIPs ?? []).map(ipFrom))
    .filter((ip): ip is IpAddr => ip !== null);
  // The `kubernetes` Service in `default` holds the first address after the network address
  // of the primary range (pkg/controlplane/services.go: GetIndexedIP(serviceClusterIPRange, 1)),
  // so the range starts one below it.
  const apiserver = services.find(
    (s) => s.name === 'kubernetes' && (s.namespace ?? DEFAULTS.namespace) === 'default',
  );
  const anchor = apiserver?.clusterIPs?.[0] !== undefined ? ipFrom(apiserver.clusterIPs[0]) : null;
  const cidrs: string[] = [];
  let widened = false;
  for (const family of families) {
    const items: IpAddr[] = ips.filter((ip) => ip.family === family);
    if (items.length === 0) continue;
    if (anchor && anchor.family === family && anchor.value > 0n)
      items.push({ family, value: anchor.value - 1n });
    let cover = cidrCovering(family, items);
    if (!cover) continue;
    // A service range has at least 8 addresses (pkg/controlplane/services.go).
    if (hostBits(cover) < 3) {
      cover = cidrOf(family, cover.base, familyBits(family) - 3);
      widened = true;
    }
    cidrs.push(cidrToString(cover));
  }
  if (cidrs.length === 0) return [];
  const how = anchor
    ? ' (starting below the kubernetes Service, which holds the first address)'
    : '';
  const widen = widened ? ', widened to 8 addresses, the fewest kube-apiserver accepts' : '';
  inferred.push(
    `Inferred service CIDR ${cidrs.join(', ')}: the smallest block covering the Services' clusterIPs${how}${widen}. The real --service-cluster-ip-range may be larger.`,
  );
  return [{ name: 'kubernetes', cidrs, inferred: true }];
}

export function inferNetwork(
  nodes: readonly Node[],
  families: readonly IpFamily[],
  inferred: string[],
): Network {
  const ips = nodes
    .flatMap((n) => internalIPs(n).map(ipFrom))
    .filter((ip): ip is IpAddr => ip !== null);
  const order: IpFamily[] = [
    ...families,
    ...(['IPv4', 'IPv6'] as const).filter((f) => !families.includes(f)),
  ];
  const cidrs = order
    .map((f) => cidrCovering(f, ips))
    .filter((c): c is Cidr => c !== null)
    .map(cidrToString);
  if (cidrs.length > 0) {
    inferred.push(
      `Inferred the node network ${cidrs.join(', ')}: the smallest block covering the nodes' InternalIPs.`,
    );
  } else if (nodes.length > 0) {
    inferred.push('The nodes have no InternalIP addresses; the node network has no address block.');
  }
  return {
    name: 'network',
    cidrs,
    description:
      "Inferred by the kubectl import: the smallest blocks covering the nodes' InternalIPs.",
  };
}
