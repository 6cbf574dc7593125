import { describe, expect, it } from 'vitest';
import { airGappedTwoClusters, islandTwoClusters } from '../../lessons/presets/network-models';
import { ipv6Cluster } from '../../lessons/presets/ipv6';
import { weaveRouted } from '../../lessons/presets/weave';
import { suggestFlows } from './suggest';
import { trace } from './trace';

describe('suggestFlows', () => {
  it('offers one of each path kind the Weave scenario can show, under unique ids', () => {
    const flows = suggestFlows(weaveRouted);
    const labels = flows.map((f) => f.label);
    expect(new Set(flows.map((f) => f.id)).size).toBe(flows.length);
    expect(labels).toEqual(
      expect.arrayContaining([
        'bar to s1-backend (same node)',
        'bar to foo (across nodes, routed)',
        'bar to Service foo',
        'foo to its own Service foo (hairpin)',
        'node1 to ClusterIP 100.96.0.30 (Service foo)',
        'internet to NodePort 30021 on node2 (Service foo)',
        'internet to HostPort 8080 on node2 (foo)',
        'internet to proxy ingress (192.1.6.10)',
        'bar to the internet (SNAT egress)',
      ]),
    );
  });

  it('every suggested flow traces (none is an invalid flow), and the label tells a drop', () => {
    for (const s of [weaveRouted, islandTwoClusters, airGappedTwoClusters, ipv6Cluster]) {
      for (const f of suggestFlows(s)) {
        const t = trace(s, f.flow);
        expect(t.reason ?? '').not.toMatch(/^invalid flow/);
        expect(f.label.includes('(dropped:')).toBe(t.verdict === 'dropped');
      }
    }
  });

  it('shows egress SNAT on an island and the air-gapped drop', () => {
    expect(suggestFlows(islandTwoClusters).map((f) => f.label)).toContain(
      'c1 pod-a to other (SNAT egress)',
    );
    expect(suggestFlows(airGappedTwoClusters).map((f) => f.label)).toContain(
      'c1 pod-a to c2 pod-c (direct) (dropped: air-gapped edge)',
    );
  });

  it('uses an IPv6 client for an IPv6 load balancer', () => {
    const lb = suggestFlows(ipv6Cluster).find((f) => f.id.includes(':lb:'));
    expect(lb?.flow.from).toEqual({ kind: 'ip', ip: '2001:db8:ffff::7' });
  });
});
