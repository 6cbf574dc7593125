/**
 * Loading never destroys work: whenever a load (a preset, a file, a paste, a share link, New,
 * Reset) replaces a scenario that cannot simply be opened again, the replaced session (scenario,
 * undo history, view) goes to the front of a short "previous" list kept in localStorage, and a
 * notice offers "Undo load". Loads stay out of the undo history (store.ts): this list is how
 * they are taken back.
 *
 * It listens to the store rather than wrapping load(), so every way of loading is covered,
 * including ones added later.
 */
import { createStore } from 'zustand/vanilla';
import { appStore, type AppState } from '../store';
import {
  previousEntry,
  pushPrevious,
  readPrevious,
  readSessionValue,
  STORAGE_KEYS,
  writePrevious,
  type PreviousEntry,
  type Session,
} from '../store/persist';
import { notify } from './notices';
import { findScenario } from './scenarios';
import { applySession, currentViewport, sameScenario } from './session';
import { storage } from './storage';

export interface PreviousState {
  entries: PreviousEntry[];
}

export const previousStore = createStore<PreviousState>()(() => ({ entries: [] }));

let quiet = 0;
let restoring = false;
let started = false;

/** Runs `fn` without keeping what it replaces (restoring the autosave at startup). */
export function quietly(fn: () => void): void {
  quiet++;
  try {
    fn();
  } finally {
    quiet--;
  }
}

function sessionOf(s: AppState): Session {
  return {
    scenario: s.scenario,
    source: s.source,
    history: s.history,
    view: {
      flow: s.flow,
      hop: s.playback.hop,
      leg: s.playback.leg,
      selection: s.selection,
      panel: s.panel,
      speed: s.playback.speed,
      // The store changes before the diagram redraws: this is still the replaced one's view.
      viewport: currentViewport(),
    },
  };
}

/** A replaced session is worth keeping unless it is an unedited preset (which can be reopened). */
export function worthKeeping(s: Pick<AppState, 'scenario' | 'source' | 'history'>): boolean {
  if (s.history.past.length > 0 || s.history.future.length > 0) return true;
  if (s.source.startsWith('scale:')) return false; // generated again on request
  const entry = findScenario(s.source);
  if (!entry) return true;
  return !sameScenario(entry.load(), s.scenario);
}

function save(entries: PreviousEntry[]) {
  previousStore.setState({ entries });
  storage.set(STORAGE_KEYS.previous, writePrevious(entries));
}

/** Reads the stored list and starts keeping replaced scenarios. */
export function startPreviousTracking(): void {
  if (started) return;
  started = true;
  const stored = storage.get(STORAGE_KEYS.previous);
  if (stored !== null) {
    const r = readPrevious(stored);
    if (r.ok) previousStore.setState({ entries: r.value });
  }
  appStore.subscribe((s, prev) => {
    if (s.loads === prev.loads || quiet > 0) return;
    if (!worthKeeping(prev) || sameScenario(prev.scenario, s.scenario)) return;
    const entry = previousEntry(sessionOf(prev), new Date().toISOString());
    save(pushPrevious(previousStore.getState().entries, entry));
    if (!restoring) {
      notify({
        kind: 'info',
        text: `“${entry.label}” was replaced. You can get it back here or from File ▸ Restore previous.`,
        action: { label: 'Undo load', run: () => restorePrevious(entry) },
        tag: 'load',
      });
    }
  });
}

/** Puts a previous session back; the one on screen takes its place in the list. */
export function restorePrevious(entry: PreviousEntry): boolean {
  const r = readSessionValue(entry.session);
  const rest = previousStore.getState().entries.filter((e) => e !== entry);
  if (!r.ok) {
    save(rest);
    notify({ kind: 'error', text: `“${entry.label}” could not be restored: ${r.error}` });
    return false;
  }
  previousStore.setState({ entries: rest });
  const before = previousStore.getState().entries[0];
  restoring = true;
  try {
    applySession(r.value);
  } finally {
    restoring = false;
  }
  const now = previousStore.getState().entries;
  if (now === rest) save(rest); // nothing was pushed: still persist the removal
  const swapped = now[0] !== before ? now[0] : undefined;
  notify({
    kind: 'info',
    tag: 'load',
    text: `Restored “${entry.label}”.`,
    ...(r.warnings.length > 0 ? { details: r.warnings } : {}),
    ...(swapped ? { action: { label: 'Undo', run: () => restorePrevious(swapped) } } : {}),
  });
  return true;
}
