/**
 * Golden paths on the Weave talk's own numbers (talk 004, "Kubernetes Networking"): pod foo
 * 10.20.30.42:80 on node 192.1.6.4, pod 10.20.9.1 on 192.1.6.3, ClusterIP 100.96.0.30,
 * NodePort 30021, HostPort 8080, routes "10.20.30.0/24 via 192.1.6.4" / "10.20.9.0/24 via
 * 192.1.6.3", overlay outer 192.1.6.3 -> 192.1.6.4 around inner 10.20.9.1 -> 10.20.30.42.
 */
import { describe, expect, it } from 'vitest';
import { weaveOverlay, weaveRouted } from '../../lessons/presets/weave';
import type { Scenario } from '../model/schema';
import { lines, noteOf, traceOf } from './testkit';

const client = '198.51.100.7';

describe('pod to pod across nodes (talk 004 slides 17-20)', () => {
  it('routed: the node routes "10.20.30.0/24 via 192.1.6.4" and pod IPs stay on the wire', () => {
    const t = traceOf(weaveRouted, 'pod/bar', 'pod/foo');
    expect(t.verdict).toBe('delivered');
    expect(lines(t.hops)).toEqual([
      'pod/bar send 10.20.9.1:43512 > 10.20.30.42:80',
      'node/node1 route 10.20.9.1:43512 > 10.20.30.42:80',
      'node/node2 route 10.20.9.1:43512 > 10.20.30.42:80',
      'pod/foo deliver 10.20.9.1:43512 > 10.20.30.42:80',
    ]);
    expect(noteOf(t.hops, 'route', 'node/node1')).toContain('route 10.20.30.0/24 via 192.1.6.4');
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 10.20.9.1:43512',
      'node/node2 route 10.20.30.42:80 > 10.20.9.1:43512',
      'node/node1 route 10.20.30.42:80 > 10.20.9.1:43512',
      'pod/bar deliver 10.20.30.42:80 > 10.20.9.1:43512',
    ]);
    expect(noteOf(t.reply, 'route', 'node/node2')).toContain('route 10.20.9.0/24 via 192.1.6.3');
    expect(t.hops.every((h) => h.connection === 1 && h.packet.outer === null)).toBe(true);
  });

  it('overlay: outer 192.1.6.3 -> 192.1.6.4 around inner 10.20.9.1 -> 10.20.30.42, decapsulated on arrival', () => {
    const t = traceOf(weaveOverlay, 'pod/bar', 'pod/foo');
    expect(lines(t.hops)).toEqual([
      'pod/bar send 10.20.9.1:43512 > 10.20.30.42:80',
      'node/node1 encap 10.20.9.1:43512 > 10.20.30.42:80 [192.1.6.3 > 192.1.6.4]',
      'node/node2 decap 10.20.9.1:43512 > 10.20.30.42:80',
      'pod/foo deliver 10.20.9.1:43512 > 10.20.30.42:80',
    ]);
    expect(t.hops.map((h) => h.changed)).toEqual([[], ['outer'], ['outer'], []]);
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 10.20.9.1:43512',
      'node/node2 encap 10.20.30.42:80 > 10.20.9.1:43512 [192.1.6.4 > 192.1.6.3]',
      'node/node1 decap 10.20.30.42:80 > 10.20.9.1:43512',
      'pod/bar deliver 10.20.30.42:80 > 10.20.9.1:43512',
    ]);
  });

  it('on one node: straight from veth to veth, no NAT', () => {
    const t = traceOf(weaveRouted, 'pod/bar', 'pod/s1-backend');
    expect(lines(t.hops)).toEqual([
      'pod/bar send 10.20.9.1:43512 > 10.20.9.2:80',
      'node/node1 route 10.20.9.1:43512 > 10.20.9.2:80',
      'pod/s1-backend deliver 10.20.9.1:43512 > 10.20.9.2:80',
    ]);
    expect(noteOf(t.hops, 'route')).toContain('own pod range 10.20.9.0/24');
  });
});

