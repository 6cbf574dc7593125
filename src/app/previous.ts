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
import type { PreviousEntry, Session } from '../store/persist';
import { deferredNow, loadDeferred, SAVED_KEYS, type Deferred } from './deferred';
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

function save(d: Deferred, entries: PreviousEntry[]) {
  previousStore.setState({ entries });
  storage.set(SAVED_KEYS.previous, d.persist.writePrevious(entries));
}

/** Whether a previous list is stored (startup then loads its reader first, see deferred.ts). */
export function hasStoredPrevious(): boolean {
  return storage.get(SAVED_KEYS.previous) !== null;
}

function readStored(d: Deferred, stored: string): void {
  const r = d.persist.readPrevious(stored);
  if (r.ok) previousStore.setState({ entries: r.value });
}

/** Puts a replaced session at the front of the list, and offers to take the load back. */
function keep(d: Deferred, replaced: Session, notice: boolean): void {
  const entry = d.persist.previousEntry(replaced, new Date().toISOString());
  save(d, d.persist.pushPrevious(previousStore.getState().entries, entry));
  if (notice) {
    notify({
      kind: 'info',
      text: `“${entry.label}” was replaced. You can get it back here or from File ▸ Restore previous.`,
      action: { label: 'Undo load', run: () => restorePrevious(entry) },
      tag: 'load',
    });
  }
}

/** Reads the stored list and starts keeping replaced scenarios. */
export function startPreviousTracking(): void {
  if (started) return;
  started = true;
  const stored = storage.get(SAVED_KEYS.previous);
  if (stored !== null) {
    const d = deferredNow();
    if (d) readStored(d, stored);
    else
      loadDeferred().then(
        (d2) => readStored(d2, stored),
        () => undefined,
      );
  }
  appStore.subscribe((s, prev) => {
    if (s.loads === prev.loads || quiet > 0) return;
    if (!worthKeeping(prev) || sameScenario(prev.scenario, s.scenario)) return;
    const replaced = sessionOf(prev);
    const notice = !restoring;
    const d = deferredNow();
    if (d) keep(d, replaced, notice);
    // The writer is still loading (deferred.ts): what was replaced is taken now, kept once it is in.
    else
      loadDeferred().then(
        (d2) => keep(d2, replaced, notice),
        () => undefined,
      );
  });
}

/** Puts a previous session back; the one on screen takes its place in the list. */
export function restorePrevious(entry: PreviousEntry): boolean {
  const d = deferredNow();
  if (!d) {
    // Entries come from the list, read with the session store: it is loaded by now.
    loadDeferred().then(
      () => restorePrevious(entry),
      () => undefined,
    );
    return false;
  }
  const r = d.persist.readSessionValue(entry.session);
  const rest = previousStore.getState().entries.filter((e) => e !== entry);
  if (!r.ok) {
    save(d, rest);
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
  if (now === rest) save(d, rest); // nothing was pushed: still persist the removal
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
