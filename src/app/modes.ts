/**
 * Workshop modes and links, read from the URL at startup:
 *
 *   ?mode=present               presenter mode: large type, no editing chrome, keyboard-driven
 *                               (full screen needs a click: the presenter bar offers it)
 *   ?embed=1  (or ?mode=embed)  only the diagram, the flow menu and the playback controls, for an
 *                               iframe in slides; keeps no session (no autosave, no restore)
 *   ?lesson=<id>&step=<n>       a lesson at a step: n counts from 1 as the player shows it, or is
 *                               the step's id (?lesson=island&step=egress)
 *   ?preset=<id>&flow=<flow id> a talk's preset (lessons/presets), optionally with one of its flows
 *   ?notes=1                    the speaker-notes window (opened by the presenter bar)
 *
 * A share link (`#v1.…`, core/scenario/codec.ts) that carries `view.lesson` {id, step (0-based)}
 * opens that lesson at that step after app/urlSync.ts has opened the link's scenario; the query
 * form wins when both are given. While a lesson runs, the address bar shows its `?lesson=&step=`
 * so it is always a link to the step on screen.
 *
 * The lessons and presets are not part of the first download (lessons/catalog.ts): the mode is
 * read and set at once, a lesson or preset the URL names once they are loaded.
 */
import type { ShareView } from '../core/scenario/codec';
import { lessonDataNow, type LessonData } from '../lessons/catalog';
import { appStore } from '../store';
import { lessonStore, type LessonState, type WorkshopMode } from '../store/lessons';
import { loadWorkshop, type WorkshopRuntime } from '../view/lessons/load';
import { deferredNow, loadDeferred } from './deferred';
import { notify } from './notices';
import { findScenario } from './scenarios';
import { openShareLink } from './urlSync';

export interface WorkshopUrl {
  mode: WorkshopMode;
  /** This window is the speaker-notes window. */
  notes: boolean;
  /** A lesson to open, at a 0-based step. */
  lesson: { id: string; step: number } | null;
  preset: { id: string; flow: string | null } | null;
  /** What could not be followed (an unknown lesson, a step out of range), in plain words. */
  problems: string[];
}

const YES = new Set(['1', 'true', 'yes', 'on', '']);

/** What parseWorkshopUrl looks lessons and presets up in (lessons/data.ts). */
export type WorkshopCatalog = Pick<LessonData, 'findLesson' | 'findPreset'>;

/** A step of a lesson from the query: a number counting from 1, or a step id. */
function stepFromQuery(
  findLesson: WorkshopCatalog['findLesson'],
  lessonId: string,
  raw: string | null,
  problems: string[],
): number {
  const lesson = findLesson(lessonId);
  if (!lesson || raw === null || raw.trim() === '') return 0;
  const text = raw.trim();
  const byId = lesson.steps.findIndex((s) => s.id === text);
  if (byId >= 0) return byId;
  if (/^\d{1,5}$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= lesson.steps.length) return n - 1;
    problems.push(
      `The lesson “${lesson.title}” has ${lesson.steps.length} steps; step ${text} does not exist.`,
    );
    return n < 1 ? 0 : lesson.steps.length - 1;
  }
  problems.push(`The lesson “${lesson.title}” has no step “${text}”: it opens at its first step.`);
  return 0;
}

/** The mode and the notes window, which need no lesson data. */
function readMode(q: URLSearchParams): Pick<WorkshopUrl, 'mode' | 'notes'> {
  const modeParam = q.get('mode');
  const embedParam = q.get('embed');
  const embed = (embedParam !== null && YES.has(embedParam.toLowerCase())) || modeParam === 'embed';
  const presentParam = q.get('present');
  const present =
    modeParam === 'present' || (presentParam !== null && YES.has(presentParam.toLowerCase()));
  const notesParam = q.get('notes');
  const notes = notesParam !== null && YES.has(notesParam.toLowerCase());
  return { mode: embed ? 'embed' : present ? 'present' : 'edit', notes };
}

/** The URL (or the share link) names a lesson or a preset: the lessons must be loaded. */
export function namesLessonOrPreset(search: string, share?: ShareView | null): boolean {
  const q = new URLSearchParams(search);
  const named = (k: string) => (q.get(k) ?? '').trim() !== '';
  return named('lesson') || named('preset') || Boolean(share?.lesson);
}

