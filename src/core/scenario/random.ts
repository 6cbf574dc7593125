/**
 * Seeded scenario generators, for property tests and benches. Same seed, same scenario.
 *
 * - randomScenario(seed): small, schema-valid scenarios that use every field of the format,
 *   both families, odd but allowed text (unicode, quotes, lone surrogates, non-canonical
 *   addresses, CIDRs with host bits), and also the regular shapes real scenarios have
 *   (numbered names, consecutive pod ranges and pod IPs) so every branch of the codec is hit.
 *   They are shape-valid, not necessarily sensible: validation findings are not their concern.
 * - largeScenario({...}): one regular cluster of the size asked, for benches.
 */
import { cidrFrom, cidrOf, cidrToString, ipString } from '../model/cidr';
import type {
  Cluster,
  ClusterCIDR,
  Gateway,
  Host,
  Ingress,
  IpFamily,
  Node,
  Pod,
  Scenario,
  Service,
  ServicePort,
} from '../model/schema';

/** mulberry32: a small, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  maybe<T>(p: number, make: () => T): T | undefined {
    return this.chance(p) ? make() : undefined;
  }
  times<T>(min: number, max: number, make: (i: number) => T): T[] {
    const n = this.int(min, max);
    return Array.from({ length: n }, (_, i) => make(i));
  }
  bigint(bits: number): bigint {
    let v = 0n;
    for (let b = 0; b < bits; b += 16) v = (v << 16n) | BigInt(this.int(0, 0xffff));
    return v & ((1n << BigInt(bits)) - 1n);
  }
}

/** Drops keys whose value is undefined, so generated objects look like parsed ones. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const WORDS = ['web', 'api', 'db', 'cache', 'node', 'pod', 'frontend', 'worker', 'a', 'b'];
const ODD = [
  'naïve-ünïcode',
  'emoji-🚀',
  'quote"and\\backslash',
  'tab\tnewline\n',
  'lone-\ud800-surrogate',
  '{"json":"inside"}',
  '   spaces   ',
  '0',
  '9007199254740993',
  'x'.repeat(253),
];

function name(d: Dice): string {
  const r = d.next();
  if (r < 0.6) return `${d.pick(WORDS)}${d.chance(0.5) ? '-' : ''}${d.int(0, 30)}`;
  if (r < 0.8) return d.pick(WORDS);
  if (r < 0.9) return d.pick(ODD);
  return `${d.pick(WORDS)}-${String(d.int(0, 999)).padStart(3, '0')}`;
}

function labels(d: Dice): Record<string, string> {
  const out: Record<string, string> = {};
  d.times(0, 3, () => {
    out[d.pick(['app', 'tier', 'kubernetes.io/hostname', 'ünï', ''])] = d.chance(0.8)
      ? d.pick(WORDS)
      : d.pick(ODD);
  });
  return out;
}

function randomIp(d: Dice, family: IpFamily): string {
  return family === 'IPv4' ? ipString('IPv4', d.bigint(32)) : ipString('IPv6', d.bigint(128));
}

/** An address: canonical mostly, sometimes a spelling the schema allows but the codec must keep. */
function oddAddress(d: Dice, family: IpFamily): string {
  const ip = randomIp(d, family);
  const r = d.next();
  if (r < 0.4) return family === 'IPv6' ? ip.toUpperCase() : ` ${ip}`;
  if (r < 0.6) return family === 'IPv6' ? '0:0:0:0:0:0:0:1' : '010.0.0.1';
  if (r < 0.8) return 'None';
  return d.pick(ODD).slice(0, 64);
}

function randomCidr(d: Dice, family: IpFamily, prefix?: number): string {
  const bits = family === 'IPv4' ? 32 : 128;
  const p = prefix ?? d.int(0, bits);
  const base = d.bigint(bits);
  // Sometimes with host bits set (10.0.1.5/24): allowed by the schema, kept by the codec.
  return d.chance(0.1) ? `${ipString(family, base)}/${p}` : cidrToString(cidrOf(family, base, p));
}

function familyOf(d: Dice, families: readonly IpFamily[], i: number): IpFamily {
  return families[i] ?? d.pick(['IPv4', 'IPv6'] as const);
}

/** Consecutive blocks or addresses from `start`, as real clusters have them. */
function consecutive(family: IpFamily, start: bigint, step: bigint, i: number, prefix?: number) {
  const v = start + step * BigInt(i);
  const max = (1n << BigInt(family === 'IPv4' ? 32 : 128)) - 1n;
  const clamped = v > max ? max : v;
  return prefix === undefined
    ? ipString(family, clamped)
    : cidrToString(cidrOf(family, clamped, prefix));
}

