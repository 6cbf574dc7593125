import { describe, expect, it } from 'vitest';
import {
  cidrFrom,
  cidrSubnet,
  cidrToString,
  cidrSize,
  cidrContainsIp,
  ipFrom,
} from '../core/model/cidr';
import { fillScenario } from '../core/model/ipam';
import { nodeRangeCount } from '../core/model/ipam-rules';
import { ScenarioSchema } from '../core/model/schema';
import { validateScenario } from '../core/model/validate';
import { trace } from '../core/sim';
import { ipsBig, ipsGrow, ipsSmall, PLANNING } from './presets/address-planning';
import { IPV6_BUILD, ipv6Build } from './presets/ipv6-build';
import { ipv6GuaServices } from './presets/ipv6-designs';
import { findPreset, PRESETS, TALKS } from './presets';
import { URL_SAFE_ID } from './types';

/**
 * Warnings a preset is allowed to carry, and why. Anything else that is a warning or an error
 * fails the test.
 */
const ACCEPTED_WARNINGS: Record<string, { match: string; why: string }[]> = {};

describe('PRESETS', () => {
  it('has unique, URL-safe ids and a known talk for every preset', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.id, p.id).toMatch(URL_SAFE_ID);
      expect(TALKS[p.talk], p.id).toBeDefined();
      expect(p.summary.length, p.id).toBeGreaterThan(0);
      expect(findPreset(p.id)).toBe(p);
    }
    expect(findPreset('no-such-preset')).toBeNull();
  });

  it('covers every talk of ../shared/seeds and the pictures the issue names', () => {
    expect(new Set(PRESETS.map((p) => p.talk))).toEqual(
      new Set(['000', '001', '002', '003', '004']),
    );
    for (const id of [
      'models-single',
      'models-flat',
      'models-air-gapped',
      'models-island',
      'models-archipelago',
      'weave-nodeport',
      'weave-hostport',
      'weave-clusterip',
      'weave-routed',
      'weave-overlay',
      'ipv6-ipv4',
      'ipv6-only',
      'ipv6-dualstack',
      'ipv6-gua-services',
      'ipv6-gua-pods',
      'ipv6-build',
      'ips-big',
      'ips-grow',
    ]) {
      expect(findPreset(id), id).not.toBeNull();
    }
  });

  describe.each(PRESETS.map((p) => [p.id, p] as const))('%s', (id, preset) => {
    it('parses, fills and validates without errors (and only accepted warnings)', () => {
      expect(ScenarioSchema.safeParse(preset.scenario).success).toBe(true);
      const fill = fillScenario(preset.scenario);
      const findings = [...fill.findings, ...validateScenario(fill.scenario)];
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      const accepted = ACCEPTED_WARNINGS[id] ?? [];
      const unexpected = findings.filter(
        (f) => f.severity === 'warning' && !accepted.some((a) => f.message.includes(a.match)),
      );
      expect(unexpected).toEqual([]);
    });

    it('traces every featured flow with the verdict it names', () => {
      const filled = fillScenario(preset.scenario).scenario;
      const flowIds = (preset.flows ?? []).map((f) => f.id);
      expect(new Set(flowIds).size).toBe(flowIds.length);
      for (const f of preset.flows ?? []) {
        expect(f.id).toMatch(URL_SAFE_ID);
        const t = trace(filled, f.flow);
        expect(t.reason ?? '', `${id}/${f.id}`).not.toMatch(/^invalid flow/);
        expect(t.verdict, `${id}/${f.id}: ${t.reason}`).toBe(f.expect);
      }
    });
  });

  it('accepts each listed warning only where it actually occurs (no stale allowances)', () => {
    for (const [id, list] of Object.entries(ACCEPTED_WARNINGS)) {
      const p = findPreset(id);
      expect(p, id).not.toBeNull();
      if (!p) continue;
      const fill = fillScenario(p.scenario);
      const messages = [...fill.findings, ...validateScenario(fill.scenario)].map((f) => f.message);
      for (const a of list)
        expect(
          messages.some((m) => m.includes(a.match)),
          a.why,
        ).toBe(true);
    }
  });
});

