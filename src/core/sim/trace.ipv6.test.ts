/**
 * Golden paths on the IPv6 talk's objects (talk 001, "Kubernetes & IPv6"): the IPv4, IPv6 and
 * dual-stack Node/Pod/Service of the "Kubernetes API" slides, and pods with global addresses.
 */
import { describe, expect, it } from 'vitest';
import {
  dualStackCluster,
  ipv4Cluster,
  ipv6Cluster,
  ipv6GuaPods,
} from '../../lessons/presets/ipv6';
import type { Scenario } from '../model/schema';
import { lines, noteOf, traceOf } from './testkit';

describe('IPv4 objects (slide "Kubernetes API: IPv4")', () => {
  it("the talk's client 198.1.1.2 through load balancer 196.23.45.23 to app-http 10.0.0.5:8080", () => {
    const t = traceOf(ipv4Cluster, '198.1.1.2', 'lb/lb-app:80');
    expect(lines(t.hops)).toEqual([
      'host/198.1.1.2 send 198.1.1.2:43512 > 196.23.45.23:80',
      'router/internet route 198.1.1.2:43512 > 196.23.45.23:80',
      'loadbalancer/lb-app route 198.1.1.2:43512 > 196.23.45.23:80',
      'node/node1 dnat 198.1.1.2:43512 > 10.0.0.5:8080',
      'node/node1 snat 192.168.0.5:43512 > 10.0.0.5:8080',
      'pod/app-http deliver 192.168.0.5:43512 > 10.0.0.5:8080',
    ]);
    // A pass-through load balancer is not on the return path: node1 answers the client.
    expect(lines(t.reply)).toEqual([
      'pod/app-http send 10.0.0.5:8080 > 192.168.0.5:43512',
      'node/node1 snat 10.0.0.5:8080 > 198.1.1.2:43512',
      'node/node1 dnat 196.23.45.23:80 > 198.1.1.2:43512',
      'router/internet route 196.23.45.23:80 > 198.1.1.2:43512',
      'host/198.1.1.2 deliver 196.23.45.23:80 > 198.1.1.2:43512',
    ]);
  });

  it('the same load balancer with externalTrafficPolicy Local keeps the client IP', () => {
    const local: Scenario = {
      ...ipv4Cluster,
      clusters: ipv4Cluster.clusters.map((c) => ({
        ...c,
        services: c.services.map((s) => ({ ...s, externalTrafficPolicy: 'Local' as const })),
      })),
    };
    const t = traceOf(local, '198.1.1.2', 'lb/lb-app:80');
    expect(lines(t.hops).slice(-2)).toEqual([
      'node/node1 dnat 198.1.1.2:43512 > 10.0.0.5:8080',
      'pod/app-http deliver 198.1.1.2:43512 > 10.0.0.5:8080',
    ]);
  });

  it('NodePort 32101 on 192.168.0.5 (slide "Kubernetes Networking: Services")', () => {
    const t = traceOf(ipv4Cluster, '198.1.1.2', 'node/node1:32101');
    expect(lines(t.hops).slice(2)).toEqual([
      'node/node1 dnat 198.1.1.2:43512 > 10.0.0.5:8080',
      'node/node1 snat 192.168.0.5:43512 > 10.0.0.5:8080',
      'pod/app-http deliver 192.168.0.5:43512 > 10.0.0.5:8080',
    ]);
  });

  it('asking an IPv4-only Service over IPv6 gets no AAAA record', () => {
    const t = traceOf(ipv4Cluster, 'pod/client', 'svc/lb-app:80', { family: 'IPv6' });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('no address of the requested family');
  });
});

describe('IPv6 objects (slide "Kubernetes API: IPv6")', () => {
  it('pod to Service: AAAA fd12:789a:1::1, DNAT to [fd00:1234:1::1]:8080', () => {
    const t = traceOf(ipv6Cluster, 'pod/client', 'svc/lb-app:80');
    expect(t.family).toBe('IPv6');
    expect(lines(t.hops)).toEqual([
      'dns/cluster-dns dns [fd00:1234:1::2]:43512 > [fd12:789a:1::1]:80',
      'pod/client send [fd00:1234:1::2]:43512 > [fd12:789a:1::1]:80',
      'node/node1 dnat [fd00:1234:1::2]:43512 > [fd00:1234:1::1]:8080',
      'pod/app-http deliver [fd00:1234:1::2]:43512 > [fd00:1234:1::1]:8080',
    ]);
    expect(noteOf(t.hops, 'dns')).toContain('AAAA fd12:789a:1::1');
  });

  it('a global address on the load balancer (2001:db8:7:8::4), ULAs inside', () => {
    const t = traceOf(ipv6Cluster, '[2001:db8::1]', 'lb/lb-app:80');
    expect(lines(t.hops)).toEqual([
      'host/2001:db8::1 send [2001:db8::1]:43512 > [2001:db8:7:8::4]:80',
      'router/internet route [2001:db8::1]:43512 > [2001:db8:7:8::4]:80',
      'loadbalancer/lb-app route [2001:db8::1]:43512 > [2001:db8:7:8::4]:80',
      'node/node1 dnat [2001:db8::1]:43512 > [fd00:1234:1::1]:8080',
      'node/node1 snat [fd01:789a:1::1]:43512 > [fd00:1234:1::1]:8080',
      'pod/app-http deliver [fd01:789a:1::1]:43512 > [fd00:1234:1::1]:8080',
    ]);
  });

  it('ULA pods are masqueraded (NAT66) to the node on the way out', () => {
    const t = traceOf(ipv6Cluster, 'pod/client', '[2001:db8::99]:443');
    expect(lines(t.hops)).toEqual([
      'pod/client send [fd00:1234:1::2]:43512 > [2001:db8::99]:443',
      'node/node1 snat [fd01:789a:1::1]:43512 > [2001:db8::99]:443',
      'router/network route [fd01:789a:1::1]:43512 > [2001:db8::99]:443',
      'host/2001:db8::99 deliver [fd01:789a:1::1]:43512 > [2001:db8::99]:443',
    ]);
  });

  it('an IPv6-only pod cannot reach an IPv4 address', () => {
    const t = traceOf(ipv6Cluster, 'pod/client', '198.51.100.7:80');
    expect(t.reason).toBe('no address of the requested family');
    expect(t.hops.map((h) => h.at)).toEqual(['pod/client']);
  });
});

