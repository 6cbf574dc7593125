import { describe, expect, it } from 'vitest';
import { fillScenario } from '../core/model/ipam';
import { trace } from '../core/sim';
import type { Flow } from '../core/sim/types';
import {
  buildChallenge,
  DROP_REASONS,
  NOBODY,
  placeLabel,
  scoreLesson,
  type Challenge,
} from './challenge';
import { ipv6GuaPods } from './presets/ipv6';
import { islandTwoClusters } from './presets/network-models';
import { weaveOverlay, weaveRouted } from './presets/weave';
import type { ChallengeSpec, Lesson } from './types';

const routed = fillScenario(weaveRouted).scenario;
const overlay = fillScenario(weaveOverlay).scenario;
const island = fillScenario(islandTwoClusters).scenario;

const client = { kind: 'ip', ip: '198.51.100.7' } as const;
const bounce: Flow = { from: client, to: { kind: 'node', name: 'node1', port: 30021 } };
const barToFoo: Flow = { from: { kind: 'pod', name: 'bar' }, to: { kind: 'pod', name: 'foo' } };

function ok(
  s: Parameters<typeof buildChallenge>[0],
  flow: Flow,
  spec: ChallengeSpec,
  seed = 1,
): Challenge {
  const r = buildChallenge(s, trace(s, flow), spec, seed);
  if (!r.ok) throw new Error(r.error);
  return r.challenge;
}
const answer = (c: Challenge): string => c.choices[c.answerIndex] ?? '';

describe('buildChallenge', () => {
  it('asks what source IP the backend sees: the SNATed node IP for a NodePort bounce (Cluster policy)', () => {
    const t = trace(routed, bounce);
    const c = ok(routed, bounce, { hop: 2, ask: 'source-ip-at-backend' });
    const last = t.hops[t.hops.length - 1];
    expect(answer(c)).toBe(last?.packet.src);
    expect(answer(c)).toBe('192.1.6.3'); // node1, the node the client hit (talk 004 numbers)
    expect(c.question).toContain('foo');
    // The client IP is the most tempting wrong answer; the explanation is the SNAT hop's note.
    expect(c.explanation).toBe(t.hops.find((h) => h.action === 'snat')?.note);
    expect(c.answerHop).toBe(t.hops.length - 1);
  });

  it("draws the wrong choices from the scenario's own addresses of the same family", () => {
    const ips = new Set([
      ...routed.clusters.flatMap((c) => [
        ...c.nodes.flatMap((n) => n.addresses.map((a) => a.address)),
        ...c.pods.flatMap((p) => p.podIPs ?? []),
        ...c.services.flatMap((s) => s.clusterIPs ?? []),
        ...(c.gateways ?? []).flatMap((g) => g.addresses ?? []),
      ]),
      '198.51.100.7',
    ]);
    for (let seed = 0; seed < 20; seed++) {
      const c = ok(routed, bounce, { hop: 2, ask: 'source-ip-at-backend' }, seed);
      for (const choice of c.choices) expect(ips.has(choice), choice).toBe(true);
    }
  });

  it('is deterministic for a seed, and the seed moves the right answer around', () => {
    const spec: ChallengeSpec = { hop: 2, ask: 'dest-after-dnat' };
    expect(ok(routed, bounce, spec, 3)).toEqual(ok(routed, bounce, spec, 3));
    const positions = new Set(
      Array.from({ length: 24 }, (_, seed) => ok(routed, bounce, spec, seed).answerIndex),
    );
    expect(positions.size).toBeGreaterThan(1);
    for (let seed = 0; seed < 24; seed++)
      expect(answer(ok(routed, bounce, spec, seed))).toBe('10.20.30.42:80');
  });

  it('asks which node decapsulates, and what the outer header is, on an overlay', () => {
    const who = ok(overlay, barToFoo, { hop: 1, ask: 'who-decapsulates' });
    expect(answer(who)).toBe('node2');
    expect(who.choices).toContain('node1');
    const outer = ok(overlay, barToFoo, { hop: 1, ask: 'outer-header' });
    expect(answer(outer)).toBe('192.1.6.3 -> 192.1.6.4'); // talk 004, slide 20
    expect(outer.choices).toContain('10.20.9.1 -> 10.20.30.42');
  });

  it('refuses a question the trace cannot answer', () => {
    const noDecap = buildChallenge(
      routed,
      trace(routed, barToFoo),
      { hop: 0, ask: 'who-decapsulates' },
      1,
    );
    expect(noDecap.ok).toBe(false);
    const outOfRange = buildChallenge(
      routed,
      trace(routed, barToFoo),
      { hop: 99, ask: 'next-hop' },
      1,
    );
    expect(outOfRange.ok ? '' : outOfRange.error).toMatch(/hop 99 is not in the trace/);
    const negative = buildChallenge(
      routed,
      trace(routed, barToFoo),
      { hop: -1, ask: 'next-hop' },
      1,
    );
    expect(negative.ok).toBe(false);
    const notDropped = buildChallenge(
      routed,
      trace(routed, barToFoo),
      { hop: 0, ask: 'drop-reason' },
      1,
    );
    expect(notDropped.ok).toBe(false);
    // Pausing on the decapsulation itself would give the answer away.
    const t = trace(overlay, barToFoo);
    const decapAt = t.hops.findIndex((h) => h.action === 'decap');
    expect(buildChallenge(overlay, t, { hop: decapAt, ask: 'who-decapsulates' }, 1).ok).toBe(false);
  });

  it('answers "no one" when nothing rewrites the source (pods with global IPv6 addresses)', () => {
    const s = fillScenario(ipv6GuaPods).scenario;
    const flow: Flow = {
      from: { kind: 'pod', name: 'app-http' },
      to: { kind: 'host', name: 'www' },
    };
    const c = ok(s, flow, { hop: 0, ask: 'who-snats' });
    expect(answer(c)).toBe(NOBODY);
    expect(c.choices).toContain('node1');
  });

  it('names the place that masquerades, and the address it masquerades to', () => {
    const flow: Flow = {
      from: { kind: 'pod', cluster: 'c1', name: 'pod-a' },
      to: { kind: 'host', name: 'other' },
    };
    expect(answer(ok(island, flow, { hop: 0, ask: 'who-snats' }))).toBe('node1 of c1');
    expect(answer(ok(island, flow, { hop: 0, ask: 'source-after-snat' }))).toBe('10.240.0.1');
  });

  it('explains a drop in plain words, with only plausible wrong reasons', () => {
    const flow: Flow = {
      from: { kind: 'host', name: 'other' },
      to: { kind: 'pod', cluster: 'c1', name: 'pod-a' },
    };
    const c = ok(island, flow, { hop: 0, ask: 'drop-reason' });
    expect(answer(c)).toBe(DROP_REASONS['no route']);
    // An island scenario is not air-gapped: that reason is never offered there.
    expect(c.choices).not.toContain(DROP_REASONS['air-gapped edge']);
    expect(c.explanation).toMatch(/no route to 10\.0\.1\.1/);
  });

  it('asks what cluster DNS answers, with the pod IP as a tempting wrong choice', () => {
    const flow: Flow = { from: { kind: 'pod', name: 'bar' }, to: { kind: 'svc', name: 'foo' } };
    const c = ok(routed, flow, { hop: 0, ask: 'dns-answer' });
    expect(answer(c)).toBe('100.96.0.30'); // talk 004, slide 16
    const hits = Array.from(
      { length: 10 },
      (_, seed) => ok(routed, flow, { hop: 0, ask: 'dns-answer' }, seed).choices,
    );
    expect(hits.some((choices) => choices.includes('10.20.30.42'))).toBe(true);
  });
});

