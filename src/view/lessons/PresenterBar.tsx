/**
 * The presenter bar: at the top of the lesson panel while a lesson is open, else floating over
 * the diagram's corner. Full screen is asked for on entering; when the browser refuses (or the
 * mode came from a link, which cannot ask), the bar says so and offers it again.
 */
import { useState } from 'react';
import { useAppStore } from '../../store';
import { useLessonStore } from '../../store/lessons';
import { openNotesWindow } from './notesChannel';
import { leavePresenter, requestFullscreen } from './presenter';

/** Presenter mode's own controls: full screen (or why not), speaker notes, exit. */
export function PresenterBar({ inPanel = false }: { inPanel?: boolean }) {
  const fullscreen = useLessonStore((s) => s.fullscreen);
  const theme = useAppStore((s) => s.theme);
  const [blocked, setBlocked] = useState(false);
  return (
    <div
      className={`presenter-bar${inPanel ? ' in-panel' : ''}`}
      role="region"
      aria-label="Presenter"
    >
      <span className="pb-title">Presenting</span>
      {fullscreen !== 'on' ? (
        <button type="button" className="btn" onClick={requestFullscreen}>
          Full screen
        </button>
      ) : null}
      <button
        type="button"
        className="btn"
        onClick={() => setBlocked(!openNotesWindow(theme))}
        title="Open the speaker notes in a window of their own (kept in step)"
      >
        Speaker notes
      </button>
      <button
        type="button"
        className="btn"
        onClick={leavePresenter}
        title="Leave presenter mode (Esc)"
      >
        Exit presenter
      </button>
      <span className="pb-keys" aria-hidden="true">
        → Space PgDn next · ← PgUp back · Esc exit
      </span>
      {fullscreen === 'refused' ? (
        <p className="pb-warn" role="status">
          The browser did not allow full screen. Press F11 (or use the browser’s full-screen
          command), or try “Full screen” again.
        </p>
      ) : null}
      {blocked ? (
        <p className="pb-warn" role="status">
          The browser blocked the notes window. Allow pop-ups for this site and try again.
        </p>
      ) : null}
    </div>
  );
}
