/**
 * Drops with their reasons, and the less common paths: headless Services, hostNetwork pods,
 * UDP, picking a backend, an in-cluster ingress controller, a LoadBalancer with
 * externalTrafficPolicy Local, and the trace contract's bookkeeping (changed, connection).
 */
import { describe, expect, it } from 'vitest';
import { singleCluster } from '../../lessons/presets/network-models';
import type { Scenario } from '../model/schema';
import { indexScenario } from './scenario-index';
import { lines, noteOf, traceOf } from './testkit';
import { trace } from './trace';

/** Talk 003's one-cluster picture plus Services and an ingress controller (our additions). */
const base = singleCluster.clusters[0];
if (!base) throw new Error('singleCluster has a cluster');
const lab: Scenario = {
  ...singleCluster,
  clusters: [
    {
      ...base,
      nodes: [
        ...base.nodes,
        {
          name: 'node3',
          addresses: [{ type: 'InternalIP', address: '10.240.0.3' }],
          podCIDRs: ['10.0.3.0/24'],
        },
      ],
      pods: [
        ...base.pods.map((p) => ({
          ...p,
          labels: { ...p.labels, tier: 'web' },
          ports: [{ name: 'http', containerPort: 8080 }],
        })),
        {
          namespace: 'kube-system',
          name: 'coredns',
          nodeName: 'node2',
          podIPs: ['10.0.2.53'],
          labels: { k8s: 'dns' },
          ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
        },
        {
          name: 'metrics',
          nodeName: 'node1',
          hostNetwork: true,
          labels: { app: 'metrics' },
          ports: [{ containerPort: 9100 }],
        },
        {
          namespace: 'ingress',
          name: 'ingress-nginx',
          nodeName: 'node3',
          podIPs: ['10.0.3.7'],
          labels: { app: 'ingress-nginx' },
          ports: [{ containerPort: 80 }],
        },
      ],
      services: [
        {
          name: 'web',
          selector: { tier: 'web' },
          ports: [{ port: 80, targetPort: 'http' }],
          clusterIPs: ['10.96.0.20'],
        },
        {
          name: 'cd',
          selector: { app: 'c' },
          ports: [{ port: 80, targetPort: 8080 }],
          clusterIPs: ['10.96.0.21'],
        },
        {
          name: 'empty',
          selector: { app: 'nobody' },
          ports: [{ port: 80 }],
          clusterIPs: ['10.96.0.22'],
        },
        { name: 'peers', selector: { app: 'c' }, ports: [{ port: 8080 }], clusterIPs: ['None'] },
        {
          name: 'metrics',
          selector: { app: 'metrics' },
          ports: [{ port: 9100 }],
          clusterIPs: ['10.96.0.23'],
        },
        {
          namespace: 'kube-system',
          name: 'kube-dns',
          selector: { k8s: 'dns' },
          ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }],
          clusterIPs: ['10.96.0.10'],
        },
        {
          name: 'lb',
          type: 'LoadBalancer',
          externalTrafficPolicy: 'Local',
          selector: { app: 'c' },
          ports: [{ port: 443, targetPort: 8080, nodePort: 31443 }],
          clusterIPs: ['10.96.0.24'],
          loadBalancerIngress: ['203.0.113.10'],
        },
        {
          namespace: 'ingress',
          name: 'ingress-nginx',
          type: 'NodePort',
          selector: { app: 'ingress-nginx' },
          ports: [{ port: 80, nodePort: 30080 }],
          clusterIPs: ['10.96.0.25'],
        },
      ],
      ingresses: [
        {
          name: 'shop',
          controller: 'ingress/ingress-nginx',
          rules: [{ host: 'shop.example', paths: [{ path: '/', service: 'cd', port: 80 }] }],
        },
      ],
    },
  ],
};