function randomCluster(d: Dice, size: Required<RandomSize>, networks: string[]): Cluster {
  const families: IpFamily[] = d.pick([['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']]);
  const clusterCIDRs: ClusterCIDR[] = d.times(0, 2, (i) => {
    const family = familyOf(d, families, i);
    const prefix = family === 'IPv4' ? d.int(8, 20) : d.int(48, 100);
    return compact({
      cidr: randomCidr(d, family, prefix),
      nodeMaskSize: d.chance(0.9)
        ? Math.min(prefix + d.int(0, 8), family === 'IPv4' ? 32 : 128)
        : d.int(0, 128),
      name: d.maybe(0.3, () => name(d)),
      nodeSelector: d.maybe(0.2, () => labels(d)),
      inferred: d.maybe(0.2, () => d.chance(0.5)),
    });
  });
  const serviceCIDRs = d.times(0, 2, () =>
    compact({
      cidrs: d.times(1, 2, (i) => {
        const family = familyOf(d, families, i);
        return randomCidr(d, family, family === 'IPv4' ? d.int(12, 28) : d.int(108, 124));
      }),
      name: d.maybe(0.5, () => name(d)),
      inferred: d.maybe(0.2, () => d.chance(0.5)),
    }),
  );
  const nodeNamePrefix = d.pick(['node', 'node-', 'worker-', 'ip-10-0-0-']);
  const nodeIpStart = d.bigint(family0Bits(families[0]) - 4);
  const nodes: Node[] = d.times(0, size.nodes, (n) => {
    const regular = d.chance(0.8);
    return compact({
      name: regular ? `${nodeNamePrefix}${n + 1}` : name(d),
      addresses: d.times(0, 3, (a) => {
        const type =
          a === 0 ? 'InternalIP' : d.pick(['InternalIP', 'ExternalIP', 'Hostname'] as const);
        const family = familyOf(d, families, a);
        return {
          type,
          address:
            type === 'Hostname'
              ? name(d).slice(0, 64)
              : regular
                ? consecutive(family, nodeIpStart, 1n, n)
                : d.chance(0.7)
                  ? randomIp(d, family)
                  : oddAddress(d, family),
        } as const;
      }),
      podCIDRs: d.maybe(0.8, () =>
        clusterCIDRs.map((cc, i) => {
          const block = cidrFrom(cc.cidr);
          if (block && regular && cc.nodeMaskSize >= block.prefix) {
            const size = 1n << BigInt((block.family === 'IPv4' ? 32 : 128) - cc.nodeMaskSize);
            return consecutive(block.family, block.base, size, n + d.int(0, 1), cc.nodeMaskSize);
          }
          return d.chance(0.8) ? randomCidr(d, familyOf(d, families, i)) : d.pick(ODD).slice(0, 64);
        }),
      ),
      labels: d.maybe(0.3, () => labels(d)),
    });
  });
  const podNamePrefix = d.pick(['pod-', 'web-', 'app']);
  const pods: Pod[] = d.times(0, size.pods, (p) => {
    const node = nodes.length > 0 && d.chance(0.9) ? d.pick(nodes) : undefined;
    return compact({
      namespace: d.maybe(0.3, () => d.pick(['default', 'kube-system', name(d)])),
      name: d.chance(0.6) ? `${podNamePrefix}${p}` : name(d),
      labels: d.maybe(0.6, () => labels(d)),
      nodeName: node?.name ?? name(d),
      podIPs: d.maybe(0.8, () =>
        d.times(0, 2, (i) => {
          const range = node?.podCIDRs?.[i];
          const block = range ? cidrFrom(range) : null;
          if (block && d.chance(0.7)) {
            return consecutive(block.family, block.base, 1n, d.int(0, 20));
          }
          return d.chance(0.7) ? randomIp(d, familyOf(d, families, i)) : oddAddress(d, 'IPv4');
        }),
      ),
      ports: d.maybe(0.4, () =>
        d.times(0, 3, () =>
          compact({
            name: d.maybe(0.5, () => d.pick(['http', 'dns', 'metrics', ''])),
            containerPort: d.int(1, 65535),
            hostPort: d.maybe(0.1, () => d.int(1, 65535)),
            protocol: d.maybe(0.5, () => d.pick(['TCP', 'UDP', 'SCTP'] as const)),
          }),
        ),
      ),
      hostNetwork: d.maybe(0.1, () => d.chance(0.5)),
    });
  });
  const serviceStart = d.bigint(family0Bits(families[0]));
  const services: Service[] = d.times(0, size.services, (s) =>
    compact({
      namespace: d.maybe(0.3, () => d.pick(['default', 'kube-system'])),
      name: d.chance(0.5) ? `svc${s}` : name(d),
      type: d.maybe(0.5, () => d.pick(['ClusterIP', 'NodePort', 'LoadBalancer'] as const)),
      selector: d.maybe(0.7, () => labels(d)),
      ports: d.times(0, 3, (): ServicePort =>
        compact({
          name: d.maybe(0.4, () => d.pick(['http', 'https', 'dns-tcp'])),
          protocol: d.maybe(0.5, () => d.pick(['TCP', 'UDP', 'SCTP'] as const)),
          port: d.int(1, 65535),
          targetPort: d.maybe(0.6, () => (d.chance(0.7) ? d.int(1, 65535) : 'http')),
          nodePort: d.maybe(0.3, () => d.int(30000, 32767)),
        }),
      ),
      clusterIPs: d.maybe(0.8, () =>
        d.chance(0.1)
          ? ['None']
          : d.times(1, 2, (i) => {
              const family = familyOf(d, families, i);
              if (i === 0 && d.chance(0.6)) {
                return consecutive(family, serviceStart, BigInt(d.int(1, 5000)), s);
              }
              return d.chance(0.8) ? randomIp(d, family) : oddAddress(d, family);
            }),
      ),
      ipFamilies: d.maybe(0.3, () => families.slice()),
      ipFamilyPolicy: d.maybe(0.3, () =>
        d.pick(['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const),
      ),
      externalTrafficPolicy: d.maybe(0.3, () => d.pick(['Cluster', 'Local'] as const)),
      loadBalancerIngress: d.maybe(0.2, () =>
        d.times(0, 2, (i) => randomIp(d, familyOf(d, families, i))),
      ),
    }),
  );
  const ingresses: Ingress[] | undefined = d.maybe(0.3, () =>
    d.times(0, 2, () =>
      compact({
        namespace: d.maybe(0.3, () => 'default'),
        name: name(d),
        controller: d.maybe(0.5, () => name(d)),
        rules: d.times(0, 2, () =>
          compact({
            host: d.maybe(0.5, () => d.pick(['example.com', 'shop.example', ''])),
            paths: d.times(0, 2, () =>
              compact({
                path: d.maybe(0.7, () => d.pick(['/', '/api', '/ünï'])),
                pathType: d.maybe(0.5, () =>
                  d.pick(['Prefix', 'Exact', 'ImplementationSpecific'] as const),
                ),
                service: name(d),
                port: d.int(1, 65535),
              }),
            ),
          }),
        ),
      }),
    ),
  );
  const gateways: Gateway[] | undefined = d.maybe(0.3, () =>
    d.times(0, 3, () =>
      compact({
        name: name(d),
        kind: d.pick(['nodes', 'vip', 'proxy', 'egress'] as const),
        addresses: d.maybe(0.7, () => d.times(0, 2, () => randomIp(d, families[0] ?? 'IPv4'))),
        service: d.maybe(0.3, () => name(d)),
        upstream: d.maybe(0.3, () => d.pick(['pods', 'nodePort'] as const)),
      }),
    ),
  );
  return compact({
    name: name(d),
    network: d.maybe(0.7, () => (networks.length > 0 ? d.pick(networks) : name(d))),
    ipFamilies: families,
    clusterCIDRs,
    serviceCIDRs,
    nodePortRange: d.maybe(0.2, () => ({ min: d.int(1, 40000), max: d.int(1, 65535) })),
    podNetwork: d.maybe(0.3, () => d.pick(['routed', 'overlay'] as const)),
    masquerade: d.maybe(0.2, () =>
      compact({
        enabled: d.chance(0.5),
        nonMasqueradeCIDRs: d.maybe(0.5, () => d.times(0, 2, () => randomCidr(d, 'IPv4'))),
      }),
    ),
    maxPods: d.maybe(0.2, () => d.int(1, 100_000)),
    nodes,
    pods,
    services,
    ingresses,
    gateways,
  });
}

const family0Bits = (f: IpFamily | undefined) => (f === 'IPv6' ? 128 : 32);

export interface RandomSize {
  /** Most clusters (default 3). */
  clusters?: number;
  /** Most nodes per cluster (default 6). */
  nodes?: number;
  /** Most pods per cluster (default 12). */
  pods?: number;
  /** Most services per cluster (default 5). */
  services?: number;
}

/** A schema-valid scenario made from `seed` alone. */
export function randomScenario(seed: number, size: RandomSize = {}): Scenario {
  const full: Required<RandomSize> = { clusters: 3, nodes: 6, pods: 12, services: 5, ...size };
  const d = new Dice(seededRandom(seed));
  const networks = d.times(0, 3, () =>
    compact({
      name: name(d),
      cidrs: d.times(0, 2, () => randomCidr(d, d.pick(['IPv4', 'IPv6'] as const))),
      description: d.maybe(0.3, () => d.pick(ODD)),
    }),
  );
  const clusters = d.times(0, full.clusters, () =>
    randomCluster(
      d,
      full,
      networks.map((n) => n.name),
    ),
  );
  const hosts: Host[] | undefined = d.maybe(0.6, () =>
    d.times(0, 3, () =>
      compact({
        name: name(d),
        network: d.maybe(0.5, () => name(d)),
        addresses: d.times(1, 2, () => randomIp(d, d.pick(['IPv4', 'IPv6'] as const))),
        description: d.maybe(0.3, () => d.pick(ODD)),
      }),
    ),
  );
  return compact({
    version: 1 as const,
    name: d.maybe(0.7, () => d.pick(ODD).slice(0, 200)),
    description: d.maybe(0.4, () => d.pick(ODD)),
    model: d.pick(['flat', 'air-gapped', 'island', 'archipelago'] as const),
    networks,
    clusters,
    hosts,
    archipelagos: d.maybe(0.2, () =>
      d.times(0, 2, () => ({
        name: name(d),
        clusters: clusters.length > 0 ? clusters.map((c) => c.name) : [name(d)],
      })),
    ),
  });
}

export interface LargeSize {
  nodes: number;
  podsPerNode: number;
  services: number;
}

const APPS = ['web', 'api', 'cache', 'worker', 'db', 'queue', 'auth', 'search'];

/**
 * One regular IPv4 cluster as a kubectl import would give it: nodes node1..nodeN at
 * 10.240.0.1.. with consecutive /24 pod ranges from 10.0.1.0/24 (as in talk 003), pods as
 * StatefulSet-like replicas (`web-0`, `web-1`, ...) spread one per node in turn with the next
 * free IP of their node, the `kubernetes` Service at 10.96.0.1 and the others at addresses
 * drawn (seeded) from 10.96.0.0/12, as the apiserver's random allocator would.
 */
export function largeScenario(size: LargeSize): Scenario {
  const nodeCount = Math.max(0, Math.floor(size.nodes));
  const podsPerNode = Math.max(0, Math.floor(size.podsPerNode));
  const serviceCount = Math.max(0, Math.floor(size.services));
  // Enough /24 blocks for node ranges 1..nodeCount.
  let prefix = 16;
  while (prefix > 8 && 1 << (24 - prefix) <= nodeCount) prefix--;
  const clusterCidr = cidrOf('IPv4', 10n << 24n, prefix);
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `node${i + 1}`,
    addresses: [
      {
        type: 'InternalIP',
        address: ipString('IPv4', (10n << 24n) + (240n << 16n) + BigInt(i + 1)),
      },
    ],
    podCIDRs: [cidrToString(cidrOf('IPv4', clusterCidr.base + (BigInt(i + 1) << 8n), 24))],
  }));
  const apps = Math.max(1, Math.min(APPS.length, podsPerNode));
  const podsOnNode = new Array<number>(nodeCount).fill(0);
  const pods: Pod[] = [];
  const total = nodeCount * podsPerNode;
  for (let a = 0; a < apps; a++) {
    const replicas = Math.floor(total / apps) + (a < total % apps ? 1 : 0);
    for (let r = 0; r < replicas; r++) {
      const n = pods.length % nodeCount;
      const count = (podsOnNode[n] ?? 0) + 1;
      podsOnNode[n] = count;
      const app = APPS[a] ?? 'app';
      pods.push({
        name: `${app}-${r}`,
        labels: { app },
        nodeName: `node${n + 1}`,
        podIPs: [ipString('IPv4', clusterCidr.base + (BigInt(n + 1) << 8n) + BigInt(count))],
      });
    }
  }
  const d = new Dice(seededRandom(nodeCount * 7919 + podsPerNode * 31 + serviceCount));
  const services: Service[] = Array.from({ length: serviceCount }, (_, s) => {
    if (s === 0) {
      return {
        name: 'kubernetes',
        ports: [{ name: 'https', port: 443, targetPort: 6443 }],
        clusterIPs: ['10.96.0.1'],
      };
    }
    const app = APPS[(s - 1) % APPS.length] ?? 'app';
    const round = Math.floor((s - 1) / APPS.length);
    return {
      name: round === 0 ? app : `${app}-${round}`,
      selector: { app },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      clusterIPs: [ipString('IPv4', (10n << 24n) + (96n << 16n) + BigInt(d.int(2, (1 << 20) - 2)))],
    };
  });
  return {
    version: 1,
    name: `${nodeCount} nodes`,
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters: [
      {
        name: 'cluster',
        network: 'network',
        ipFamilies: ['IPv4'],
        clusterCIDRs: [{ cidr: cidrToString(clusterCidr), nodeMaskSize: 24 }],
        serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
        nodes,
        pods,
        services,
      },
    ],
    hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
  };
}
