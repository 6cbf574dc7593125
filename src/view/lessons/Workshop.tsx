/**
 * The workshop layer of the app shell, as far as the first download has it: the root's marks
 * for the mode (`data-mode="present" | "embed"`, styled in lessons.css) and for an open lesson,
 * the toolbar's workshop buttons, and the places where the workshop's own code (runtime.tsx,
 * loaded on first use by load.ts) comes in: the lesson list, presenter and embed bars and keys,
 * the lesson player in the side column, the speaker-notes window.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useLessonStore } from '../../store/lessons';
import { loadWorkshop, preloadWorkshop } from './load';
import { enterPresenter } from './presenter';
import './lessons.css';

export function setRootAttr(name: string, value: string | null) {
  const el = document.documentElement;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

const WorkshopRuntime = lazy(() => loadWorkshop().then((r) => ({ default: r.WorkshopRuntime })));
const LessonPanel = lazy(() => loadWorkshop().then((r) => ({ default: r.LessonPanel })));
const Notes = lazy(() => loadWorkshop().then((r) => ({ default: r.SpeakerNotes })));

/**
 * Mounted once by App. The workshop's code is fetched only when something needs it: presenter
 * or embed mode, an open lesson, the lesson list.
 */
export function Workshop() {
  const mode = useLessonStore((s) => s.mode);
  const inLesson = useLessonStore((s) => s.lessonId !== null);
  const listOpen = useLessonStore((s) => s.list !== null);

  useEffect(() => {
    setRootAttr('data-mode', mode === 'edit' ? null : mode);
    setRootAttr('data-lesson', inLesson && mode !== 'embed' ? 'open' : null);
  }, [mode, inLesson]);

  if (mode === 'edit' && !inLesson && !listOpen) return null;
  return (
    <Suspense fallback={null}>
      <WorkshopRuntime />
    </Suspense>
  );
}

/** The side column: the lesson player while a lesson is open (not in embeds), else `children`. */
export function LessonSide({ children }: { children: ReactNode }) {
  const open = useLessonStore((s) => s.lessonId !== null && s.mode !== 'embed');
  if (!open) return <>{children}</>;
  return (
    <Suspense fallback={<aside className="lesson-panel" aria-label="Lesson" aria-busy="true" />}>
      <LessonPanel />
    </Suspense>
  );
}

/** The speaker-notes window's whole page (`?notes=1`). */
export function SpeakerNotes() {
  return (
    <Suspense fallback={<p className="sn-wait">Loading the speaker notes…</p>}>
      <Notes />
    </Suspense>
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
  // The lesson list and presenter mode need the workshop's code: fetch it on the way there.
  return (
    <div className="tb-group">
      <button
        type="button"
        className="btn icon"
        aria-label="Lessons"
        title="Lessons, and the presets from the talks"
        onPointerEnter={preloadWorkshop}
        onFocus={preloadWorkshop}
        onClick={() => actions.openList('lessons')}
      >
        <IconLessons />
      </button>
      <button
        type="button"
        className="btn icon"
        aria-label="Present"
        title="Presenter mode: full screen, large type, driven by the keyboard"
        onPointerEnter={preloadWorkshop}
        onFocus={preloadWorkshop}
        onClick={enterPresenter}
      >
        <IconPresent />
      </button>
    </div>
  );
}
