/**
 * Golden paths for "Kubernetes Network Models" (talk 003): two clusters and the outside host
 * "other" (10.128.1.1) under each model, each gateway kind, and SNAT egress.
 */
import { describe, expect, it } from 'vitest';
import {
  airGappedTwoClusters,
  archipelagoClusters,
  flatTwoClusters,
  islandTwoClusters,
  singleCluster,
} from '../../lessons/presets/network-models';
import type { Scenario } from '../model/schema';
import { lines, noteOf, traceOf } from './testkit';

describe('flat (slides 24-27): pod IPs are routable on the whole network', () => {
  it('c1 pod-a reaches c2 pod-c (10.1.2.1) directly, no NAT either way', () => {
    const t = traceOf(flatTwoClusters, 'c1:pod/pod-a', 'c2:pod/pod-c');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.1.2.1:8080',
      'c1:node/node1 route 10.0.1.1:43512 > 10.1.2.1:8080',
      'router/network route 10.0.1.1:43512 > 10.1.2.1:8080',
      'c2:node/node2 route 10.0.1.1:43512 > 10.1.2.1:8080',
      'c2:pod/pod-c deliver 10.0.1.1:43512 > 10.1.2.1:8080',
    ]);
    expect(noteOf(t.hops, 'route', 'router/network')).toContain('route 10.1.2.0/24 via 10.240.0.4');
    expect(noteOf(t.reply, 'route', 'router/network')).toContain(
      'route 10.0.1.0/24 via 10.240.0.1',
    );
    expect(t.hops.some((h) => h.action === 'snat' || h.action === 'dnat')).toBe(false);
  });

  it('"other" reaches a pod directly, and a pod reaches "other" without masquerade', () => {
    const inbound = traceOf(flatTwoClusters, 'host/other', 'c2:pod/pod-a');
    expect(lines(inbound.hops)).toEqual([
      'host/other send 10.128.1.1:43512 > 10.1.1.1:80',
      'router/network route 10.128.1.1:43512 > 10.1.1.1:80',
      'c2:node/node1 route 10.128.1.1:43512 > 10.1.1.1:80',
      'c2:pod/pod-a deliver 10.128.1.1:43512 > 10.1.1.1:80',
    ]);
    const out = traceOf(flatTwoClusters, 'c1:pod/pod-a', 'host/other');
    expect(lines(out.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.128.1.1:80',
      'c1:node/node1 route 10.0.1.1:43512 > 10.128.1.1:80',
      'router/network route 10.0.1.1:43512 > 10.128.1.1:80',
      'host/other deliver 10.0.1.1:43512 > 10.128.1.1:80',
    ]);
    expect(noteOf(out.hops, 'route', 'c1:node/node1')).toContain('no SNAT');
  });

  it('the one-cluster reference picture (slides 7-20): pod-a to other keeps the pod IP', () => {
    const t = traceOf(singleCluster, 'pod/pod-a', 'host/other');
    expect(t.hops.at(-1)?.packet.src).toBe('10.0.1.1');
  });

  it('overlapping pod IPs on a flat network make the destination ambiguous', () => {
    const twins: Scenario = {
      ...flatTwoClusters,
      clusters: [flatTwoClusters.clusters[0], airGappedTwoClusters.clusters[1]].flatMap((c) =>
        c ? [{ ...c, network: 'network' }] : [],
      ),
    };
    const t = traceOf(twins, 'host/other', '10.0.1.1');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('ambiguous destination: addresses overlap');
    expect(lines(t.hops).at(-1)).toBe('router/network drop 10.128.1.1:43512 > 10.0.1.1:80');
  });
});