describe('drops, each with its reason', () => {
  it('no endpoints: kube-proxy rejects a Service that selects no pod', () => {
    const t = traceOf(lab, 'pod/pod-a', 'svc/empty:80');
    expect(t.reason).toBe('no endpoints');
    expect(lines(t.hops).at(-1)).toBe('node/node1 drop 10.0.1.1:43512 > 10.96.0.22:80');
  });

  it('port not exposed: a Service port that does not exist, a node port nothing uses', () => {
    expect(traceOf(lab, 'pod/pod-a', '10.96.0.20:81').reason).toBe('port not exposed');
    const t = traceOf(lab, '198.51.100.7', 'node/node2:30099');
    expect(t.reason).toBe('port not exposed');
    expect(noteOf(t.hops, 'drop')).toContain('no NodePort, HostPort or hostNetwork pod');
  });

  it('no route: an address in a node pod range that no pod holds, or in no node range', () => {
    const a = traceOf(lab, 'pod/pod-a', '10.0.2.99');
    expect(a.reason).toBe('no route');
    expect(lines(a.hops).at(-1)).toBe('node/node2 drop 10.0.1.1:43512 > 10.0.2.99:80');
    const b = traceOf(lab, 'pod/pod-a', '10.0.9.9');
    expect(b.reason).toBe('no route');
    expect(noteOf(b.hops, 'drop')).toContain('no node has the pod range');
    expect(traceOf(lab, 'pod/pod-a', '10.96.0.99:80').reason).toBe('no route');
  });

  it('an unknown object is an invalid flow, never an exception', () => {
    const t = trace(lab, {
      from: { kind: 'pod', name: 'ghost' },
      to: { kind: 'pod', name: 'pod-a' },
    });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toMatch(/^invalid flow: no pod "ghost"/);
    expect(t.hops).toEqual([]);
    const s = trace(lab, {
      from: { kind: 'svc', name: 'web' },
      to: { kind: 'pod', name: 'pod-a' },
    });
    expect(s.reason).toMatch(/^invalid flow: a Service cannot be the source/);
  });
});

describe('Service variants', () => {
  it('a named targetPort resolves per pod ("http" is 8080)', () => {
    const t = traceOf(lab, 'pod/pod-a', 'svc/cd:80');
    expect(lines(t.hops)[2]).toBe('node/node1 dnat 10.0.1.1:43512 > 10.0.2.1:8080');
  });

  it("--endpoint picks the backend in the Service's order, wrapping around", () => {
    const dst = (n: number) =>
      traceOf(lab, 'pod/pod-d', 'svc/web:80', { endpoint: n }).hops.at(-1)?.at;
    expect([0, 1, 2, 3, 4].map(dst)).toEqual([
      'pod/pod-a',
      'pod/pod-b',
      'pod/pod-c',
      'pod/pod-d',
      'pod/pod-a',
    ]);
    expect(noteOf(traceOf(lab, 'pod/pod-d', 'svc/web:80').hops, 'dnat')).toContain(
      'backend 1 of 4',
    );
  });

  it('headless: DNS answers with pod IPs and nothing is NATed', () => {
    const t = traceOf(lab, 'pod/pod-a', 'svc/peers:8080');
    expect(lines(t.hops)).toEqual([
      'dns/kube-dns dns 10.0.1.1:43512 > 10.0.2.1:8080',
      'pod/pod-a send 10.0.1.1:43512 > 10.0.2.1:8080',
      'node/node1 route 10.0.1.1:43512 > 10.0.2.1:8080',
      'node/node2 route 10.0.1.1:43512 > 10.0.2.1:8080',
      'pod/pod-c deliver 10.0.1.1:43512 > 10.0.2.1:8080',
    ]);
    expect(noteOf(t.hops, 'dns')).toContain('headless');
  });

  it('UDP to kube-dns 10.96.0.10:53; the same port over TCP is not exposed', () => {
    const t = traceOf(lab, 'pod/pod-a', '10.96.0.10:53', { protocol: 'UDP' });
    expect(t.verdict).toBe('delivered');
    expect(lines(t.hops)[1]).toBe('node/node1 dnat 10.0.1.1:43512 > 10.0.2.53:53');
    expect(t.hops.every((h) => h.packet.protocol === 'UDP')).toBe(true);
    expect(traceOf(lab, 'pod/pod-a', '10.96.0.10:53').reason).toBe('port not exposed');
  });

  it("a hostNetwork backend is reached on its node's IP (flat model: the pod IP is kept)", () => {
    const t = traceOf(lab, 'pod/pod-c', 'svc/metrics:9100');
    expect(lines(t.hops).slice(2)).toEqual([
      'node/node2 dnat 10.0.2.1:43512 > 10.240.0.1:9100',
      'node/node2 route 10.0.2.1:43512 > 10.240.0.1:9100',
      'node/node1 route 10.0.2.1:43512 > 10.240.0.1:9100',
      'pod/metrics deliver 10.0.2.1:43512 > 10.240.0.1:9100',
    ]);
  });

  it("a hostNetwork pod as a destination answers on its node's address, no NAT", () => {
    const t = traceOf(lab, 'node/node2', 'pod/metrics');
    expect(lines(t.hops)).toEqual([
      'node/node2 send 10.240.0.2:43512 > 10.240.0.1:9100',
      'node/node2 route 10.240.0.2:43512 > 10.240.0.1:9100',
      'node/node1 route 10.240.0.2:43512 > 10.240.0.1:9100',
      'pod/metrics deliver 10.240.0.2:43512 > 10.240.0.1:9100',
    ]);
  });
});

