import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/schema';
import { indexScenario, nodeForPodIp, selectPods } from './scenario-index';
import { ipFrom } from '../model/cidr';
import { trace } from './trace';
import type { Flow } from './types';

/** 1,000 nodes with a /24 each, 20 pods per node, 500 NodePort Services (an overlay island). */
function bigScenario(nodes: number): Scenario {
  const ns = [];
  const pods = [];
  const services = [];
  for (let i = 0; i < nodes; i++) {
    const third = `${64 + Math.floor(i / 256)}.${i % 256}`;
    ns.push({
      name: `node${i}`,
      addresses: [
        { type: 'InternalIP' as const, address: `10.240.${Math.floor(i / 250)}.${(i % 250) + 1}` },
      ],
      podCIDRs: [`10.${third}.0/24`],
    });
    for (let k = 0; k < 20; k++) {
      pods.push({
        name: `p${i}-${k}`,
        nodeName: `node${i}`,
        podIPs: [`10.${third}.${k + 2}`],
        labels: { app: `a${(i * 20 + k) % 500}` },
        ports: [{ containerPort: 8080 }],
      });
    }
  }
  for (let s = 0; s < 500; s++) {
    services.push({
      name: `s${s}`,
      type: 'NodePort' as const,
      selector: { app: `a${s}` },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30000 + s }],
      clusterIPs: [`10.96.${Math.floor(s / 250)}.${(s % 250) + 1}`],
    });
  }
  return {
    version: 1,
    model: 'island',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters: [
      {
        name: 'c',
        network: 'network',
        ipFamilies: ['IPv4'],
        podNetwork: 'overlay',
        clusterCIDRs: [{ cidr: '10.64.0.0/12', nodeMaskSize: 24 }],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12'] }],
        nodes: ns,
        pods,
        services,
      },
    ],
    hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
  };
}

describe('scenario index', () => {
  const s = bigScenario(1000);

  it('finds a node by pod range and pods by selector without scanning', () => {
    const ix = indexScenario(s);
    const c = ix.clusters[0];
    if (!c) throw new Error('cluster');
    const ip = ipFrom('10.67.231.9');
    if (!ip) throw new Error('ip');
    expect(nodeForPodIp(c, ip)?.name).toBe('node999');
    expect(
      selectPods(c, 'default', { app: 'a7' })
        .map((p) => p.name)
        .slice(0, 2),
    ).toEqual(['p0-7', 'p25-7']);
  });

  it('one trace of each path kind on 1,000 nodes takes well under a millisecond (median)', () => {
    const flows: Flow[] = [
      { from: { kind: 'pod', name: 'p0-0' }, to: { kind: 'pod', name: 'p999-3' } },
      { from: { kind: 'pod', name: 'p0-0' }, to: { kind: 'svc', name: 's400', port: 80 } },
      {
        from: { kind: 'ip', ip: '198.51.100.7' },
        to: { kind: 'node', name: 'node500', port: 30400 },
      },
      { from: { kind: 'pod', name: 'p0-0' }, to: { kind: 'host', name: 'other' } },
      { from: { kind: 'node', name: 'node3' }, to: { kind: 'ip', ip: '10.96.1.100', port: 80 } },
    ];
    indexScenario(s);
    for (const f of flows) {
      expect(trace(s, f).verdict).toBe('delivered');
      const times: number[] = [];
      for (let i = 0; i < 31; i++) {
        const t0 = performance.now();
        trace(s, f);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      expect(times[15]).toBeLessThan(1);
    }
  });
});
