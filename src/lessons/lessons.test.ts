import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../core/model/schema';
import { buildChallenge } from './challenge';
import {
  applyChanges,
  findLesson,
  findLessonStep,
  LESSONS,
  resolveLesson,
  resolveStep,
  scenarioRefs,
  stepChallenge,
} from './lessons';
import { ipsGrow } from './presets/address-planning';
import { findPreset } from './presets';
import { islandTwoClusters } from './presets/network-models';
import { weaveRouted } from './presets/weave';
import { URL_SAFE_ID, type LessonTopic } from './types';

const SEEDS = [0, 1, 7, 42, 2024];

/** Sentences in a step text: ends of sentences followed by a space and a capital, plus one. */
const sentences = (text: string): number =>
  (text.match(/[.!?](?=\s+["'A-Z0-9])/g) ?? []).length + 1;

describe('LESSONS', () => {
  it('has unique URL-safe lesson ids and, per lesson, unique URL-safe step ids', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of LESSONS) {
      expect(l.id).toMatch(URL_SAFE_ID);
      expect(findLesson(l.id)).toBe(l);
      const stepIds = l.steps.map((s) => s.id);
      expect(new Set(stepIds).size, l.id).toBe(stepIds.length);
      for (const s of l.steps) {
        expect(s.id, `${l.id}/${s.id}`).toMatch(URL_SAFE_ID);
        expect(findLessonStep(l.id, s.id)?.index).toBe(l.steps.indexOf(s));
      }
    }
    expect(findLesson('nope')).toBeNull();
    expect(findLessonStep('flat', 'nope')).toBeNull();
  });

  it('has a lesson for every network model, every way to expose a Service, pod networks, IPv6 and planning', () => {
    const topics = new Map<LessonTopic, number>();
    for (const l of LESSONS) topics.set(l.topic, (topics.get(l.topic) ?? 0) + 1);
    expect(topics.get('network-model')).toBeGreaterThanOrEqual(4);
    expect(topics.get('service-exposure')).toBeGreaterThanOrEqual(5);
    for (const t of ['pod-network', 'ipv6', 'planning'] as const)
      expect(topics.get(t), t).toBeGreaterThanOrEqual(1);

    // Each network model has a lesson whose presets use it.
    const modelsTaught = new Set(
      LESSONS.filter((l) => l.topic === 'network-model').flatMap((l) =>
        l.steps.flatMap((s) => (s.preset ? [findPreset(s.preset)?.scenario.model] : [])),
      ),
    );
    expect(modelsTaught).toEqual(new Set(['flat', 'air-gapped', 'island', 'archipelago']));

    // The island lesson walks through every gateway kind: nodes (NodePort), VIP, proxy, SNAT egress.
    const island = findLesson('island');
    const kinds = new Set(
      resolveLesson(
        island ?? { id: '', title: '', summary: '', topic: 'network-model', steps: [] },
      ).flatMap((r) => (r.trace?.hops ?? []).map((h) => `${h.kind}:${h.action}`)),
    );
    for (const k of ['node:dnat', 'gateway:route', 'proxy:proxy', 'node:snat'])
      expect(kinds.has(k), k).toBe(true);

    // NodePort is taught with both traffic policies; an overlay and a routed network both appear.
    const nodeport = resolveLesson(findLesson('nodeport') ?? LESSONS[0]!);
    const policies = new Set(
      nodeport.map(
        (r) =>
          r.filled?.clusters[0]?.services.find((s) => s.name === 'foo')?.externalTrafficPolicy ??
          DEFAULTS.externalTrafficPolicy,
      ),
    );
    expect(policies).toEqual(new Set(['Cluster', 'Local']));
    const podNet = resolveLesson(findLesson('routed-vs-overlay') ?? LESSONS[0]!);
    expect(new Set(podNet.map((r) => r.filled?.clusters[0]?.podNetwork))).toEqual(
      new Set(['routed', 'overlay']),
    );
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
    const resolved = resolveLesson(lesson);

    it('starts from a preset and every step names an existing preset', () => {
      expect(lesson.steps[0]?.preset).toBeDefined();
      for (const s of lesson.steps)
        if (s.preset) expect(findPreset(s.preset), s.preset).not.toBeNull();
    });

    it('resolves every step: its preset exists and its changes apply', () => {
      for (const r of resolved) {
        expect(r.error, r.step.id).toBeNull();
        expect(r.scenario, r.step.id).not.toBeNull();
      }
    });

    it('keeps texts short and plain (1-3 sentences, under 400 characters)', () => {
      for (const s of lesson.steps) {
        expect(s.text.length, s.id).toBeLessThan(400);
        expect(sentences(s.text), `${s.id}: ${s.text}`).toBeLessThanOrEqual(3);
        expect(s.title.length, s.id).toBeGreaterThan(0);
      }
    });

    it('traces every step flow with the verdict (and reason) the lesson expects', () => {
      for (const r of resolved) {
        const s = r.step;
        if (!s.flow) {
          expect(s.expect?.verdict, `${s.id} expects a verdict without a flow`).toBeUndefined();
          continue;
        }
        expect(s.expect?.verdict, `${s.id} has a flow but no expected verdict`).toBeDefined();
        const t = r.trace;
        expect(t).not.toBeNull();
        if (!t) continue;
        expect(t.reason ?? '', s.id).not.toMatch(/^invalid flow/);
        expect(t.verdict, `${s.id}: ${t.reason}`).toBe(s.expect?.verdict);
        if (s.expect?.reason) expect(t.reason ?? '', s.id).toContain(s.expect.reason);
      }
    });

    it('shows no errors except the ones a step is about', () => {
      for (const r of resolved) {
        const errors = r.findings.filter((f) => f.severity === 'error');
        const about = r.step.expect?.finding;
        if (about) {
          expect(
            r.findings.some((f) => f.message.includes(about)),
            `${r.step.id} should show "${about}"`,
          ).toBe(true);
        } else {
          expect(errors, r.step.id).toEqual([]);
        }
      }
    });

    it('stops and asks only at hops that exist in the trace', () => {
      for (const r of resolved) {
        const n = r.trace?.hops.length ?? 0;
        if (r.step.stopAtHop !== undefined) {
          expect(r.trace, r.step.id).not.toBeNull();
          expect(r.step.stopAtHop, r.step.id).toBeGreaterThanOrEqual(0);
          expect(r.step.stopAtHop, r.step.id).toBeLessThan(n);
        }
        if (r.step.challenge) {
          expect(r.trace, r.step.id).not.toBeNull();
          expect(r.step.challenge.hop, r.step.id).toBeLessThan(n);
        }
      }
    });

    it("highlights only objects the step's scenario has", () => {
      for (const r of resolved) {
        if (!r.filled) continue;
        const refs = scenarioRefs(r.filled);
        for (const ref of r.step.highlight ?? [])
          expect(refs.has(ref), `${r.step.id}: ${ref}`).toBe(true);
      }
    });

    it("builds every challenge: 3-4 distinct choices, the engine's answer among them, for any seed", () => {
      for (const r of resolved) {
        const spec = r.step.challenge;
        if (!spec || !r.trace || !r.filled) continue;
        for (const seed of SEEDS) {
          const res = stepChallenge(r, seed);
          expect(res.ok, `${r.step.id}: ${res.ok ? '' : res.error}`).toBe(true);
          if (!res.ok) continue;
          const c = res.challenge;
          expect(c.choices.length).toBeGreaterThanOrEqual(3);
          expect(c.choices.length).toBeLessThanOrEqual(4);
          expect(new Set(c.choices).size).toBe(c.choices.length);
          expect(c.answerIndex).toBeGreaterThanOrEqual(0);
          expect(c.answerHop).toBeGreaterThanOrEqual(spec.hop);
          expect(c.explanation.length).toBeGreaterThan(0);
          // The answer is what the trace shows at the answer hop.
          const hop = r.trace.hops[c.answerHop];
          const right = c.choices[c.answerIndex] ?? '';
          if (spec.ask === 'source-ip-at-backend' || spec.ask === 'source-after-snat')
            expect(right).toBe(hop?.packet.src);
          if (spec.ask === 'dns-answer') expect(right).toBe(hop?.packet.dst);
          if (spec.ask === 'drop-reason') expect(r.trace.verdict).toBe('dropped');
        }
      }
    });
  });

  it('grows ips-small into exactly ips-grow in the planning lesson', () => {
    const planning = findLesson('address-planning');
    expect(planning).not.toBeNull();
    if (!planning) return;
    const last = resolveLesson(planning)
      .filter((r) => r.scenario)
      .at(-1);
    expect(last?.scenario?.clusters).toEqual(ipsGrow.clusters);
  });

  it('resolves one step the same way as the whole lesson, and refuses indexes out of range', () => {
    const island = findLesson('island');
    if (!island) throw new Error('island lesson missing');
    const all = resolveLesson(island);
    expect(resolveStep(island, 3)?.trace).toEqual(all[3]?.trace);
    expect(resolveStep(island, -1)).toBeNull();
    expect(resolveStep(island, island.steps.length)).toBeNull();
  });

  it('reports a missing preset, a first step without one, and a change that cannot apply', () => {
    const base = { id: 'x', title: 'x', summary: 'x', topic: 'planning' as const };
    expect(
      resolveLesson({ ...base, steps: [{ id: 'a', title: 'a', text: 'a', preset: 'nope' }] })[0]
        ?.error,
    ).toMatch(/no preset/);
    expect(
      resolveLesson({ ...base, steps: [{ id: 'a', title: 'a', text: 'a' }] })[0]?.error,
    ).toMatch(/must name a preset/);
    const bad = resolveLesson({
      ...base,
      steps: [
        {
          id: 'a',
          title: 'a',
          text: 'a',
          preset: 'models-island',
          change: [{ setService: { name: 'web', patch: {} } }],
        },
      ],
    });
    expect(bad[0]?.error).toMatch(/name the cluster/);
  });
});

describe('applyChanges', () => {
  it('changes a copy and leaves the input untouched', () => {
    const before = JSON.stringify(weaveRouted);
    const r = applyChanges(weaveRouted, [
      { setService: { name: 'foo', patch: { externalTrafficPolicy: 'Local' } } },
      { setCluster: { patch: { podNetwork: 'overlay' } } },
      { setModel: 'island' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(weaveRouted)).toBe(before);
    expect(r.scenario.model).toBe('island');
    expect(r.scenario.clusters[0]?.podNetwork).toBe('overlay');
    expect(
      r.scenario.clusters[0]?.services.find((s) => s.name === 'foo')?.externalTrafficPolicy,
    ).toBe('Local');
    // Untouched objects are shared, not copied.
    expect(r.scenario.clusters[0]?.pods).toBe(weaveRouted.clusters[0]?.pods);
  });

  it('removes a field set to undefined and finds objects by namespace', () => {
    const r = applyChanges(weaveRouted, [
      { setService: { name: 'foo', namespace: 'default', patch: { ipFamilyPolicy: undefined } } },
      { removePod: { name: 's2-backend' } },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const foo = r.scenario.clusters[0]?.services.find((s) => s.name === 'foo');
    expect(foo && 'ipFamilyPolicy' in foo).toBe(false);
    expect(r.scenario.clusters[0]?.pods.map((p) => p.name)).not.toContain('s2-backend');
  });

  it('needs the cluster named when there are several, and refuses unknown names and duplicates', () => {
    expect(applyChanges(islandTwoClusters, [{ setService: { name: 'web', patch: {} } }]).ok).toBe(
      false,
    );
    expect(
      applyChanges(islandTwoClusters, [{ setService: { cluster: 'c2', name: 'web', patch: {} } }])
        .ok,
    ).toBe(true);
    const r = applyChanges(islandTwoClusters, [
      { setPod: { cluster: 'c9', name: 'pod-a', patch: {} } },
    ]);
    expect(r.ok ? '' : r.error).toMatch(/change 1: no cluster named "c9"/);
    expect(applyChanges(weaveRouted, [{ setNode: { name: 'node9', patch: {} } }]).ok).toBe(false);
    expect(
      applyChanges(weaveRouted, [{ addPod: { pod: { name: 'foo', nodeName: 'node1' } } }]).ok,
    ).toBe(false);
    expect(
      applyChanges(weaveRouted, [{ addHost: { name: 'x', addresses: ['192.1.6.99'] } }]).ok,
    ).toBe(true);
  });
});

describe('challenges from a lesson step', () => {
  it('gives the same challenge for the same seed', () => {
    const lesson = findLesson('nodeport');
    if (!lesson) throw new Error('nodeport lesson missing');
    const r = resolveLesson(lesson)[2];
    if (!r?.trace || !r.filled || !r.step.challenge) throw new Error('step 3 has a challenge');
    const a = buildChallenge(r.filled, r.trace, r.step.challenge, 5);
    const b = buildChallenge(r.filled, r.trace, r.step.challenge, 5);
    expect(a).toEqual(b);
  });
});
