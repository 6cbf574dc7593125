import { describe, expect, it } from 'vitest';
import { clusterCapacity } from '../../core/model/capacity';
import { fillScenario } from '../../core/model/ipam';
import { ipsBig } from '../../lessons/presets/address-planning';
import { plannerData, pickCluster } from './data';
import { count } from './format';

describe('plannerData', () => {
  it('is computed once per scenario object', () => {
    expect(plannerData(ipsBig)).toBe(plannerData(ipsBig));
    expect(plannerData({ ...ipsBig })).not.toBe(plannerData(ipsBig));
  });

  it('carries the core capacity of every filled cluster, and nodes that fit per family', () => {
    const d = plannerData(ipsBig);
    const filled = fillScenario(ipsBig).scenario;
    for (const c of filled.clusters) {
      expect(d.capacity.get(c.name)).toEqual(clusterCapacity(c));
    }
    // prod: 10.0.0.0/14 in /24s is 2^(24-14) = 1,024 node ranges, none inside 10.96.0.0/12.
    expect(d.counts.get('prod')?.get('IPv4')?.nodeRanges).toBe(1024n);
    expect(d.map.sections.map((s) => s.label)).toEqual(['network', 'prod', 'staging']);
  });

  it('picks the chosen cluster while it exists, else the first', () => {
    expect(pickCluster(ipsBig, 'staging')?.name).toBe('staging');
    expect(pickCluster(ipsBig, 'gone')?.name).toBe('prod');
    expect(pickCluster({ ...ipsBig, clusters: [] }, 'prod')).toBeNull();
  });
});

describe('count', () => {
  it('gives the core text, from memory the second time', () => {
    expect(count(262144n)).toBe('262,144');
    expect(count(262144n)).toBe('262,144');
    expect(count(1n << 64n)).toBe('2^64');
  });
});
