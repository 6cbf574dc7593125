/**
 * Opening a talk's preset (lessons/presets) with one of its flows. The load is not undoable;
 * what it replaces is kept by app/previous.ts. When the scenario picker (app/scenarios.ts)
 * lists the same scenario, its entry id is the source, so the picker shows it and previous.ts
 * knows it can simply be opened again.
 */
import { SCENARIOS } from '../../app/scenarios';
import { findPreset, PRESETS, TALKS } from '../../lessons/presets';
import type { Preset, TalkId } from '../../lessons/types';
import { appStore } from '../../store';
import { lessonStore } from '../../store/lessons';

export const presetFlowId = (presetId: string, flowId: string) => `preset:${presetId}:${flowId}`;

/** The picker's id for the preset's scenario, else `preset:<id>`. */
export function presetSource(p: Preset): string {
  const entry = SCENARIOS.find((e) => {
    try {
      return e.id.startsWith('preset:') && e.load() === p.scenario;
    } catch {
      return false;
    }
  });
  return entry?.id ?? `preset:${p.id}`;
}

/** Loads a preset and chooses its flow (`flowId`, else its first), paused at the first hop. */
export function openPreset(presetId: string, flowId?: string | null): boolean {
  const p = findPreset(presetId);
  if (!p) return false;
  lessonStore.getState().actions.close();
  const a = appStore.getState().actions;
  a.load(p.scenario, { source: presetSource(p) });
  const f = (p.flows ?? []).find((x) => x.id === flowId) ?? p.flows?.[0];
  if (f) a.chooseFlow({ id: presetFlowId(p.id, f.id), label: f.label, flow: f.flow });
  return true;
}

export interface TalkGroup {
  talk: TalkId;
  title: string;
  byline: string;
  presets: Preset[];
}

/** The presets grouped by talk, talks in the order their first preset comes in PRESETS. */
export function presetsByTalk(): TalkGroup[] {
  const groups = new Map<TalkId, TalkGroup>();
  for (const p of PRESETS) {
    let g = groups.get(p.talk);
    if (!g) {
      const t = TALKS[p.talk];
      g = {
        talk: p.talk,
        title: t.title,
        byline: [t.speaker, t.event].filter(Boolean).join(', '),
        presets: [],
      };
      groups.set(p.talk, g);
    }
    g.presets.push(p);
  }
  return [...groups.values()];
}
