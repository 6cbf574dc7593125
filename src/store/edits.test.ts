import { describe, expect, it } from 'vitest';
import { cidrContainsIp, cidrFrom, ipFrom } from '../core/model/cidr';
import { fillScenario } from '../core/model/ipam';
import type { Scenario } from '../core/model/schema';
import { islandTwoClusters, singleCluster } from '../lessons/presets/network-models';
import * as E from './edits';

function ok(r: E.EditResult): Scenario {
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}
const cluster = (s: Scenario, name = 'cluster') => s.clusters.find((c) => c.name === name);

describe('changing a cluster CIDR recomputes the addresses', () => {
  const s = ok(E.setClusterCIDR(singleCluster, 'cluster', 0, '10.1.0.0/16'));

  it('drops node ranges and pod IPs that no longer fit, for IPAM to refill', () => {
    const c = cluster(s);
    expect(c?.clusterCIDRs[0]?.cidr).toBe('10.1.0.0/16');
    for (const n of c?.nodes ?? []) expect(n.podCIDRs).toBeUndefined();
    for (const p of c?.pods ?? []) expect(p.podIPs).toBeUndefined();
  });

  it('after IPAM every node range and pod IP is inside the new block', () => {
    const filled = cluster(fillScenario(s).scenario);
    const block = cidrFrom('10.1.0.0/16');
    expect(block).not.toBeNull();
    for (const n of filled?.nodes ?? []) {
      const r = cidrFrom(n.podCIDRs?.[0] ?? '');
      expect(r && block && cidrContainsIp(block, { family: r.family, value: r.base })).toBe(true);
    }
    for (const p of filled?.pods ?? []) {
      const ip = ipFrom(p.podIPs?.[0] ?? '');
      expect(ip && block && cidrContainsIp(block, ip)).toBe(true);
    }
  });

  it('keeps what still fits', () => {
    const wider = ok(E.setClusterCIDR(singleCluster, 'cluster', 0, '10.0.0.0/15'));
    expect(cluster(wider)?.nodes[0]?.podCIDRs).toEqual(['10.0.1.0/24']);
    expect(cluster(wider)?.pods[0]?.podIPs).toEqual(['10.0.1.1']);
  });

  it('refuses text that is not a CIDR, without changing anything', () => {
    const r = E.setClusterCIDR(singleCluster, 'cluster', 0, '10.0.0.0/33');
    expect(r.ok).toBe(false);
  });
});

describe('node mask size', () => {
  it('drops ranges of the old size', () => {
    const s = ok(E.setNodeMaskSize(singleCluster, 'cluster', 0, 25));
    expect(cluster(s)?.nodes.every((n) => n.podCIDRs === undefined)).toBe(true);
    const filled = cluster(fillScenario(s).scenario);
    expect(filled?.nodes[0]?.podCIDRs?.[0]).toMatch(/\/25$/);
  });
});

describe('renames keep references consistent', () => {
  it('renaming a node moves its pods with it', () => {
    const r = E.renameNode(singleCluster, 'cluster', 'node1', 'worker-1');
    const s = ok(r);
    expect(r.ok && r.select).toBe('cluster/cluster/node/worker-1');
    expect(
      cluster(s)
        ?.pods.filter((p) => p.nodeName === 'worker-1')
        .map((p) => p.name),
    ).toEqual(['pod-a', 'pod-b']);
  });

  it('refuses names Kubernetes would refuse, and duplicates', () => {
    expect(E.renameNode(singleCluster, 'cluster', 'node1', 'Node_1').ok).toBe(false);
    expect(E.renameNode(singleCluster, 'cluster', 'node1', 'node2').ok).toBe(false);
    expect(E.renamePod(singleCluster, 'cluster', undefined, 'pod-a', 'pod-b').ok).toBe(false);
  });

  it('renaming a cluster updates archipelago membership', () => {
    const s: Scenario = { ...singleCluster, archipelagos: [{ name: 'a', clusters: ['cluster'] }] };
    const next = ok(E.renameCluster(s, 'cluster', 'east'));
    expect(next.archipelagos?.[0]?.clusters).toEqual(['east']);
  });
});

describe('add and remove', () => {
  it('adds a node with the next free InternalIP', () => {
    const r = E.addNode(singleCluster, 'cluster');
    const s = ok(r);
    const n = cluster(s)?.nodes[2];
    expect(n?.name).toBe('node3');
    expect(n?.addresses[0]?.address).toBe('10.240.0.3');
  });

  it('removing a node removes its pods', () => {
    const s = ok(E.removeNode(singleCluster, 'cluster', 'node2'));
    expect(cluster(s)?.pods.map((p) => p.name)).toEqual(['pod-a', 'pod-b']);
  });

  it('adds a Service that selects the pod', () => {
    const s = ok(E.addService(singleCluster, 'cluster', { name: 'pod-c' }));
    const v = cluster(s)?.services[0];
    expect(v?.selector).toEqual({ app: 'c' });
    expect(v?.type).toBe('ClusterIP');
  });

  it('adds a cluster with the next free /16', () => {
    const s = ok(E.addCluster(singleCluster));
    expect(s.clusters[1]?.clusterCIDRs[0]?.cidr).toBe('10.1.0.0/16');
    expect(s.clusters[1]?.network).toBe('network');
  });
});

describe('Service type and traffic policy', () => {
  const web = (s: Scenario) => cluster(s, 'c1')?.services.find((v) => v.name === 'web');

  it('going to ClusterIP drops the nodePorts and the traffic policy', () => {
    const s = ok(E.setServiceType(islandTwoClusters, 'c1', undefined, 'web', 'ClusterIP'));
    expect(web(s)?.type).toBe('ClusterIP');
    expect(web(s)?.ports.every((p) => p.nodePort === undefined)).toBe(true);
  });

  it('externalTrafficPolicy only applies to NodePort and LoadBalancer', () => {
    const s = ok(E.setTrafficPolicy(islandTwoClusters, 'c1', undefined, 'web', 'Local'));
    expect(web(s)?.externalTrafficPolicy).toBe('Local');
    const cip = ok(E.setServiceType(islandTwoClusters, 'c1', undefined, 'web', 'ClusterIP'));
    expect(E.setTrafficPolicy(cip, 'c1', undefined, 'web', 'Local').ok).toBe(false);
  });
});

describe('a service range change drops ClusterIPs outside it', () => {
  it('for IPAM to hand out new ones', () => {
    const s = ok(E.setServiceCIDR(islandTwoClusters, 'c1', 0, 0, '10.100.0.0/16'));
    expect(cluster(s, 'c1')?.services.every((v) => v.clusterIPs === undefined)).toBe(true);
    const filled = cluster(fillScenario(s).scenario, 'c1');
    expect(filled?.services[0]?.clusterIPs?.[0]).toMatch(/^10\.100\./);
  });
});
