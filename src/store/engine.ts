/**
 * The one place the store reaches into the core's engines (IPAM, validation, trace), so the
 * rest of the UI depends on a single, small surface.
 */
import { fillScenario } from '../core/model/ipam';
import { validateScenario } from '../core/model/validate';
import type { Finding } from '../core/model/findings';
import type { Scenario } from '../core/model/schema';
import { describeTrace, suggestFlows, trace } from '../core/sim/index';
import type { Flow, Trace } from '../core/sim/types';

export interface FillOutput {
  scenario: Scenario;
  findings: Finding[];
  filled: Set<string>;
}

export function fill(s: Scenario): FillOutput {
  return fillScenario(s);
}

export function validate(s: Scenario): Finding[] {
  return validateScenario(s);
}

export interface Suggestion {
  id: string;
  label: string;
  flow: Flow;
}

const INVALID = 'invalid flow: ';

/** Trace a flow; an error text when the engine refuses it (unknown endpoint, ambiguous name). */
export function runTrace(s: Scenario, flow: Flow): Trace | { error: string } {
  const t = trace(s, flow);
  if (t.hops.length === 0 && t.reason?.startsWith(INVALID)) {
    return { error: `This flow cannot be traced: ${t.reason.slice(INVALID.length)}` };
  }
  return t;
}

export function suggest(s: Scenario): Suggestion[] {
  return suggestFlows(s);
}

export function describe(t: Trace): string {
  return describeTrace(t);
}