describe('dual-stack objects (slide "Kubernetes API: Dual Stack")', () => {
  it('the Service has both ClusterIPs; the primary family (IPv4) is used unless asked', () => {
    const t = traceOf(dualStackCluster, 'pod/client', 'svc/lb-app:80');
    expect(t.family).toBe('IPv4');
    expect(noteOf(t.hops, 'dns')).toContain('A 10.96.0.13, AAAA fd12:789a:1::1');
    expect(lines(t.hops).slice(1)).toEqual([
      'pod/client send 10.0.0.12:43512 > 10.96.0.13:80',
      'node/node1 dnat 10.0.0.12:43512 > 10.0.0.5:8080',
      'pod/app-http deliver 10.0.0.12:43512 > 10.0.0.5:8080',
    ]);
  });

  it("asked over IPv6 it uses fd12:789a:1::1 and the pod's fd00:1234:1::1", () => {
    const t = traceOf(dualStackCluster, 'pod/client', 'svc/lb-app:80', { family: 'IPv6' });
    expect(t.family).toBe('IPv6');
    expect(lines(t.hops).slice(1)).toEqual([
      'pod/client send [fd00:1234:1::2]:43512 > [fd12:789a:1::1]:80',
      'node/node1 dnat [fd00:1234:1::2]:43512 > [fd00:1234:1::1]:8080',
      'pod/app-http deliver [fd00:1234:1::2]:43512 > [fd00:1234:1::1]:8080',
    ]);
  });

  it('a SingleStack IPv4 Service asked over IPv6: no address of the requested family', () => {
    const t = traceOf(dualStackCluster, 'pod/client', 'svc/legacy:80', { family: 'IPv6' });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('no address of the requested family');
    expect(t.hops.map((h) => `${h.at} ${h.action}`)).toEqual(['dns/cluster-dns drop']);
    expect(noteOf(t.hops, 'drop')).toContain('SingleStack');
  });

  it('each load-balancer address leads to the pod address of its own family', () => {
    const v4 = traceOf(dualStackCluster, '203.0.113.5', '192.168.21.8:80');
    const v6 = traceOf(dualStackCluster, '[2001:db8::5]', '[2001:db8:7:8::4]:80');
    expect(v4.hops.at(-1)?.packet.dst).toBe('10.0.0.5');
    expect(v6.hops.at(-1)?.packet.dst).toBe('fd00:1234:1::1');
    expect(v6.hops.find((h) => h.action === 'snat')?.packet.src).toBe('fd01:789a:1::1');
  });
});

describe('pods with global IPv6 addresses (slide "Pods with GUAs"): no translation', () => {
  it("egress keeps the pod's 2600:1900::a:7", () => {
    const t = traceOf(ipv6GuaPods, 'pod/app-http', 'host/www');
    expect(lines(t.hops)).toEqual([
      'pod/app-http send [2600:1900::a:7]:43512 > [2001:db8:ffff::80]:80',
      'node/node1 route [2600:1900::a:7]:43512 > [2001:db8:ffff::80]:80',
      'router/network route [2600:1900::a:7]:43512 > [2001:db8:ffff::80]:80',
      'host/www deliver [2600:1900::a:7]:43512 > [2001:db8:ffff::80]:80',
    ]);
    expect(noteOf(t.hops, 'route', 'node/node1')).toContain('global IPv6');
  });

  it('the internet reaches the pod directly, routed via the node fd00:123::5', () => {
    const t = traceOf(ipv6GuaPods, '[2001:db8::9]', 'pod/app-http');
    expect(lines(t.hops)).toEqual([
      'host/2001:db8::9 send [2001:db8::9]:43512 > [2600:1900::a:7]:8080',
      'router/internet route [2001:db8::9]:43512 > [2600:1900::a:7]:8080',
      'node/node1 route [2001:db8::9]:43512 > [2600:1900::a:7]:8080',
      'pod/app-http deliver [2001:db8::9]:43512 > [2600:1900::a:7]:8080',
    ]);
    expect(noteOf(t.hops, 'route', 'router/internet')).toContain('via fd00:123::5');
  });
});
