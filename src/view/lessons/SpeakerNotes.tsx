/**
 * The speaker-notes window (`?notes=1`, opened from the presenter bar): the step's notes, what
 * the audience reads, the challenge's answer, what comes next and a clock. It follows the
 * presenter window over a BroadcastChannel, and its Back / Next buttons and keys (a clicker
 * aimed at this window) drive the presenter window.
 */
import { useEffect, useRef, useState } from 'react';
import { findLesson } from '../../lessons/lessons';
import { useActions } from '../../store';
import { openChannel, readNotesMessage, type ScreenState } from './notesChannel';
import { challengeOf } from './player';
import { workshopKey } from './presenter';
import './lessons.css';

function useClock(): string {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const s = Math.max(0, Math.floor((now - start) / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

function Notes({ state }: { state: ScreenState }) {
  const lesson = state.lessonId ? findLesson(state.lessonId) : null;
  if (!lesson) {
    return (
      <p className="sn-wait">
        No lesson is running. Open one in the presenter window (Lessons ▸ Start).
        {state.hops > 0 ? ` The flow on screen is at hop ${state.hop + 1} of ${state.hops}.` : ''}
      </p>
    );
  }
  if (state.finished) {
    return (
      <section>
        <h2>{lesson.title}</h2>
        <p className="sn-now">End of the lesson: the score is on screen.</p>
      </section>
    );
  }
  const step = lesson.steps[state.step];
  if (!step) return null;
  const next = lesson.steps[state.step + 1];
  const c = step.challenge ? challengeOf(lesson, state.step, state.seed) : null;
  return (
    <>
      <p className="sn-where">
        {lesson.title} · step {state.step + 1} of {lesson.steps.length}
        {state.hops > 0 ? ` · hop ${state.hop + 1} of ${state.hops}` : ''}
      </p>
      <h2 className="sn-now">{step.title}</h2>
      <section aria-labelledby="sn-notes">
        <h3 id="sn-notes">Notes</h3>
        <p className="sn-notes">{step.notes ?? 'No notes for this step.'}</p>
      </section>
      <section aria-labelledby="sn-screen">
        <h3 id="sn-screen">On screen</h3>
        <p>{step.text}</p>
      </section>
      {c ? (
        <section aria-labelledby="sn-challenge">
          <h3 id="sn-challenge">Challenge {state.asking ? '(waiting for an answer)' : ''}</h3>
          <p>{c.question}</p>
          <p>
            <strong>Answer: {c.choices[c.answerIndex]}</strong> (choice {c.answerIndex + 1})
          </p>
          <p className="sn-small">{c.explanation}</p>
        </section>
      ) : null}
      <section aria-labelledby="sn-next">
        <h3 id="sn-next">Next</h3>
        <p>{next ? `${state.step + 2}. ${next.title}` : 'The end: the score.'}</p>
      </section>
    </>
  );
}

export function SpeakerNotes() {
  const [state, setState] = useState<ScreenState | null>(null);
  const chRef = useRef<BroadcastChannel | null>(null);
  const actions = useActions();
  const clock = useClock();

  useEffect(() => {
    document.title = 'Speaker notes · Packetwalk';
    const ch = openChannel();
    chRef.current = ch;
    if (!ch) return undefined;
    ch.onmessage = (e: MessageEvent) => {
      const m = readNotesMessage(e.data);
      if (m?.type === 'state') setState(m.state);
    };
    ch.postMessage({ type: 'hello' });
    return () => {
      ch.close();
      chRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (state) actions.setTheme(state.theme);
  }, [state, actions]);

  const send = (command: 'next' | 'back') =>
    chRef.current?.postMessage({ type: 'command', command });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const what = workshopKey(e.key, {
        presenting: true,
        inLesson: true,
        asking: false,
        choices: 0,
      });
      if (what !== 'next' && what !== 'back') return;
      e.preventDefault();
      e.stopPropagation();
      chRef.current?.postMessage({ type: 'command', command: what });
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  return (
    <main className="speaker-notes">
      <header className="sn-head">
        <h1>Speaker notes</h1>
        <span className="sn-clock" aria-label="Time since these notes opened">
          {clock}
        </span>
      </header>
      {state === null && typeof BroadcastChannel === 'undefined' ? (
        <p className="sn-wait">
          This browser cannot keep a notes window in step (no BroadcastChannel).
        </p>
      ) : state === null ? (
        <p className="sn-wait">Waiting for the presenter window…</p>
      ) : (
        <Notes state={state} />
      )}
      <nav className="sn-nav" aria-label="Presenter window">
        <button type="button" className="btn" onClick={() => send('back')}>
          ← Back
        </button>
        <button type="button" className="btn primary" onClick={() => send('next')}>
          Next →
        </button>
      </nav>
    </main>
  );
}
