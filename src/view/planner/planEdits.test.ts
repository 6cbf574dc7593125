import { describe, expect, it } from 'vitest';
import { fillScenario } from '../../core/model/ipam';
import { proposePlan } from '../../core/model/sizing';
import { growClusterCIDR, growServiceCIDR } from '../../core/plan/grow';
import { addressMap } from '../../core/plan/addressmap';
import { flatTwoClusters, singleCluster } from '../../lessons/presets/network-models';
import { createAppStore } from '../../store/store';
import { pickToFlow } from '../../store/pick';
import { applyGrowth, applyPlan } from './planEdits';
import { plannerData } from './data';

const plan500 = proposePlan({ nodes: 500, podsPerNode: 110, services: 100, families: ['IPv4'] });

describe('applyPlan', () => {
  it('gives the cluster the plan and keeps node ranges and pod IPs that still fit', () => {
    const r = applyPlan(singleCluster, 'cluster', plan500.cluster);
    if (!r.ok) throw new Error(r.error);
    const c = r.scenario.clusters[0];
    expect(c?.clusterCIDRs).toEqual(plan500.cluster.clusterCIDRs);
    expect(c?.serviceCIDRs).toEqual(plan500.cluster.serviceCIDRs);
    expect(c?.maxPods).toBe(110);
    // 10.0.1.0/24 and 10.0.2.0/24 lie in the plan's 10.0.0.0/15 with the same /24 mask.
    expect(plan500.cluster.clusterCIDRs[0]?.cidr).toBe('10.0.0.0/15');
    expect(c?.nodes.map((n) => n.podCIDRs)).toEqual([['10.0.1.0/24'], ['10.0.2.0/24']]);
    expect(c?.pods.map((p) => p.podIPs?.[0])).toEqual([
      '10.0.1.1',
      '10.0.1.2',
      '10.0.2.1',
      '10.0.2.2',
    ]);
    // The input is left alone.
    expect(singleCluster.clusters[0]?.clusterCIDRs[0]?.cidr).toBe('10.0.0.0/16');
  });

  it('drops what no longer fits so IPAM hands it out again from the new blocks', () => {
    const moved = proposePlan({
      nodes: 4,
      podsPerNode: 30,
      services: 10,
      families: ['IPv4'],
      ipv4Base: '10.50.0.0/16',
    });
    const r = applyPlan(flatTwoClusters, 'c1', moved.cluster);
    if (!r.ok) throw new Error(r.error);
    const c1 = r.scenario.clusters[0];
    expect(c1?.nodes.every((n) => n.podCIDRs === undefined)).toBe(true);
    expect(c1?.pods.every((p) => p.podIPs === undefined)).toBe(true);
    expect(c1?.services.every((v) => v.clusterIPs === undefined)).toBe(true);
    // The other cluster is untouched.
    expect(r.scenario.clusters[1]).toBe(flatTwoClusters.clusters[1]);
    const filled = fillScenario(r.scenario).scenario.clusters[0];
    const block = moved.cluster.clusterCIDRs[0]?.cidr ?? '';
    const mask = moved.cluster.clusterCIDRs[0]?.nodeMaskSize;
    expect(block.startsWith('10.50.')).toBe(true);
    for (const n of filled?.nodes ?? []) {
      expect(n.podCIDRs?.[0]?.startsWith('10.50.')).toBe(true);
      expect(n.podCIDRs?.[0]?.endsWith(`/${mask}`)).toBe(true);
    }
  });

  it('moving to IPv6-only drops IPv4 entries of a Service ipFamilies', () => {
    const v6 = proposePlan({
      nodes: 2,
      podsPerNode: 110,
      services: 5,
      families: ['IPv6'],
      ulaGlobalId: 0x123456789an,
    });
    const s = structuredClone(flatTwoClusters);
    const svc = s.clusters[0]?.services[0];
    if (svc) svc.ipFamilies = ['IPv4'];
    const r = applyPlan(s, 'c1', v6.cluster);
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario.clusters[0]?.ipFamilies).toEqual(['IPv6']);
    expect(r.scenario.clusters[0]?.services[0]?.ipFamilies).toBeUndefined();
    expect(r.scenario.clusters[0]?.clusterCIDRs[0]?.cidr.startsWith('fd12:3456:789a:')).toBe(true);
  });

  it('refuses a plan the cluster already has, an empty plan and an unknown cluster', () => {
    const once = applyPlan(singleCluster, 'cluster', plan500.cluster);
    if (!once.ok) throw new Error(once.error);
    const twice = applyPlan(once.scenario, 'cluster', plan500.cluster);
    expect(twice.ok).toBe(false);
    const empty = proposePlan({ nodes: 0, podsPerNode: 110, services: 1, families: ['IPv4'] });
    expect(applyPlan(singleCluster, 'cluster', empty.cluster).ok).toBe(false);
    expect(applyPlan(singleCluster, 'nope', plan500.cluster).ok).toBe(false);
  });
});

describe('applyGrowth', () => {
  it('adds a ClusterCIDR block and keeps every node range where it is', () => {
    const r = applyGrowth(singleCluster, 'cluster', (c) =>
      growClusterCIDR(c, { cidr: '10.1.0.0/16', nodeMaskSize: 24 }),
    );
    if (!r.ok) throw new Error(r.error);
    const c = r.scenario.clusters[0];
    expect(c?.clusterCIDRs.map((b) => b.cidr)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(c?.nodes).toBe(singleCluster.clusters[0]?.nodes);
  });

  it('passes a refusal on as the edit error', () => {
    const r = applyGrowth(singleCluster, 'cluster', (c) => growServiceCIDR(c, 'fd00::/112'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('IPv6');
  });
});

describe('in the store', () => {
  it('applying a plan is one undo step, and undo restores the cluster', () => {
    const store = createAppStore({ scenario: singleCluster }, pickToFlow);
    const a = store.getState().actions;
    expect(a.edit('apply plan to cluster', (s) => applyPlan(s, 'cluster', plan500.cluster))).toBe(
      true,
    );
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().scenario.clusters[0]?.clusterCIDRs[0]?.cidr).toBe('10.0.0.0/15');
    a.undo();
    expect(store.getState().scenario).toBe(singleCluster);
  });

  it("a second cluster on the plan's range conflicts when flat and is reused on islands", () => {
    const r = applyPlan(flatTwoClusters, 'c2', {
      ipFamilies: ['IPv4'],
      clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
    });
    if (!r.ok) throw new Error(r.error);
    const pods = (model: 'flat' | 'island') =>
      plannerData({ ...r.scenario, model }).map.marks.filter(
        (m) => m.a.field.startsWith('clusterCIDRs') && m.b.field.startsWith('clusterCIDRs'),
      );
    expect(pods('flat').map((m) => m.state)).toEqual(['conflict']);
    expect(pods('island').map((m) => m.state)).toEqual(['reused']);
    // The planner's map is the core's map of the filled scenario.
    expect(plannerData(r.scenario).map).toEqual(addressMap(fillScenario(r.scenario).scenario));
  });
});
