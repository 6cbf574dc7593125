/**
 * The scenario picker's entries: every scenario exported by src/lessons/presets/*.ts (found at
 * build time, so a new preset appears without touching this file), plus generated scale tests.
 */
import { syntheticScenario } from '../core/layout/synthetic';
import type { Scenario } from '../core/model/schema';

export interface ScenarioEntry {
  id: string;
  label: string;
  load: () => Scenario;
}

const modules = import.meta.glob<Record<string, unknown>>(
  ['../lessons/presets/*.ts', '!../lessons/presets/*.test.ts'],
  {
    eager: true,
  },
);

const isScenario = (v: unknown): v is Scenario =>
  typeof v === 'object' &&
  v !== null &&
  (v as { version?: unknown }).version === 1 &&
  Array.isArray((v as { clusters?: unknown }).clusters);

function presetEntries(): ScenarioEntry[] {
  const out: ScenarioEntry[] = [];
  const files = Object.keys(modules).sort((a, b) =>
    a.includes('network-models') ? -1 : b.includes('network-models') ? 1 : a < b ? -1 : 1,
  );
  for (const file of files) {
    const mod = modules[file] ?? {};
    const stem = file.replace(/^.*\//, '').replace(/\.ts$/, '');
    for (const [name, value] of Object.entries(mod)) {
      if (!isScenario(value)) continue;
      out.push({
        id: `preset:${stem}:${name}`,
        label: value.name ?? `${stem} ${name}`,
        load: () => value,
      });
    }
  }
  return out;
}

export const SCALE_ENTRIES: ScenarioEntry[] = [
  {
    id: 'scale:20x4',
    label: 'Scale: 20 nodes, 80 pods',
    load: () => syntheticScenario({ nodes: 20, podsPerNode: 4, services: 6 }),
  },
  {
    id: 'scale:100x10',
    label: 'Scale: 100 nodes, 1,000 pods',
    load: () => syntheticScenario({ nodes: 100, podsPerNode: 10 }),
  },
  {
    id: 'scale:1000x10',
    label: 'Scale: 1,000 nodes, 10,000 pods',
    load: () => syntheticScenario({ nodes: 1000, podsPerNode: 10, services: 20 }),
  },
];

export const SCENARIOS: ScenarioEntry[] = [...presetEntries(), ...SCALE_ENTRIES];

/** `scale:NxP` for any N nodes and P pods per node (the benchmarks ask for sizes by URL). */
export function findScenario(id: string): ScenarioEntry | null {
  const hit = SCENARIOS.find((e) => e.id === id);
  if (hit) return hit;
  const m = /^scale:(\d{1,4})x(\d{1,3})$/.exec(id);
  if (m) {
    const nodes = Number(m[1]);
    const ppn = Number(m[2]);
    return {
      id,
      label: `Scale: ${nodes} nodes × ${ppn} pods`,
      load: () => syntheticScenario({ nodes, podsPerNode: ppn }),
    };
  }
  return null;
}
