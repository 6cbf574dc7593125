/**
 * One call for "what does Kubernetes make of this scenario": IPAM fills what is left out,
 * validation checks the result, capacity counts what is left. The plan CLI prints it; the
 * store derives the same from it.
 */
import { clusterCapacity, type FamilyCapacity } from './capacity';
import type { Finding } from './findings';
import { fillScenario } from './ipam';
import type { Scenario } from './schema';
import { validateScenario } from './validate';

export interface Analysis {
  /** The scenario with every address filled in. */
  scenario: Scenario;
  /** `${objectRef}#${field}` for every value IPAM filled. */
  filled: Set<string>;
  /** Allocation findings, then validation findings; each (object, field, message) once. */
  findings: Finding[];
  capacity: Array<{ cluster: string; families: FamilyCapacity[] }>;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.object}\u0000${f.field}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** Errors first, then warnings, then infos; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || i - j)
    .map(([f]) => f);
}

export function analyzeScenario(input: Scenario, opts: { capacity?: boolean } = {}): Analysis {
  const filled = fillScenario(input);
  const findings = sortFindings(
    dedupeFindings([...filled.findings, ...validateScenario(filled.scenario)]),
  );
  const capacity =
    opts.capacity === false
      ? []
      : filled.scenario.clusters.map((c) => ({
          cluster: c.name,
          families: clusterCapacity(c),
        }));
  return { scenario: filled.scenario, filled: filled.filled, findings, capacity };
}
