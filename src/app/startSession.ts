/**
 * Session start-up, in two halves around startup.ts's own work (theme, `?scenario=`):
 *   beginSession()   restores the autosave and starts keeping replaced scenarios, so a preset
 *                    named in the URL replaces the restored work without losing it;
 *   finishSession()  opens a share link in the address bar, then starts autosave, file drop
 *                    and paste.
 * With `{ keep: false }` (an embedded diagram in slides) nothing is restored or saved: links
 * still open, and file drop and paste still work.
 */
import { appStore } from '../store';
import { restoreAutosave, restoredTheme, startAutosave } from './autosave';
import { startFileDrop } from './fileDrop';
import { startPreviousTracking } from './previous';
import { startUrlSync } from './urlSync';

export interface SessionOptions {
  /** Restore and autosave the session, keep replaced scenarios. Default true. */
  keep?: boolean;
}

let begun = false;
let finished = false;

export function beginSession(opts: SessionOptions = {}): void {
  if (begun) return;
  begun = true;
  if (opts.keep === false) return;
  startPreviousTracking();
  restoreAutosave();
}

export function finishSession(opts: SessionOptions = {}): void {
  if (finished) return;
  finished = true;
  const keep = opts.keep !== false;
  const theme = keep ? restoredTheme() : undefined;
  if (theme && !new URLSearchParams(window.location.search).has('theme')) {
    appStore.getState().actions.setTheme(theme);
  }
  startUrlSync();
  if (keep) startAutosave();
  startFileDrop();
}
