/**
 * What the app opens on: `?scenario=<id>` (a preset id like
 * `preset:network-models:singleCluster`, or `scale:1000x10`), `?theme=dark|light`, else the
 * system theme. Loading from the URL is not undoable.
 */
import { appStore } from '../store';
import { beginWorkshop, startStandalone, startWorkshop } from './modes';
import { findScenario } from './scenarios';
import { beginSession, finishSession } from './startSession';

export function startFromUrl(): void {
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
