/**
 * The workshop's own code, loaded on first use (load.ts): mounted by Workshop.tsx while presenter
 * or embed mode is on, a lesson is open or the lesson list is. It marks the document root while
 * a challenge waits for its answer (the hop card and the path ahead are hidden then), runs the
 * player's guards, the presenter's keys and the speaker-notes channel, and renders the lesson
 * list and the presenter or embed bar. It also hands the lazy parts of the workshop to the first
 * download: the lesson panel, the speaker notes, opening a lesson or a preset.
 */
import { useEffect, useState } from 'react';
import { preloadDeferred } from '../../app/deferred';
import { makeShareLink } from '../../app/urlSync';
import { appStore, selectTrace } from '../../store';
import { lessonStore, useLessonStore } from '../../store/lessons';
import { LessonList } from './LessonList';
import { PresenterBar } from './PresenterBar';
import { openChannel, readNotesMessage, type ScreenState } from './notesChannel';
import { back, forward, onWorkshopKey, playerView, startPlayerGuards } from './player';
import { onFullscreenChange } from './presenter';
import { setRootAttr } from './Workshop';

export { LessonPanel } from './LessonPanel';
export { SpeakerNotes } from './SpeakerNotes';
export { openLesson } from './player';
export { openPreset } from './presets';

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

export function WorkshopRuntime() {
  const mode = useLessonStore((s) => s.mode);
  const inLesson = useLessonStore((s) => s.lessonId !== null);
  const list = useLessonStore((s) => s.list);
  const asking = useAsking();

  useEffect(() => startPlayerGuards(), []);
  useNotesHost();

  useEffect(() => {
    setRootAttr('data-challenge', asking ? 'pending' : null);
  }, [asking]);
  useEffect(() => () => setRootAttr('data-challenge', null), []);

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