/**
 * What the URL asks of the workshop. `search` is `location.search`; `share` the view of a share
 * link in the fragment, if there is one; `catalog` where lessons and presets are looked up
 * (lessons/data.ts; by default the loaded one: before the lessons are loaded only the mode is
 * read). Pure.
 */
export function parseWorkshopUrl(
  search: string,
  share?: ShareView | null,
  catalog: WorkshopCatalog | null = lessonDataNow(),
): WorkshopUrl {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  if (!catalog) return { ...readMode(q), lesson: null, preset: null, problems };
  const { findLesson, findPreset } = catalog;
  let lesson: WorkshopUrl['lesson'] = null;
  const lessonId = q.get('lesson');
  if (lessonId !== null && lessonId.trim() !== '') {
    if (findLesson(lessonId.trim())) {
      lesson = {
        id: lessonId.trim(),
        step: stepFromQuery(findLesson, lessonId.trim(), q.get('step'), problems),
      };
    } else problems.push(`There is no lesson “${lessonId}”. Open Lessons to pick one.`);
  } else if (share?.lesson) {
    const l = findLesson(share.lesson.id);
    if (!l)
      problems.push(`The link names a lesson this version does not have (“${share.lesson.id}”).`);
    else {
      const step = Math.max(0, Math.min(share.lesson.step, l.steps.length - 1));
      if (step !== share.lesson.step) {
        problems.push(
          `The lesson “${l.title}” has ${l.steps.length} steps; the link's step does not exist.`,
        );
      }
      lesson = { id: l.id, step };
    }
  }

  let preset: WorkshopUrl['preset'] = null;
  const presetId = q.get('preset');
  if (presetId !== null && presetId.trim() !== '' && lesson === null) {
    const p = findPreset(presetId.trim());
    if (!p) problems.push(`There is no preset “${presetId}”.`);
    else {
      const flowId = q.get('flow');
      const known = flowId !== null && (p.flows ?? []).some((f) => f.id === flowId);
      if (flowId !== null && !known)
        problems.push(`The preset “${p.title}” has no flow “${flowId}”.`);
      preset = { id: p.id, flow: known ? flowId : null };
    }
  }

  return { ...readMode(q), lesson, preset, problems };
}

/**
 * The query string that shows the workshop state: `lesson` and `step` (from 1) while a lesson is
 * open, `mode=present` while presenting; `preset`/`flow` go once opened. Other parameters stay.
 */
