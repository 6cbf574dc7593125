/**
 * The traced flow as derived data: memoised on (filled scenario, flow), so the hop list, the
 * animation and the hop card all read the same Trace object.
 */
import type { Hop, Trace } from '../core/sim/types';
import { tracePath, type TracePath } from '../core/layout/path';
import type { Layout } from '../core/layout/types';
import type { Scenario } from '../core/model/schema';
import { derive } from './derive';
import { describe, runTrace, suggest, type Suggestion } from './engine';
import type { AppState, FlowChoice, Leg } from './store';

export interface TraceResult {
  choice: FlowChoice;
  trace: Trace | null;
  error: string | null;
}

let last: { filled: Scenario; choice: FlowChoice; result: TraceResult } | null = null;

export function selectTraceResult(s: Pick<AppState, 'scenario' | 'flow'>): TraceResult | null {
  if (!s.flow) return null;
  const filled = derive(s.scenario).filled;
  if (last && last.filled === filled && last.choice === s.flow) return last.result;
  let result: TraceResult;
  try {
    const t = runTrace(filled, s.flow.flow);
    result =
      'error' in t
        ? { choice: s.flow, trace: null, error: t.error }
        : { choice: s.flow, trace: t, error: null };
  } catch (e) {
    result = {
      choice: s.flow,
      trace: null,
      error: `The trace failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  last = { filled, choice: s.flow, result };
  return result;
}

export interface LegView {
  leg: Leg;
  hops: Hop[];
  trace: Trace;
}

const legCache = new WeakMap<Trace, Partial<Record<Leg, LegView>>>();

/** The hops of the leg being played (request or reply), or null when nothing is traced. */
export function selectTrace(s: Pick<AppState, 'scenario' | 'flow' | 'playback'>): LegView | null {
  const r = selectTraceResult(s);
  if (!r || !r.trace) return null;
  const leg: Leg = s.playback.leg === 'reply' && r.trace.reply ? 'reply' : 'request';
  const byLeg = legCache.get(r.trace) ?? {};
  const hit = byLeg[leg];
  if (hit) return hit;
  const view: LegView = {
    leg,
    hops: leg === 'reply' ? (r.trace.reply ?? []) : r.trace.hops,
    trace: r.trace,
  };
  byLeg[leg] = view;
  legCache.set(r.trace, byLeg);
  return view;
}

const pathCache = new WeakMap<Layout, WeakMap<Hop[], TracePath>>();

/** Where the current leg runs on the drawing. */
export function selectPath(s: Pick<AppState, 'scenario' | 'flow' | 'playback'>): TracePath | null {
  const v = selectTrace(s);
  if (!v) return null;
  const layout = derive(s.scenario).layout;
  let m = pathCache.get(layout);
  if (!m) {
    m = new WeakMap();
    pathCache.set(layout, m);
  }
  const hit = m.get(v.hops);
  if (hit) return hit;
  const p = tracePath(layout, v.hops);
  m.set(v.hops, p);
  return p;
}

const suggestCache = new WeakMap<Scenario, Suggestion[]>();

export function selectSuggestions(s: Pick<AppState, 'scenario'>): Suggestion[] {
  const filled = derive(s.scenario).filled;
  const hit = suggestCache.get(filled);
  if (hit) return hit;
  let list: Suggestion[] = [];
  try {
    list = suggest(filled);
  } catch {
    list = [];
  }
  suggestCache.set(filled, list);
  return list;
}

const describeCache = new WeakMap<Trace, string>();

export function selectDescription(s: Pick<AppState, 'scenario' | 'flow'>): string {
  const r = selectTraceResult(s);
  if (!r || !r.trace) return r?.error ?? '';
  const hit = describeCache.get(r.trace);
  if (hit !== undefined) return hit;
  let text = '';
  try {
    text = describe(r.trace);
  } catch {
    text = '';
  }
  describeCache.set(r.trace, text);
  return text;
}