describe('load balancer with externalTrafficPolicy Local', () => {
  it('health checks steer it to the node with the endpoint; the client IP is kept', () => {
    const t = traceOf(lab, '198.51.100.7', 'lb/lb:443');
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 203.0.113.10:443',
      'router/internet route 198.51.100.7:43512 > 203.0.113.10:443',
      'loadbalancer/lb route 198.51.100.7:43512 > 203.0.113.10:443',
      'node/node2 dnat 198.51.100.7:43512 > 10.0.2.1:8080',
      'pod/pod-c deliver 198.51.100.7:43512 > 10.0.2.1:8080',
    ]);
  });

  it('a pod reaching the load-balancer IP is short-circuited by kube-proxy on its own node', () => {
    const t = traceOf(lab, 'pod/pod-c', '203.0.113.10:443');
    expect(t.hops.some((h) => h.kind === 'loadbalancer')).toBe(false);
    expect(lines(t.hops)[1]).toBe('node/node2 dnat 10.0.2.1:43512 > 10.0.2.1:8080');
  });
});

describe('an L4 entry feeding an L7 proxy inside the cluster (talk 003 slide 52)', () => {
  it('NodePort to the ingress-nginx pod, which proxies to pod-c from its own pod IP', () => {
    const t = traceOf(lab, '198.51.100.7', 'node/node1:30080', { host: 'shop.example' });
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 10.240.0.1:30080',
      'router/internet route 198.51.100.7:43512 > 10.240.0.1:30080',
      'node/node1 dnat 198.51.100.7:43512 > 10.0.3.7:80',
      'node/node1 snat 10.240.0.1:43512 > 10.0.3.7:80',
      'node/node1 route 10.240.0.1:43512 > 10.0.3.7:80',
      'node/node3 route 10.240.0.1:43512 > 10.0.3.7:80',
      'pod/ingress/ingress-nginx proxy 10.0.3.7:40180 > 10.0.2.1:8080',
      'node/node3 route 10.0.3.7:40180 > 10.0.2.1:8080',
      'node/node2 route 10.0.3.7:40180 > 10.0.2.1:8080',
      'pod/pod-c deliver 10.0.3.7:40180 > 10.0.2.1:8080',
    ]);
    expect(t.hops.map((h) => h.connection)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
  });
});

describe('the contract', () => {
  it('every hop says which header fields it changed', () => {
    const t = traceOf(lab, '198.51.100.7', 'node/node1:30080', { host: 'shop.example' });
    expect(t.hops.map((h) => h.changed)).toEqual([
      [],
      [],
      ['dst', 'dstPort'],
      ['src'],
      [],
      [],
      ['src', 'srcPort', 'dst', 'dstPort'],
      [],
      [],
      [],
    ]);
  });

  it('is deterministic and indexes a scenario once', () => {
    const a = traceOf(lab, 'pod/pod-a', 'svc/web:80');
    const b = traceOf(lab, 'pod/pod-a', 'svc/web:80');
    expect(b).toEqual(a);
    expect(indexScenario(lab)).toBe(indexScenario(lab));
  });

  it('skips the reply when asked', () => {
    const t = trace(
      lab,
      { from: { kind: 'pod', name: 'pod-a' }, to: { kind: 'pod', name: 'pod-b' } },
      { reply: false },
    );
    expect(t.verdict).toBe('delivered');
    expect(t.reply).toBeNull();
  });
});