describe('pod to Service (talk 004 slide 16: kube-dns, kube-proxy 100.96.0.30 -> 10.20.30.42)', () => {
  it('by name: DNS gives the ClusterIP, kube-proxy on the client node DNATs, the source stays the pod', () => {
    const t = traceOf(weaveRouted, 'pod/bar', 'svc/foo:80');
    expect(lines(t.hops)).toEqual([
      'dns/cluster-dns dns 10.20.9.1:43512 > 100.96.0.30:80',
      'pod/bar send 10.20.9.1:43512 > 100.96.0.30:80',
      'node/node1 dnat 10.20.9.1:43512 > 10.20.30.42:80',
      'node/node1 route 10.20.9.1:43512 > 10.20.30.42:80',
      'node/node2 route 10.20.9.1:43512 > 10.20.30.42:80',
      'pod/foo deliver 10.20.9.1:43512 > 10.20.30.42:80',
    ]);
    expect(noteOf(t.hops, 'dns')).toContain('A 100.96.0.30');
    expect(noteOf(t.hops, 'dnat')).toBe(
      'kube-proxy on node1 DNATs 100.96.0.30:80 (Service foo) to foo 10.20.30.42:80.',
    );
    expect(t.hops[2]?.changed).toEqual(['dst']);
    // The reply is un-DNATed on node1: the client sees the address it connected to.
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 10.20.9.1:43512',
      'node/node2 route 10.20.30.42:80 > 10.20.9.1:43512',
      'node/node1 dnat 100.96.0.30:80 > 10.20.9.1:43512',
      'node/node1 route 100.96.0.30:80 > 10.20.9.1:43512',
      'pod/bar deliver 100.96.0.30:80 > 10.20.9.1:43512',
    ]);
  });

  it('the ClusterIP never travels beyond the client node', () => {
    for (const s of [weaveRouted, weaveOverlay]) {
      const t = traceOf(s, 'pod/bar', 'svc/foo:80');
      const carrying = [...t.hops, ...(t.reply ?? [])]
        .filter((h) => h.packet.dst === '100.96.0.30' || h.packet.src === '100.96.0.30')
        .map((h) => h.at);
      expect(new Set(carrying)).toEqual(new Set(['dns/cluster-dns', 'pod/bar', 'node/node1']));
    }
  });

  it('by ClusterIP: no DNS hop, the same DNAT', () => {
    const t = traceOf(weaveRouted, 'pod/bar', '100.96.0.30:80');
    expect(lines(t.hops).slice(0, 2)).toEqual([
      'pod/bar send 10.20.9.1:43512 > 100.96.0.30:80',
      'node/node1 dnat 10.20.9.1:43512 > 10.20.30.42:80',
    ]);
    expect(t.hops.some((h) => h.action === 'dns')).toBe(false);
  });

  it('hairpin: foo reaching its own Service is masqueraded to the node IP (proxier.go KUBE-SEP "-s <endpoint> -j KUBE-MARK-MASQ")', () => {
    const t = traceOf(weaveRouted, 'pod/foo', 'svc/foo:80');
    expect(lines(t.hops)).toEqual([
      'dns/cluster-dns dns 10.20.30.42:43512 > 100.96.0.30:80',
      'pod/foo send 10.20.30.42:43512 > 100.96.0.30:80',
      'node/node2 dnat 10.20.30.42:43512 > 10.20.30.42:80',
      'node/node2 snat 192.1.6.4:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.4:43512 > 10.20.30.42:80',
    ]);
    expect(noteOf(t.hops, 'snat')).toContain('KUBE-MARK-MASQ');
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 192.1.6.4:43512',
      'node/node2 snat 10.20.30.42:80 > 10.20.30.42:43512',
      'node/node2 dnat 100.96.0.30:80 > 10.20.30.42:43512',
      'pod/foo deliver 100.96.0.30:80 > 10.20.30.42:43512',
    ]);
  });
});

describe('the node as the source (agents on a node reach pods)', () => {
  it('node to pod: the source is the node IP', () => {
    const t = traceOf(weaveRouted, 'node/node1', 'pod/foo');
    expect(lines(t.hops)).toEqual([
      'node/node1 send 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node1 route 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node2 route 192.1.6.3:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.3:43512 > 10.20.30.42:80',
    ]);
  });

  it('node to ClusterIP: kube-proxy DNATs in OUTPUT, the source is the node', () => {
    const t = traceOf(weaveRouted, 'node/node1', '100.96.0.30:80');
    expect(lines(t.hops)).toEqual([
      'node/node1 send 192.1.6.3:43512 > 100.96.0.30:80',
      'node/node1 dnat 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node1 route 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node2 route 192.1.6.3:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.3:43512 > 10.20.30.42:80',
    ]);
    expect(lines(t.reply).slice(-2)).toEqual([
      'node/node1 dnat 100.96.0.30:80 > 192.1.6.3:43512',
      'node/node1 deliver 100.96.0.30:80 > 192.1.6.3:43512',
    ]);
  });
});

