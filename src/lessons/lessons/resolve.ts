/**
 * What a lesson step shows, computed from the lesson data: the scenario (the step's preset, or
 * the previous step's scenario, with the step's changes applied), the scenario after IPAM, its
 * findings, and the trace of the step's flow. Pure; nothing throws: a step that cannot be
 * resolved carries an error message.
 */
import { fillScenario } from '../../core/model/ipam';
import type { Finding } from '../../core/model/findings';
import {
  archipelagoRef,
  clusterRef,
  gatewayRef,
  hostRef,
  ingressRef,
  networkRef,
  nodeRef,
  podRef,
  serviceRef,
} from '../../core/model/refs';
import type { Scenario } from '../../core/model/schema';
import { validateScenario } from '../../core/model/validate';
import { trace, type Trace } from '../../core/sim';
import { buildChallenge, type ChallengeResult } from '../challenge';
import { findPreset } from '../presets';
import type { Lesson, LessonStep } from '../types';
import { applyChanges } from './patch';

export interface ResolvedStep {
  index: number;
  step: LessonStep;
  /** The scenario as the step defines it (sparse: IPAM has not run). */
  scenario: Scenario | null;
  /** After IPAM: what the diagram draws and the trace runs on. */
  filled: Scenario | null;
  /** IPAM findings, then validation findings of the filled scenario. */
  findings: Finding[];
  /** The trace of the step's flow, or null without a flow. */
  trace: Trace | null;
  /** Why the step cannot be shown, or null. */
  error: string | null;
}

function empty(index: number, step: LessonStep, error: string): ResolvedStep {
  return { index, step, scenario: null, filled: null, findings: [], trace: null, error };
}

function resolveOne(index: number, step: LessonStep, inherited: Scenario | null): ResolvedStep {
  let base = inherited;
  if (step.preset !== undefined) {
    const p = findPreset(step.preset);
    if (!p) return empty(index, step, `no preset "${step.preset}"`);
    base = p.scenario;
  }
  if (!base) return empty(index, step, 'the first step of a lesson must name a preset');
  const changed = applyChanges(base, step.change ?? []);
  if (!changed.ok) return empty(index, step, changed.error);
  const fill = fillScenario(changed.scenario);
  const findings = [...fill.findings, ...validateScenario(fill.scenario)];
  const t = step.flow ? trace(fill.scenario, step.flow) : null;
  return {
    index,
    step,
    scenario: changed.scenario,
    filled: fill.scenario,
    findings,
    trace: t,
    error: null,
  };
}

/** Every step of a lesson, in order (each step builds on the one before). */
export function resolveLesson(lesson: Lesson): ResolvedStep[] {
  const out: ResolvedStep[] = [];
  let prev: Scenario | null = null;
  lesson.steps.forEach((step, i) => {
    const r = resolveOne(i, step, prev);
    out.push(r);
    if (r.scenario) prev = r.scenario;
  });
  return out;
}

/** One step of a lesson (resolves the steps before it too). */
export function resolveStep(lesson: Lesson, index: number): ResolvedStep | null {
  if (!Number.isInteger(index) || index < 0 || index >= lesson.steps.length) return null;
  return resolveLesson({ ...lesson, steps: lesson.steps.slice(0, index + 1) })[index] ?? null;
}

/** The challenge of a resolved step, or an error when it has none or it does not fit. */
export function stepChallenge(r: ResolvedStep, seed: number): ChallengeResult {
  const spec = r.step.challenge;
  if (!spec) return { ok: false, error: 'the step has no challenge' };
  if (!r.filled || !r.trace)
    return { ok: false, error: r.error ?? 'the step has no flow to ask about' };
  return buildChallenge(r.filled, r.trace, spec, seed);
}

/** Every object ref of a scenario (model/refs.ts), for checking highlights. */
export function scenarioRefs(s: Scenario): Set<string> {
  const out = new Set<string>();
  for (const n of s.networks) out.add(networkRef(n.name));
  for (const h of s.hosts ?? []) out.add(hostRef(h.name));
  for (const a of s.archipelagos ?? []) out.add(archipelagoRef(a.name));
  for (const c of s.clusters) {
    out.add(clusterRef(c.name));
    for (const n of c.nodes) out.add(nodeRef(c.name, n.name));
    for (const p of c.pods) out.add(podRef(c.name, p.namespace, p.name));
    for (const x of c.services) out.add(serviceRef(c.name, x.namespace, x.name));
    for (const i of c.ingresses ?? []) out.add(ingressRef(c.name, i.namespace, i.name));
    for (const g of c.gateways ?? []) out.add(gatewayRef(c.name, g.name));
  }
  return out;
}