describe('air-gapped (slides 28-35): nothing crosses a cluster edge', () => {
  it('inside one cluster everything works as usual', () => {
    const t = traceOf(airGappedTwoClusters, 'c2:pod/pod-a', 'c2:svc/web:80');
    expect(t.verdict).toBe('delivered');
    expect(t.hops.at(-1)?.at).toBe('c2:pod/pod-c');
  });

  it('a pod cannot reach "other": dropped at the edge', () => {
    const t = traceOf(airGappedTwoClusters, 'c1:pod/pod-a', 'host/other');
    expect(t.reason).toBe('air-gapped edge');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.128.1.1:80',
      'c1:node/node1 snat 10.240.0.1:43512 > 10.128.1.1:80',
      'router/network-1 drop 10.240.0.1:43512 > 10.128.1.1:80',
    ]);
  });

  it('"other" cannot reach a node either (node IPs are reused too)', () => {
    const t = traceOf(airGappedTwoClusters, 'host/other', 'c1:node/node1:30080');
    expect(t.reason).toBe('air-gapped edge');
    expect(t.hops.at(-1)?.at).toBe('router/network');
  });

  it("c1 to c2: the same address means c1's own pod, and c2 is out of reach", () => {
    const t = traceOf(airGappedTwoClusters, 'c1:pod/pod-a', 'c2:pod/pod-c');
    expect(t.reason).toBe('air-gapped edge');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.0.2.1:8080',
      'c1:node/node1 drop 10.0.1.1:43512 > 10.0.2.1:8080',
    ]);
  });
});