describe('ipv6-build (talk 002)', () => {
  const cluster = ipv6Build.clusters[0];

  it("uses the talk's blocks: fd03::/112 Services, fd02::/80 split into /96 per node", () => {
    expect(cluster?.serviceCIDRs[0]?.cidrs).toEqual(['fd03::/112']);
    expect(cluster?.clusterCIDRs[0]).toMatchObject({ cidr: 'fd02::/80', nodeMaskSize: 96 });
    expect(cluster?.ipFamilies).toEqual(['IPv6']);
    const svc = cidrFrom('fd03::/112');
    expect(svc && cidrSize(svc)).toBe(65_536n);
  });

  it('gives the first, second and last node range the talk reads out (cidrset: base + i << (128 - 96))', () => {
    const block = cidrFrom(IPV6_BUILD.clusterCidr);
    expect(block).not.toBeNull();
    if (!block) return;
    expect(nodeRangeCount(block, IPV6_BUILD.nodeMask)).toBe(65_536n);
    expect(cidrToString(cidrSubnet(block, 96, 0n))).toBe(IPV6_BUILD.masterRange);
    expect(cidrToString(cidrSubnet(block, 96, 1n))).toBe(IPV6_BUILD.workerRange);
    expect(cidrToString(cidrSubnet(block, 96, 65_535n))).toBe(IPV6_BUILD.lastRange);
    expect(cidrSize(cidrSubnet(block, 96, 0n))).toBe(2n ** 32n);
    expect(cluster?.nodes.map((n) => n.podCIDRs?.[0])).toEqual([
      IPV6_BUILD.masterRange,
      IPV6_BUILD.workerRange,
    ]);
  });

  it('puts the nodes at fd00::b and fd00::c and kube-dns inside the Service range', () => {
    expect(cluster?.nodes.map((n) => n.addresses[0]?.address)).toEqual(['fd00::b', 'fd00::c']);
    const dns = cluster?.services.find((s) => s.name === 'kube-dns');
    const range = cidrFrom(IPV6_BUILD.serviceRange);
    const ip = ipFrom(dns?.clusterIPs?.[0] ?? '');
    expect(range && ip && cidrContainsIp(range, ip)).toBe(true);
  });

  it('lets IPAM hand out the remaining ClusterIPs from fd03::/112', () => {
    const filled = fillScenario(ipv6Build).scenario;
    const range = cidrFrom('fd03::/112');
    for (const s of filled.clusters[0]?.services ?? []) {
      const ip = ipFrom(s.clusterIPs?.[0] ?? '');
      expect(range && ip && cidrContainsIp(range, ip), s.name).toBe(true);
    }
  });
});

describe('ipv6-gua-services (talk 001, "Services with GUAs")', () => {
  it("keeps the slide's addresses: ULA pods, a ULA node, the Service at 2600:1900::3:55", () => {
    const c = ipv6GuaServices.clusters[0];
    expect(c?.pods.map((p) => p.podIPs?.[0])).toEqual(['fd12:1234::a:7', 'fd12:1234::3:55']);
    expect(c?.nodes[0]?.addresses[0]?.address).toBe('fd00:123::5');
    expect(c?.gateways?.find((g) => g.kind === 'vip')?.addresses).toEqual(['2600:1900::3:55']);
  });
});

describe('address planning (talk 000)', () => {
  const size = (text: string): bigint => {
    const c = cidrFrom(text);
    return c ? cidrSize(c) : 0n;
  };

  it('"big" hands each cluster a /14 for pods and a /12 for Services: about 16% of 10.0.0.0/8', () => {
    expect(ipsBig.clusters.map((c) => c.clusterCIDRs[0]?.cidr)).toEqual([...PLANNING.bigPods]);
    expect(ipsBig.clusters.map((c) => c.serviceCIDRs[0]?.cidrs[0])).toEqual([
      ...PLANNING.bigServices,
    ]);
    const total = [...PLANNING.bigPods, ...PLANNING.bigServices].reduce((n, c) => n + size(c), 0n);
    expect(total).toBe(2_621_440n); // the number the planning lesson quotes
    expect(Number((total * 1000n) / size('10.0.0.0/8')) / 10).toBeCloseTo(15.6, 1);
    const first = cidrFrom(PLANNING.bigPods[0]);
    expect(first && nodeRangeCount(first, 24)).toBe(1024n);
  });

  it('"small" fills all four /26 node ranges of its /24', () => {
    const filled = fillScenario(ipsSmall);
    expect(filled.findings).toEqual([]);
    const ranges = filled.scenario.clusters[0]?.nodes.map((n) => n.podCIDRs?.[0]);
    expect(ranges).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26']);
  });

  it('"grow" takes node5\'s range from the ClusterCIDR and api\'s IP from the second ServiceCIDR', () => {
    const filled = fillScenario(ipsGrow);
    expect(filled.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const c = filled.scenario.clusters[0];
    expect(c?.nodes.find((n) => n.name === 'node5')?.podCIDRs).toEqual(['10.0.1.0/26']);
    const grow = cidrFrom(PLANNING.growServices);
    const api = ipFrom(c?.services.find((s) => s.name === 'api')?.clusterIPs?.[0] ?? '');
    expect(grow && api && cidrContainsIp(grow, api)).toBe(true);
    expect(c?.serviceCIDRs).toHaveLength(2);
    expect(c?.clusterCIDRs[1]?.nodeSelector).toEqual({ 'node-pool': 'pool-2' });
  });
});