describe('placeLabel', () => {
  it('turns trace places into short names', () => {
    expect(placeLabel('c2:node/node1')).toBe('node1 of c2');
    expect(placeLabel('node/node2')).toBe('node2');
    expect(placeLabel('pod/kube-system/kube-dns')).toBe('kube-dns');
    expect(placeLabel('c2:gateway/vip')).toBe('gateway vip of c2');
    expect(placeLabel('proxy/ingress')).toBe('proxy ingress');
    expect(placeLabel('router/network')).toBe('the network');
    expect(placeLabel('loadbalancer/lb-app')).toBe('the load balancer of lb-app');
    expect(placeLabel('host/198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('scoreLesson', () => {
  const lesson: Lesson = {
    id: 'l',
    title: 'l',
    summary: 'l',
    topic: 'planning',
    steps: [
      {
        id: 'a',
        title: 'a',
        text: 'a',
        preset: 'ips-small',
        challenge: { hop: 0, ask: 'dns-answer' },
      },
      { id: 'b', title: 'b', text: 'b' },
      { id: 'c', title: 'c', text: 'c', challenge: { hop: 0, ask: 'dns-answer' } },
    ],
  };

  it('counts the first answer per challenge step against all challenge steps', () => {
    const s = scoreLesson(
      [
        { stepId: 'a', chosen: 1, answerIndex: 2 },
        { stepId: 'a', chosen: 2, answerIndex: 2 }, // a second try does not count
        { stepId: 'c', chosen: 0, answerIndex: 0 },
        { stepId: 'b', chosen: 0, answerIndex: 0 }, // not a challenge step
      ],
      lesson,
    );
    expect(s).toEqual({ correct: 1, answered: 2, total: 2, percent: 50 });
  });

  it('scores unanswered challenges as missed, and nothing as 0%', () => {
    expect(scoreLesson([{ stepId: 'c', chosen: 3, answerIndex: 3 }], lesson)).toEqual({
      correct: 1,
      answered: 1,
      total: 2,
      percent: 50,
    });
    expect(scoreLesson([])).toEqual({ correct: 0, answered: 0, total: 0, percent: 0 });
    expect(scoreLesson([{ stepId: 'x', chosen: 1, answerIndex: 1 }])).toEqual({
      correct: 1,
      answered: 1,
      total: 1,
      percent: 100,
    });
  });
});