describe('island (slides 36-72): gateways in, masquerade out', () => {
  it("egress: pod-a to other is masqueraded to node1's IP (slides 53-58), and un-SNATed on the reply", () => {
    const t = traceOf(islandTwoClusters, 'c1:pod/pod-a', 'host/other');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.128.1.1:80',
      'c1:node/node1 snat 10.240.0.1:43512 > 10.128.1.1:80',
      'router/network route 10.240.0.1:43512 > 10.128.1.1:80',
      'host/other deliver 10.240.0.1:43512 > 10.128.1.1:80',
    ]);
    expect(lines(t.reply)).toEqual([
      'host/other send 10.128.1.1:80 > 10.240.0.1:43512',
      'router/network route 10.128.1.1:80 > 10.240.0.1:43512',
      'c1:node/node1 snat 10.128.1.1:80 > 10.0.1.1:43512',
      'c1:pod/pod-a deliver 10.128.1.1:80 > 10.0.1.1:43512',
    ]);
  });

  it('pod IPs are private: other cannot reach a pod directly', () => {
    const t = traceOf(islandTwoClusters, 'host/other', 'c2:pod/pod-a');
    expect(t.reason).toBe('no route');
    expect(lines(t.hops).at(-1)).toBe('router/network drop 10.128.1.1:43512 > 10.0.1.1:80');
  });

  it("reused pod IPs: from c1, 10.0.2.1 is c1's own pod-c, so c2's pod-c is not reachable directly", () => {
    const t = traceOf(islandTwoClusters, 'c1:pod/pod-a', 'c2:pod/pod-c');
    expect(t.reason).toBe('ambiguous destination: addresses overlap');
    expect(noteOf(t.hops, 'drop')).toContain('gateways');
  });

  it('a ClusterIP is never reachable from outside its cluster', () => {
    const t = traceOf(islandTwoClusters, 'host/other', '10.96.0.20:80');
    expect(t.reason).toBe('no route');
    expect(noteOf(t.hops, 'drop')).toContain('ClusterIP');
  });

  it('gateway "nodes": c1 pod-a to c2 NodePort 30080 is SNATed out of c1, DNATed by port and SNATed in c2', () => {
    const t = traceOf(islandTwoClusters, 'c1:pod/pod-a', 'c2:node/node1:30080');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.240.0.3:30080',
      'c1:node/node1 snat 10.240.0.1:43512 > 10.240.0.3:30080',
      'router/network route 10.240.0.1:43512 > 10.240.0.3:30080',
      'c2:node/node1 dnat 10.240.0.1:43512 > 10.0.2.1:8080',
      'c2:node/node1 snat 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:node/node1 route 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:node/node2 route 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:pod/pod-c deliver 10.240.0.3:43512 > 10.0.2.1:8080',
    ]);
    expect(lines(t.reply)).toEqual([
      'c2:pod/pod-c send 10.0.2.1:8080 > 10.240.0.3:43512',
      'c2:node/node2 route 10.0.2.1:8080 > 10.240.0.3:43512',
      'c2:node/node1 snat 10.0.2.1:8080 > 10.240.0.1:43512',
      'c2:node/node1 dnat 10.240.0.3:30080 > 10.240.0.1:43512',
      'c2:node/node1 route 10.240.0.3:30080 > 10.240.0.1:43512',
      'router/network route 10.240.0.3:30080 > 10.240.0.1:43512',
      'c1:node/node1 snat 10.240.0.3:30080 > 10.0.1.1:43512',
      'c1:pod/pod-a deliver 10.240.0.3:30080 > 10.0.1.1:43512',
    ]);
  });

  it('gateway "nodes" with externalTrafficPolicy Local: kept client IP on node2, dropped on node1', () => {
    const ok = traceOf(islandTwoClusters, 'host/other', 'c2:node/node2:30081');
    expect(lines(ok.hops)).toEqual([
      'host/other send 10.128.1.1:43512 > 10.240.0.4:30081',
      'router/network route 10.128.1.1:43512 > 10.240.0.4:30081',
      'c2:node/node2 dnat 10.128.1.1:43512 > 10.0.2.1:8080',
      'c2:pod/pod-c deliver 10.128.1.1:43512 > 10.0.2.1:8080',
    ]);
    const no = traceOf(islandTwoClusters, 'host/other', 'c2:node/node1:30081');
    expect(no.reason).toBe('traffic policy Local: no local endpoint');
  });

  it('gateway "vip" (slides 62-65): the node picks the Service by destination IP', () => {
    const t = traceOf(islandTwoClusters, 'host/other', 'gw/vip:80');
    expect(lines(t.hops)).toEqual([
      'host/other send 10.128.1.1:43512 > 10.240.0.100:80',
      'router/network route 10.128.1.1:43512 > 10.240.0.100:80',
      'c2:gateway/vip route 10.128.1.1:43512 > 10.240.0.100:80',
      'c2:node/node1 dnat 10.128.1.1:43512 > 10.0.2.1:8080',
      'c2:node/node1 snat 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:node/node1 route 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:node/node2 route 10.240.0.3:43512 > 10.0.2.1:8080',
      'c2:pod/pod-c deliver 10.240.0.3:43512 > 10.0.2.1:8080',
    ]);
    expect(noteOf(t.hops, 'dnat')).toContain('by destination IP');
    expect(lines(t.reply).at(-1)).toBe('host/other deliver 10.240.0.100:80 > 10.128.1.1:43512');
  });

  it('gateway "proxy" (slides 66-70): straight to pod IPs; the backend sees the proxy', () => {
    const t = traceOf(islandTwoClusters, 'host/other', 'gw/proxy:80', { host: 'web.example.com' });
    expect(lines(t.hops)).toEqual([
      'host/other send 10.128.1.1:43512 > 10.240.0.200:80',
      'router/network route 10.128.1.1:43512 > 10.240.0.200:80',
      'c2:proxy/proxy proxy 10.240.0.200:40180 > 10.0.2.1:8080',
      'c2:node/node2 route 10.240.0.200:40180 > 10.0.2.1:8080',
      'c2:pod/pod-c deliver 10.240.0.200:40180 > 10.0.2.1:8080',
    ]);
    expect(noteOf(t.hops, 'proxy')).toContain('X-Forwarded-For');
  });

  it('gateway "proxy" to a NodePort: the proxy connects to the node, which DNATs (and SNATs, policy Cluster)', () => {
    const viaNodePort: Scenario = {
      ...islandTwoClusters,
      clusters: islandTwoClusters.clusters.map((c) => ({
        ...c,
        gateways: (c.gateways ?? []).map((g) =>
          g.kind === 'proxy' ? { ...g, upstream: 'nodePort' as const } : g,
        ),
      })),
    };
    const t = traceOf(viaNodePort, 'host/other', 'gw/proxy:80');
    expect(lines(t.hops)).toEqual([
      'host/other send 10.128.1.1:43512 > 10.240.0.200:80',
      'router/network route 10.128.1.1:43512 > 10.240.0.200:80',
      'c2:proxy/proxy proxy 10.240.0.200:40180 > 10.240.0.3:30080',
      'c2:node/node1 dnat 10.240.0.200:40180 > 10.0.2.1:8080',
      'c2:node/node1 snat 10.240.0.3:40180 > 10.0.2.1:8080',
      'c2:node/node1 route 10.240.0.3:40180 > 10.0.2.1:8080',
      'c2:node/node2 route 10.240.0.3:40180 > 10.0.2.1:8080',
      'c2:pod/pod-c deliver 10.240.0.3:40180 > 10.0.2.1:8080',
    ]);
  });

  it('without masquerade the request arrives but the reply has no way back', () => {
    const noMasq: Scenario = {
      ...islandTwoClusters,
      clusters: islandTwoClusters.clusters.map((c) => ({ ...c, masquerade: { enabled: false } })),
    };
    const t = traceOf(noMasq, 'c1:pod/pod-a', 'host/other');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('no route back');
    expect(lines(t.hops).at(-1)).toBe('host/other deliver 10.0.1.1:43512 > 10.128.1.1:80');
    expect(lines(t.reply)).toEqual([
      'host/other send 10.128.1.1:80 > 10.0.1.1:43512',
      'router/network drop 10.128.1.1:80 > 10.0.1.1:43512',
    ]);
  });

  it('nonMasqueradeCIDRs (ip-masq-agent) exempt a destination from SNAT', () => {
    const exempt: Scenario = {
      ...islandTwoClusters,
      clusters: islandTwoClusters.clusters.map((c) => ({
        ...c,
        masquerade: { enabled: true, nonMasqueradeCIDRs: ['10.128.0.0/16'] },
      })),
    };
    const t = traceOf(exempt, 'c1:pod/pod-a', 'host/other');
    expect(t.hops.some((h) => h.action === 'snat')).toBe(false);
    expect(noteOf(t.hops, 'route', 'c1:node/node1')).toContain('non-masquerade');
  });
});

