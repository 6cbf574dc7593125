/**
 * What the app opens on: `?scenario=<id>` (a preset id like
 * `preset:network-models:singleCluster`, or `scale:1000x10`), `?theme=dark|light`, else the
 * system theme. Loading from the URL is not undoable.
 *
 * A share link in the address bar, an autosaved session or a previous list is read with the
 * share codec, which is not part of the first download (deferred.ts): startup then waits for it,
 * and the app shows nothing until it has started (useStarted), so the default scenario never
 * flashes up before the one being restored. A first visit starts at once.
 */
import { useSyncExternalStore } from 'react';
import { appStore } from '../store';
import { hasAutosave } from './autosave';
import { loadDeferred } from './deferred';
import { beginWorkshop, startStandalone, startWorkshop } from './modes';
import { notify } from './notices';
import { hasStoredPrevious } from './previous';
import { findScenario } from './scenarios';
import { beginSession, finishSession } from './startSession';

let started = true;
const listeners = new Set<() => void>();

function setStarted(v: boolean): void {
  started = v;
  for (const l of listeners) l();
}

/** False while startup waits for the share codec; the app renders once it is true. */
export function useStarted(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => started,
  );
}

function needsCodec(): boolean {
  if (window.location.hash.replace(/^#/, '').trim() !== '') return true;
  if (new URLSearchParams(window.location.search).get('notes') !== null) return false;
  return hasAutosave() || hasStoredPrevious();
}

export function startFromUrl(): void {
  if (!needsCodec()) {
    start();
    return;
  }
  setStarted(false);
  loadDeferred()
    .catch(() => {
      notify({
        kind: 'error',
        text: 'Part of Packetwalk could not be loaded, so your last session and any link were not opened. Reload the page to try again.',
      });
    })
    .then(() => {
      try {
        start();
      } finally {
        setStarted(true);
      }
    });
}

function start(): void {
  const workshop = beginWorkshop(); // ?mode=, ?embed=, ?lesson=&step=, ?preset= (app/modes.ts)
  if (startStandalone(workshop)) return; // embeds and the speaker-notes window keep no session
  beginSession(); // restore the autosave first: a preset in the URL then replaces it, kept as previous
  const a = appStore.getState().actions;
  const q = new URLSearchParams(window.location.search);
  const theme = q.get('theme');
  if (theme === 'dark' || theme === 'light') a.setTheme(theme);
  else if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) a.setTheme('dark');
  const id = q.get('scenario');
  if (id) {
    const entry = findScenario(id);
    if (entry) a.load(entry.load(), { source: entry.id });
  }
  finishSession(); // a share link in the address bar, then autosave, file drop and paste
  startWorkshop(workshop); // then the lesson step or preset the URL (or the link) names
}
