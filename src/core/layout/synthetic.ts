/**
 * Scale fixtures: a flat, routed IPv4 cluster of N nodes with P pods each, left sparse so
 * IPAM fills node ranges, pod IPs and ClusterIPs exactly as it would for a real scenario.
 * Used by the layout tests, the browser benchmarks and the "scale" entries of the picker.
 */
import { cidrFrom, ipString } from '../model/cidr';
import type { Scenario } from '../model/schema';

export interface SyntheticOptions {
  nodes: number;
  podsPerNode: number;
  services?: number;
}

export function syntheticScenario(o: SyntheticOptions): Scenario {
  const nodes = Math.max(1, Math.min(5000, Math.floor(o.nodes)));
  const ppn = Math.max(0, Math.min(100, Math.floor(o.podsPerNode)));
  const nsvc = Math.max(0, Math.min(200, Math.floor(o.services ?? 12)));
  // Enough /24 node ranges for every node: the smallest cluster CIDR with 2^k >= nodes.
  let prefix = 24;
  while (prefix > 8 && 2 ** (24 - prefix) < nodes) prefix--;
  const nodeNet = cidrFrom('10.240.0.0/16');
  const base = nodeNet ? nodeNet.base : 0n;
  const width = String(nodes).length;
  const nodeName = (i: number) => `node-${String(i + 1).padStart(width, '0')}`;
  const pods: Scenario['clusters'][number]['pods'] = [];
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < ppn; j++) {
      const k = i * ppn + j;
      pods.push({
        name: `web-${String(k + 1).padStart(String(nodes * ppn).length, '0')}`,
        nodeName: nodeName(i),
        labels: { app: `app-${nsvc > 0 ? k % nsvc : 0}` },
        ports: [{ containerPort: 8080 }],
      });
    }
  }
  return {
    version: 1,
    name: `Scale: ${nodes.toLocaleString('en-US')} nodes, ${(nodes * ppn).toLocaleString('en-US')} pods`,
    description: 'A generated flat, routed cluster for scale testing.',
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters: [
      {
        name: 'big',
        network: 'network',
        ipFamilies: ['IPv4'],
        clusterCIDRs: [{ cidr: `10.0.0.0/${prefix}`, nodeMaskSize: 24 }],
        serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
        nodes: Array.from({ length: nodes }, (_, i) => ({
          name: nodeName(i),
          addresses: [
            { type: 'InternalIP' as const, address: ipString('IPv4', base + BigInt(i + 1)) },
          ],
        })),
        pods,
        services: Array.from({ length: nsvc }, (_, i) => ({
          name: `svc-${i + 1}`,
          type: i === 0 ? ('NodePort' as const) : ('ClusterIP' as const),
          selector: { app: `app-${i}` },
          ports: [{ port: 80, targetPort: 8080 }],
        })),
      },
    ],
    hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
  };
}
