/**
 * Autosave: the session (scenario, undo history, flow, hop, selection, pan and zoom, theme) is
 * written to web storage shortly after every change and when the page is hidden or closed, and
 * read back at startup, so a reload shows exactly what was there. It goes to sessionStorage (this
 * tab: a reload restores this tab's work even if another tab saved since) and to localStorage
 * (a new tab or a later visit opens on the latest work).
 *
 * A saved session that cannot be read is never overwritten blindly: it is moved to its own key
 * first (STORAGE_KEYS.unreadable) and the app says so.
 */
import { appStore, type AppState } from '../store';
import type { Session } from '../store/persist';
import { deferredNow, loadDeferred, preloadDeferred, SAVED_KEYS } from './deferred';
import { notify, summarize } from './notices';
import { quietly, worthKeeping } from './previous';
import { findScenario } from './scenarios';
import { applySession, currentSession } from './session';
import { storage, tabStorage } from './storage';

/** Quiet time before a save; longer for large scenarios, whose encoding takes tens of ms. */
const DELAY_MS = 400;
const LARGE_DELAY_MS = 1_500;
const LARGE_OBJECTS = 2_000;

let restored: Session | null = null;
let unread = false;

/** The autosaved text: this tab's own session first (a reload), else the site's latest. */
function savedText(): string | null {
  return tabStorage.get(SAVED_KEYS.session) ?? storage.get(SAVED_KEYS.session);
}

/** Whether there is an autosaved session to read back (startup then loads the reader first). */
export function hasAutosave(): boolean {
  return savedText() !== null;
}

/**
 * Puts back the autosaved session, without offering the default scenario as "previous". The
 * session store must be loaded (startup.ts waits for it when something is saved); if it could
 * not be, the saved text is left alone.
 */
export function restoreAutosave(): Session | null {
  const text = savedText();
  if (text === null) return null;
  const d = deferredNow();
  if (!d) {
    unread = true; // never overwrite a session that could not even be looked at
    return null;
  }
  const { readSession, STORAGE_KEYS } = d.persist;
  const r = readSession(text, { catalog: (id) => findScenario(id)?.load() ?? null });
  if (!r.ok) {
    storage.set(STORAGE_KEYS.unreadable, text);
    storage.remove(STORAGE_KEYS.session);
    tabStorage.remove(STORAGE_KEYS.session);
    notify({
      kind: 'error',
      text: `Your last session could not be restored. ${r.error} A copy is kept in this browser's storage under “${STORAGE_KEYS.unreadable}”.`,
    });
    return null;
  }
  quietly(() => applySession(r.value));
  if (r.warnings.length > 0) {
    notify({
      kind: 'info',
      text: 'Restored your last session, with gaps.',
      details: summarize(r.warnings),
    });
  }
  restored = r.value;
  return r.value;
}

/** The theme of the restored session, for startup to apply unless the URL names one. */
export function restoredTheme(): Session['theme'] {
  return restored?.theme;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let failed = false;

/**
 * Writes the session now. Returns false when it could not be stored (or, before the session
 * store has loaded, not yet: it is then written as soon as it has).
 */
export function saveNow(): boolean {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (unread) return false;
  const d = deferredNow();
  if (!d) {
    loadDeferred().then(
      () => saveNow(),
      () => undefined,
    );
    return false;
  }
  const { STORAGE_KEYS, writeSession } = d.persist;
  const session = { ...currentSession(), pristine: !worthKeeping(appStore.getState()) };
  const put = (text: string) => {
    tabStorage.set(STORAGE_KEYS.session, text);
    // Success is the shared copy: it is the one that outlives this tab.
    return storage.set(STORAGE_KEYS.session, text);
  };
  let w = writeSession(session);
  let stored = w.ok && put(w.text);
  if (
    !stored &&
    w.ok &&
    w.droppedSteps < session.history.past.length + session.history.future.length
  ) {
    // Storage is full: keep the scenario and the view, drop the undo history.
    w = writeSession({ ...session, history: { past: [], future: [], openSquash: null } });
    stored = w.ok && put(w.text);
  }
  if (!stored && !failed) {
    failed = true;
    notify({
      kind: 'error',
      text: `Autosave could not keep this scenario: ${w.ok ? "the browser's storage is full or turned off" : w.error} Export it as JSON or YAML to keep it.`,
    });
  }
  if (stored) failed = false;
  return stored;
}

const changed = (s: AppState, p: AppState) =>
  s.scenario !== p.scenario ||
  s.history !== p.history ||
  s.flow !== p.flow ||
  s.selection !== p.selection ||
  s.panel !== p.panel ||
  s.theme !== p.theme ||
  s.playback.hop !== p.playback.hop ||
  s.playback.leg !== p.playback.leg ||
  s.playback.speed !== p.playback.speed;

const WARM_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/** Starts writing the session after changes and when the page goes away. */
export function startAutosave(): () => void {
  // Something other than the default opened at startup (`?scenario=`, a link): it is saved as
  // the page goes away even if nothing changes, so the writer is fetched now.
  if (appStore.getState().loads > 0) preloadDeferred();
  const unsubscribe = appStore.subscribe((s, p) => {
    if (!changed(s, p)) return;
    preloadDeferred();
    if (timer !== null) clearTimeout(timer);
    const objects = deferredNow()?.persist.objectCount(s.scenario) ?? 0;
    const delay = objects > LARGE_OBJECTS ? LARGE_DELAY_MS : DELAY_MS;
    timer = setTimeout(() => {
      timer = null;
      // Save when the page is idle, so a save never lands in the middle of a drag or an edit.
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(() => saveNow(), { timeout: 2_000 });
      else saveNow();
    }, delay);
  });
  // Pan and zoom do not go through the store: they are saved here, as the page is left.
  const onHide = () => {
    if (document.visibilityState === 'hidden') saveNow();
  };
  window.addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', onHide);
  // Pan and zoom are saved synchronously as the page goes away: have the writer ready by then.
  const early = { capture: true, passive: true } as const;
  const warm = () => {
    preloadDeferred();
    for (const t of WARM_EVENTS) window.removeEventListener(t, warm, early);
  };
  for (const t of WARM_EVENTS) window.addEventListener(t, warm, early);
  return () => {
    for (const t of WARM_EVENTS) window.removeEventListener(t, warm, early);
    unsubscribe();
    window.removeEventListener('pagehide', saveNow);
    document.removeEventListener('visibilitychange', onHide);
  };
}