export function workshopQuery(
  search: string,
  s: Pick<LessonState, 'mode' | 'lessonId' | 'step'>,
): string {
  const q = new URLSearchParams(search);
  q.delete('preset');
  q.delete('flow');
  if (s.lessonId !== null) {
    q.set('lesson', s.lessonId);
    q.set('step', String(s.step + 1));
  } else {
    q.delete('lesson');
    q.delete('step');
  }
  q.delete('present');
  if (s.mode === 'present') q.set('mode', 'present');
  else if (q.get('mode') === 'present') q.delete('mode');
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The share-link view in the fragment, if the fragment is a link that decodes. Needs the codec
 * loaded (deferred.ts): startup.ts loads it first when there is a fragment.
 */
function shareViewInHash(hash = window.location.hash.replace(/^#/, '')): ShareView | null {
  if (hash.trim() === '') return null;
  const d = deferredNow();
  if (!d) return null;
  try {
    const r = d.codec.decodeShare(hash);
    return r.ok ? (r.state.view ?? null) : null;
  } catch {
    return null;
  }
}

/** What beginWorkshop read: the mode at once; the URL and link, to be looked up later. */
export interface WorkshopStart {
  mode: WorkshopMode;
  notes: boolean;
  /** `location.search` at startup (the address bar changes once the session starts). */
  search: string;
  /** The view of the share link in the fragment at startup, if any. */
  share: ShareView | null;
}

/** This window is the speaker-notes window (it renders only the notes, see view/lessons). */
export const IS_NOTES_WINDOW =
  typeof window !== 'undefined' && parseWorkshopUrl(window.location.search, null, null).notes;

let hashListening = false;

/**
 * Read the workshop part of the URL. Call before app/urlSync.ts starts: it also listens for a
 * share link pasted later, whose lesson it opens once urlSync has opened the link's scenario.
 */
export function beginWorkshop(): WorkshopStart {
  const search = window.location.search;
  const share = shareViewInHash();
  const { mode, notes } = parseWorkshopUrl(search, share, null);
  if (!hashListening && !notes && mode !== 'embed') {
    hashListening = true;
    window.addEventListener('hashchange', () => {
      // Read now: urlSync's listener clears the address bar once it has taken the link.
      const hash = window.location.hash.replace(/^#/, '');
      if (deferredNow()) lessonFromHash(hash);
      // urlSync's listener loads the codec too and then opens the link; its lesson after that.
      else
        void loadDeferred().then(
          () => lessonFromHash(hash),
          () => undefined,
        );
    });
  }
  return { mode, notes, search, share };
}

const LOAD_FAILED =
  'The lessons could not be loaded, so the lesson or preset in the link was not opened. Reload the page to try again.';

/** Opens the lesson named by a share link pasted into the address bar of an open tab. */
function lessonFromHash(hash: string): void {
  const view = shareViewInHash(hash);
  if (!view?.lesson) return;
  loadWorkshop().then(
    (r) => {
      const w2 = parseWorkshopUrl('', view, lessonDataNow());
      // urlSync's own listener (added after this one) opens the scenario first.
      setTimeout(() => applyWorkshop(r, { ...w2, mode: lessonStore.getState().mode }, true), 0);
    },
    () => notify({ kind: 'error', text: LOAD_FAILED }),
  );
}

function applyWorkshop(r: WorkshopRuntime, w: WorkshopUrl, fromLink: boolean): void {
  const ls = lessonStore.getState();
  if (ls.mode !== w.mode) ls.actions.setMode(w.mode);
  if (w.lesson) r.openLesson(w.lesson.id, w.lesson.step, { quiet: fromLink });
  else if (w.preset) r.openPreset(w.preset.id, w.preset.flow);
  for (const text of w.problems) notify({ kind: 'error', text });
}

/** Puts the workshop state into the address bar (replaceState: no new history entry). */
function writeAddress(s: LessonState): void {
  try {
    const next = workshopQuery(window.location.search, s);
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // a sandboxed frame may refuse; the address bar then simply stays as it was
  }
}

let syncing = false;

/** From now on the address bar shows `?lesson=&step=&mode=`; `preset`/`flow` go once opened. */
function syncAddress(): void {
  if (syncing) return;
  syncing = true;
  writeAddress(lessonStore.getState());
  lessonStore.subscribe((s, prev) => {
    if (s.lessonId !== prev.lessonId || s.step !== prev.step || s.mode !== prev.mode) {
      writeAddress(s);
    }
  });
}

/**
 * After the session has started (startup.ts): the mode at once, then the lesson or preset the
 * URL names once the lessons are loaded (lessons/catalog.ts).
 */
export function startWorkshop(w: WorkshopStart): void {
  const ls = lessonStore.getState();
  if (ls.mode !== w.mode) ls.actions.setMode(w.mode);
  const keepsNoAddress = w.mode === 'embed' || w.notes;
  if (!namesLessonOrPreset(w.search, w.share)) {
    if (!keepsNoAddress) syncAddress();
    return;
  }
  // A lesson named only by the share link: the scenario it replaces needs no keeping.
  const fromLink = !new URLSearchParams(w.search).has('lesson');
  loadWorkshop().then(
    (r) => {
      applyWorkshop(r, parseWorkshopUrl(w.search, w.share, lessonDataNow()), fromLink);
      if (!keepsNoAddress) syncAddress();
    },
    () => {
      notify({ kind: 'error', text: LOAD_FAILED });
      if (!keepsNoAddress) syncAddress();
    },
  );
}

/**
 * The start-up of windows that keep no session: the speaker-notes window (just its theme) and
 * embeds (theme, `?scenario=`, a share link in the fragment, then the lesson or preset). Returns
 * false for a normal window, which startup.ts starts as usual.
 */
export function startStandalone(w: WorkshopStart): boolean {
  if (!w.notes && w.mode !== 'embed') return false;
  const a = appStore.getState().actions;
  const q = new URLSearchParams(window.location.search);
  const theme = q.get('theme');
  if (theme === 'dark' || theme === 'light') a.setTheme(theme);
  else if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) a.setTheme('dark');
  if (w.notes) return true;
  const id = q.get('scenario');
  const entry = id ? findScenario(id) : null;
  if (entry) a.load(entry.load(), { source: entry.id });
  const hash = window.location.hash.replace(/^#/, '');
  if (hash.trim() !== '') void openShareLink(hash); // opened at once: startup loaded the codec
  startWorkshop(w);
  return true;
}