describe('NodePort 30021 (talk 004 slide 23; docs "Using Source IP")', () => {
  it('on the node that runs foo: DNAT, and with externalTrafficPolicy Cluster also SNAT to the node', () => {
    const t = traceOf(weaveRouted, client, 'node/node2:30021');
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 192.1.6.4:30021',
      'router/internet route 198.51.100.7:43512 > 192.1.6.4:30021',
      'node/node2 dnat 198.51.100.7:43512 > 10.20.30.42:80',
      'node/node2 snat 192.1.6.4:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.4:43512 > 10.20.30.42:80',
    ]);
    expect(noteOf(t.hops, 'dnat')).toContain('NodePort 30021/TCP of Service foo');
  });

  it('on the other node: the packet bounces to node2, SNATed by the receiving node1', () => {
    const t = traceOf(weaveRouted, client, 'node/node1:30021');
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 192.1.6.3:30021',
      'router/internet route 198.51.100.7:43512 > 192.1.6.3:30021',
      'node/node1 dnat 198.51.100.7:43512 > 10.20.30.42:80',
      'node/node1 snat 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node1 route 192.1.6.3:43512 > 10.20.30.42:80',
      'node/node2 route 192.1.6.3:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.3:43512 > 10.20.30.42:80',
    ]);
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 192.1.6.3:43512',
      'node/node2 route 10.20.30.42:80 > 192.1.6.3:43512',
      'node/node1 snat 10.20.30.42:80 > 198.51.100.7:43512',
      'node/node1 dnat 192.1.6.3:30021 > 198.51.100.7:43512',
      'node/node1 route 192.1.6.3:30021 > 198.51.100.7:43512',
      'router/internet route 192.1.6.3:30021 > 198.51.100.7:43512',
      'host/198.51.100.7 deliver 192.1.6.3:30021 > 198.51.100.7:43512',
    ]);
  });

  it('over the overlay the bounce is encapsulated between the node IPs', () => {
    const t = traceOf(weaveOverlay, client, 'node/node1:30021');
    expect(lines(t.hops).slice(4)).toEqual([
      'node/node1 encap 192.1.6.3:43512 > 10.20.30.42:80 [192.1.6.3 > 192.1.6.4]',
      'node/node2 decap 192.1.6.3:43512 > 10.20.30.42:80',
      'pod/foo deliver 192.1.6.3:43512 > 10.20.30.42:80',
    ]);
  });

  const local: Scenario = {
    ...weaveRouted,
    clusters: weaveRouted.clusters.map((c) => ({
      ...c,
      services: c.services.map((s) =>
        s.name === 'foo' ? { ...s, externalTrafficPolicy: 'Local' as const } : s,
      ),
    })),
  };

  it('externalTrafficPolicy Local: the client IP is kept on the node with the endpoint', () => {
    const t = traceOf(local, client, 'node/node2:30021');
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 192.1.6.4:30021',
      'router/internet route 198.51.100.7:43512 > 192.1.6.4:30021',
      'node/node2 dnat 198.51.100.7:43512 > 10.20.30.42:80',
      'pod/foo deliver 198.51.100.7:43512 > 10.20.30.42:80',
    ]);
  });

  it('externalTrafficPolicy Local: a node with no local endpoint drops (service.md: "does not forward any traffic")', () => {
    const t = traceOf(local, client, 'node/node1:30021');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('traffic policy Local: no local endpoint');
    expect(lines(t.hops).at(-1)).toBe('node/node1 drop 198.51.100.7:43512 > 192.1.6.3:30021');
    expect(t.reply).toBeNull();
  });
});

