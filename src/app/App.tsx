/**
 * The app shell: toolbar, diagram, side panel. Logic lives in the store and the core; this
 * file only arranges the pieces and wires the document-level effects.
 */
import { useEffect } from 'react';
import { useAppStore } from '../store';
import { DiagramPane } from '../view/DiagramPane';
import { SidePanel } from '../view/SidePanel';
import { Toast } from '../view/Toast';
import { Toolbar } from '../view/Toolbar';
import { PlannerMain } from '../view/planner/PlannerMain';
import { useAppView } from '../view/planner/route';
import { ViewSwitch } from '../view/planner/ViewSwitch';
import { LessonSide, SpeakerNotes, Workshop } from '../view/lessons';
import { ErrorBoundary } from './ErrorBoundary';
import { IS_NOTES_WINDOW } from './modes';
import { SCENARIOS } from './scenarios';
import { useStarted } from './startup';
import { useShortcuts } from './useShortcuts';

export function App() {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useShortcuts();
  const view = useAppView();
  const started = useStarted();
  if (!started) return null; // a link or the last session is being read back (startup.ts)
  if (IS_NOTES_WINDOW) return <SpeakerNotes />;
  return (
    <div className="app">
      <ErrorBoundary label="toolbar">
        <Toolbar scenarios={SCENARIOS} />
      </ErrorBoundary>
      {view === 'planner' ? (
        <PlannerMain />
      ) : (
        <main className="workspace">
          <ViewSwitch floating />
          <ErrorBoundary label="diagram">
            <DiagramPane />
          </ErrorBoundary>
          <ErrorBoundary label="side panel">
            <LessonSide>
              <SidePanel />
            </LessonSide>
          </ErrorBoundary>
        </main>
      )}
      <ErrorBoundary label="message bar">
        <Toast />
      </ErrorBoundary>
      <ErrorBoundary label="workshop">
        <Workshop />
      </ErrorBoundary>
    </div>
  );
}
