/**
 * The app's store instance and its React hook. Components read with selectors
 * (`useAppStore((s) => s.selection)`), lists select ids with `useShallow`, and call
 * `useActions()` for the stable action object documented in store.ts.
 */
import { useDeferredValue } from 'react';
import { useStore } from 'zustand';
import { singleCluster } from '../lessons/presets/network-models';
import { pickToFlow } from './pick';
import { createAppStore, type AppActions, type AppState } from './store';

export const appStore = createAppStore(
  { scenario: singleCluster, source: 'preset:network-models:singleCluster' },
  pickToFlow,
);

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export function useActions(): AppActions {
  return useStore(appStore, (s) => s.actions);
}

/**
 * The scenario, deferred: for work that may lag a frame behind an edit (validation,
 * suggested flows, reachability), so the diagram redraws first.
 */
export function useDeferredScenario() {
  return useDeferredValue(useStore(appStore, (s) => s.scenario));
}

export type { AppState, AppActions, FlowChoice, Leg, Panel, Theme, Playback } from './store';
export { SPEEDS } from './store';
export { analyze, derive, worstSeverity, type Analysis, type Derived, type Rec } from './derive';
export {
  selectTrace,
  selectTraceResult,
  selectPath,
  selectSuggestions,
  selectDescription,
} from './trace';
export { squash, STEP, NOT_UNDOABLE, type UndoIntent } from './history';
export * as edits from './edits';