describe('HostPort 8080 (talk 004 slide 24)', () => {
  it('DNAT on that node by the CNI portmap plugin, the client IP kept', () => {
    const t = traceOf(weaveRouted, client, 'node/node2:8080');
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 192.1.6.4:8080',
      'router/internet route 198.51.100.7:43512 > 192.1.6.4:8080',
      'node/node2 dnat 198.51.100.7:43512 > 10.20.30.42:80',
      'pod/foo deliver 198.51.100.7:43512 > 10.20.30.42:80',
    ]);
    expect(noteOf(t.hops, 'dnat')).toContain('portmap');
    expect(lines(t.reply)).toEqual([
      'pod/foo send 10.20.30.42:80 > 198.51.100.7:43512',
      'node/node2 dnat 192.1.6.4:8080 > 198.51.100.7:43512',
      'router/internet route 192.1.6.4:8080 > 198.51.100.7:43512',
      'host/198.51.100.7 deliver 192.1.6.4:8080 > 198.51.100.7:43512',
    ]);
  });

  it('only on that node: the other node does not expose 8080', () => {
    const t = traceOf(weaveRouted, client, 'node/node1:8080');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('port not exposed');
    expect(t.hops.at(-1)?.at).toBe('node/node1');
  });
});

describe('Ingress through an L7 proxy (talk 004 slide 27: foo.bar.com /foo -> s1, /bar -> s2)', () => {
  it('the proxy ends the connection and opens its own; the backend sees the proxy', () => {
    const t = traceOf(weaveRouted, client, 'gw/ingress:80', { host: 'foo.bar.com', path: '/bar' });
    expect(lines(t.hops)).toEqual([
      'host/198.51.100.7 send 198.51.100.7:43512 > 192.1.6.10:80',
      'router/internet route 198.51.100.7:43512 > 192.1.6.10:80',
      'proxy/ingress proxy 192.1.6.10:40180 > 10.20.30.43:80',
      'node/node2 route 192.1.6.10:40180 > 10.20.30.43:80',
      'pod/s2-backend deliver 192.1.6.10:40180 > 10.20.30.43:80',
    ]);
    expect(t.hops.map((h) => h.connection)).toEqual([1, 1, 2, 2, 2]);
    expect(t.hops[2]?.changed).toEqual(['src', 'srcPort', 'dst']);
    expect(noteOf(t.hops, 'proxy')).toContain('X-Forwarded-For');
    expect(noteOf(t.hops, 'proxy')).toContain('198.51.100.7');
    expect(lines(t.reply)).toEqual([
      'pod/s2-backend send 10.20.30.43:80 > 192.1.6.10:40180',
      'node/node2 route 10.20.30.43:80 > 192.1.6.10:40180',
      'proxy/ingress proxy 192.1.6.10:80 > 198.51.100.7:43512',
      'router/internet route 192.1.6.10:80 > 198.51.100.7:43512',
      'host/198.51.100.7 deliver 192.1.6.10:80 > 198.51.100.7:43512',
    ]);
    expect(t.reply?.map((h) => h.connection)).toEqual([2, 2, 1, 1, 1]);
  });

  it('the path picks the Service: /foo goes to s1', () => {
    const t = traceOf(weaveRouted, client, 'gw/ingress:80', {
      host: 'foo.bar.com',
      path: '/foo/x',
    });
    expect(t.hops.at(-1)?.at).toBe('pod/s1-backend');
  });

  it('a Host no rule matches is not proxied', () => {
    const t = traceOf(weaveRouted, client, 'gw/ingress:80', {
      host: 'other.example',
      path: '/foo',
    });
    expect(t.verdict).toBe('dropped');
    expect(t.hops.at(-1)?.at).toBe('proxy/ingress');
  });
});

it('egress to the internet from the routed cluster is masqueraded to the node IP', () => {
  const t = traceOf(weaveRouted, 'pod/bar', '203.0.113.9:443');
  expect(lines(t.hops)).toEqual([
    'pod/bar send 10.20.9.1:43512 > 203.0.113.9:443',
    'node/node1 snat 192.1.6.3:43512 > 203.0.113.9:443',
    'router/network route 192.1.6.3:43512 > 203.0.113.9:443',
    'host/203.0.113.9 deliver 192.1.6.3:43512 > 203.0.113.9:443',
  ]);
});
