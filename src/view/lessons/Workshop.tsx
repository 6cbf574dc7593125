/**
 * The workshop layer of the app shell: mounted once by App. It marks the document root for the
 * mode (`data-mode="present" | "embed"`, styled in lessons.css), for an open lesson and for a
 * challenge waiting for its answer (the hop card and the path ahead are hidden then); it runs
 * the player's guards, the presenter's keys and the speaker-notes channel; and it renders the
 * lesson list and the presenter or embed bar.
 */
import { useEffect, useState } from 'react';
import { preloadDeferred } from '../../app/deferred';
import { makeShareLink } from '../../app/urlSync';
import { appStore, selectTrace } from '../../store';
import { lessonStore, useLessonStore } from '../../store/lessons';
import { LessonList } from './LessonList';
import { PresenterBar } from './PresenterBar';
import { openChannel, readNotesMessage, type ScreenState } from './notesChannel';
import { back, forward, playerView, startPlayerGuards } from './player';
import { enterPresenter, onFullscreenChange, onWorkshopKey } from './presenter';
import './lessons.css';

function setRootAttr(name: string, value: string | null) {
  const el = document.documentElement;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** True while the step's challenge waits for its answer (re-evaluated on either store's change). */
function useAsking(): boolean {
  const [asking, setAsking] = useState(() => playerView()?.asking ?? false);
  useEffect(() => {
    const update = () => setAsking(playerView()?.asking ?? false);
    const u1 = appStore.subscribe(update);
    const u2 = lessonStore.subscribe(update);
    update();
    return () => {
      u1();
      u2();
    };
  }, []);
  return asking;
}

function screenState(): ScreenState {
  const ls = lessonStore.getState();
  const st = appStore.getState();
  return {
    lessonId: ls.lessonId,
    step: ls.step,
    finished: ls.finished,
    hop: st.playback.hop,
    hops: selectTrace(st)?.hops.length ?? 0,
    seed: ls.seed,
    theme: st.theme,
    asking: playerView()?.asking ?? false,
  };
}

/** Sends what is on screen to the speaker-notes window; obeys its "next" and "back". */
function useNotesHost(): void {
  useEffect(() => {
    const ch = openChannel();
    if (!ch) return undefined;
    let last = '';
    const send = (force: boolean) => {
      const state = screenState();
      const key = JSON.stringify(state);
      if (!force && key === last) return;
      last = key;
      ch.postMessage({ type: 'state', state });
    };
    ch.onmessage = (e: MessageEvent) => {
      const m = readNotesMessage(e.data);
      if (!m) return;
      if (m.type === 'hello') send(true);
      else if (m.type === 'command') {
        if (m.command === 'next') forward();
        else back();
      }
    };
    const u1 = appStore.subscribe(() => send(false));
    const u2 = lessonStore.subscribe(() => send(false));
    send(true);
    return () => {
      u1();
      u2();
      ch.close();
    };
  }, []);
}

function EmbedBar() {
  return (
    <div className="embed-bar">
      <button
        type="button"
        className="btn"
        onPointerEnter={preloadDeferred}
        onFocus={preloadDeferred}
        onClick={() => {
          void makeShareLink(true).then((link) => {
            const url = link.ok ? link.url : window.location.pathname;
            window.open(url, '_blank', 'noopener');
          });
        }}
      >
        Open in Packetwalk ↗
      </button>
    </div>
  );
}

export function Workshop() {
  const mode = useLessonStore((s) => s.mode);
  const inLesson = useLessonStore((s) => s.lessonId !== null);
  const list = useLessonStore((s) => s.list);
  const asking = useAsking();

  useEffect(() => startPlayerGuards(), []);
  useNotesHost();

  useEffect(() => {
    setRootAttr('data-mode', mode === 'edit' ? null : mode);
    setRootAttr('data-lesson', inLesson && mode !== 'embed' ? 'open' : null);
    setRootAttr('data-challenge', asking ? 'pending' : null);
  }, [mode, inLesson, asking]);

  useEffect(() => {
    window.addEventListener('keydown', onWorkshopKey, { capture: true });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.removeEventListener('keydown', onWorkshopKey, { capture: true });
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);

  return (
    <>
      {list !== null ? <LessonList tab={list} /> : null}
      {mode === 'present' && !inLesson ? <PresenterBar /> : null}
      {mode === 'embed' ? <EmbedBar /> : null}
    </>
  );
}

const IconLessons = () => (
  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
    <g fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round">
      <path d="M10 5.5C8 4 5 3.6 2.5 4v11c2.5-.4 5.5 0 7.5 1.5 2-1.5 5-1.9 7.5-1.5V4C15 3.6 12 4 10 5.5z" />
      <path d="M10 5.5v11" />
    </g>
  </svg>
);

const IconPresent = () => (
  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
    <g
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="2.5" y="3" width="15" height="10" rx="1.5" />
      <path d="M10 13v3M6.5 17h7M8.5 6.2v3.6L11.6 8z" />
    </g>
  </svg>
);

/** The toolbar's workshop buttons: the lesson and preset list, and presenter mode. */
export function WorkshopButtons() {
  const actions = useLessonStore((s) => s.actions);
  return (
    <div className="tb-group">
      <button
        type="button"
        className="btn icon"
        aria-label="Lessons"
        title="Lessons, and the presets from the talks"
        onClick={() => actions.openList('lessons')}
      >
        <IconLessons />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Present"
        title="Presenter mode: full screen, large type, driven by the keyboard"
        onClick={enterPresenter}
      >
        <IconPresent />
      </button>
    </div>
  );
}