describe('archipelago (slides 73-78): flat inside, island between', () => {
  it('c1 to c2 (one archipelago): direct, no SNAT', () => {
    const t = traceOf(archipelagoClusters, 'c1:pod/pod-a', 'c2:pod/pod-c');
    expect(lines(t.hops)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.1.2.1:8080',
      'c1:node/node1 route 10.0.1.1:43512 > 10.1.2.1:8080',
      'router/network route 10.0.1.1:43512 > 10.1.2.1:8080',
      'c2:node/node2 route 10.0.1.1:43512 > 10.1.2.1:8080',
      'c2:pod/pod-c deliver 10.0.1.1:43512 > 10.1.2.1:8080',
    ]);
    expect(noteOf(t.hops, 'route', 'c1:node/node1')).toContain('archipelago-1');
  });

  it("c1 to c3 (another archipelago): only through c3's NodePort, SNATed on the way out", () => {
    const t = traceOf(archipelagoClusters, 'c1:pod/pod-a', 'c3:node/node1:30080');
    expect(lines(t.hops).slice(0, 5)).toEqual([
      'c1:pod/pod-a send 10.0.1.1:43512 > 10.240.0.5:30080',
      'c1:node/node1 snat 10.240.0.1:43512 > 10.240.0.5:30080',
      'router/network route 10.240.0.1:43512 > 10.240.0.5:30080',
      'c3:node/node1 dnat 10.240.0.1:43512 > 10.0.2.1:8080',
      'c3:node/node1 snat 10.240.0.5:43512 > 10.0.2.1:8080',
    ]);
    expect(t.hops.at(-1)?.at).toBe('c3:pod/pod-c');
  });

  it("c2 to c3 pod-d directly: its address 10.0.2.2 is c1's pod-d inside archipelago-1, never c3's", () => {
    const t = traceOf(archipelagoClusters, 'c2:pod/pod-a', 'c3:pod/pod-d');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('ambiguous destination: addresses overlap');
    expect(noteOf(t.hops, 'drop')).toContain("c1's pod pod-d");
    expect(t.hops.some((h) => h.at.startsWith('c3:'))).toBe(false);
  });

  it('"other" is outside every archipelago: no route to pods, SNAT on the way out', () => {
    expect(traceOf(archipelagoClusters, 'host/other', 'c1:pod/pod-a').reason).toBe('no route');
    const out = traceOf(archipelagoClusters, 'c2:pod/pod-a', 'host/other');
    expect(lines(out.hops)[1]).toBe('c2:node/node1 snat 10.240.0.3:43512 > 10.128.1.1:80');
  });
});
