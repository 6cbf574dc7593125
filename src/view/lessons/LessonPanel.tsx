/**
 * The lesson player, in the side panel's place while a lesson is open: where we are (step n of
 * N, a link to every step), the step's text, its challenge, back and next, the score, a share
 * link to the step, and the hops once nothing is left to guess. After the last step: the score.
 */
import {
  useEffect,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { findLesson } from '../../lessons/lessons';
import type { Lesson } from '../../lessons/types';
import { useAppStore } from '../../store';
import {
  lessonScore,
  stepOutcome,
  stepRecord,
  useLessonStore,
  type StepOutcome,
} from '../../store/lessons';
import { HopList } from '../HopList';
import { ChallengeCard } from './ChallengeCard';
import {
  challengeOf,
  closeLesson,
  finishLesson,
  goToStep,
  lessonSteps,
  restartLesson,
  showStep,
  stepFlowId,
} from './player';
import { enterPresenter } from './presenter';
import { PresenterBar } from './PresenterBar';

const OUTCOME_TEXT: Record<StepOutcome, string> = {
  open: 'not answered',
  right: 'right',
  wrong: 'wrong',
  revealed: 'answer shown',
};

/** `?lesson=<id>&step=<n>` on this page (n from 1), other parameters kept. */
export function stepHref(lessonId: string, index: number): string {
  const q = new URLSearchParams(window.location.search);
  q.set('lesson', lessonId);
  q.set('step', String(index + 1));
  return `${window.location.pathname}?${q.toString()}`;
}

/**
 * A share link that opens the lesson at the step: the step's scenario plus `view.lesson`. The
 * codec is loaded on first use.
 */
export async function stepShareLink(lesson: Lesson, index: number): Promise<string | null> {
  const r = lessonSteps(lesson)[index];
  if (!r?.scenario) return null;
  try {
    const { encodeShare } = await import('../../core/scenario/codec');
    const fragment = encodeShare({
      scenario: r.scenario,
      view: { lesson: { id: lesson.id, step: index } },
    });
    return `${window.location.origin}${window.location.pathname}#${fragment}`;
  } catch {
    return null;
  }
}

function Score({ lessonId }: { lessonId: string }) {
  const records = useLessonStore((s) => s.records[lessonId]);
  const score = lessonScore({ records: records ? { [lessonId]: records } : {} }, lessonId);
  if (score.total === 0) return null;
  return (
    <p className="lp-score" aria-live="polite" data-testid="lesson-score">
      Score {score.correct} of {score.total}
      <span className="lp-score-detail"> · {score.answered} answered</span>
    </p>
  );
}

function Shell({
  lesson,
  children,
  panelRef,
}: {
  lesson: Lesson;
  children: ReactNode;
  panelRef?: RefObject<HTMLElement | null>;
}) {
  const mode = useLessonStore((s) => s.mode);
  return (
    <aside className="lesson-panel" aria-label="Lesson" ref={panelRef}>
      {mode === 'present' ? <PresenterBar inPanel /> : null}
      <header className="lp-head">
        <div>
          <p className="lp-kicker">Lesson</p>
          <h2>{lesson.title}</h2>
        </div>
        <button
          type="button"
          className="btn icon"
          aria-label="Close lesson"
          title="Close lesson"
          onClick={closeLesson}
        >
          ✕
        </button>
      </header>
      {children}
    </aside>
  );
}

function StepLinks({ lesson, current }: { lesson: Lesson; current: number }) {
  const records = useLessonStore((s) => s.records[lesson.id]);
  const go = (e: MouseEvent, i: number) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    goToStep(i, i > current);
  };
  return (
    <nav aria-label="Steps">
      <ol className="lp-steps">
        {lesson.steps.map((s, i) => {
          const rec = records?.find((r) => r.stepId === s.id);
          const outcome = s.challenge ? stepOutcome(rec) : 'open';
          return (
            <li key={s.id}>
              <a
                href={stepHref(lesson.id, i)}
                className={`lp-dot o-${outcome}`}
                aria-current={i === current ? 'step' : undefined}
                aria-label={`Step ${i + 1}: ${s.title}${s.challenge ? ` (challenge ${OUTCOME_TEXT[outcome]})` : ''}`}
                title={`${i + 1}. ${s.title}`}
                onClick={(e) => go(e, i)}
              >
                {i + 1}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function CopyStepLink({ lesson, index }: { lesson: Lesson; index: number }) {
  const [shown, setShown] = useState<{ index: number; url: string; copied: boolean } | null>(null);
  const link = shown && shown.index === index ? shown : null;
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          void stepShareLink(lesson, index).then((url) => {
            if (!url) return;
            setShown({ index, url, copied: false });
            void navigator.clipboard?.writeText(url).then(
              () => setShown({ index, url, copied: true }),
              () => undefined,
            );
          });
        }}
      >
        Link to this step
      </button>
      {link ? (
        <div className="lp-link">
          <label>
            {link.copied ? 'Copied. ' : ''}Share link to step {index + 1}
            <input readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      ) : null}
    </>
  );
}

function LessonEnd({ lesson }: { lesson: Lesson }) {
  const records = useLessonStore((s) => s.records[lesson.id]);
  const actions = useLessonStore((s) => s.actions);
  const score = lessonScore({ records: records ? { [lesson.id]: records } : {} }, lesson.id);
  const asked = lesson.steps.filter((s) => s.challenge);
  return (
    <Shell lesson={lesson}>
      <section className="lp-end" aria-labelledby="lp-end-title">
        <h3 id="lp-end-title">Lesson complete</h3>
        {score.total > 0 ? (
          <>
            <p className="lp-big" data-testid="lesson-final-score">
              {score.correct} of {score.total}
            </p>
            <p>challenges answered right at the first try ({score.percent}%).</p>
            <ol className="lp-recap">
              {asked.map((s) => {
                const o = stepOutcome(records?.find((r) => r.stepId === s.id));
                return (
                  <li key={s.id} className={`o-${o}`}>
                    <span className="lp-recap-mark" aria-hidden="true">
                      {o === 'right' ? '✓' : o === 'wrong' ? '✗' : '–'}
                    </span>{' '}
                    {s.title}: {OUTCOME_TEXT[o]}
                  </li>
                );
              })}
            </ol>
          </>
        ) : (
          <p>This lesson has no challenges.</p>
        )}
        <div className="lp-nav">
          <button
            type="button"
            className="btn"
            onClick={() => goToStep(lesson.steps.length - 1, false)}
          >
            ← Last step
          </button>
          <button type="button" className="btn" onClick={restartLesson}>
            Start again
          </button>
          <button type="button" className="btn primary" onClick={() => actions.openList('lessons')}>
            Other lessons
          </button>
        </div>
      </section>
    </Shell>
  );
}

export function LessonPanel() {
  const lessonId = useLessonStore((s) => s.lessonId);
  const index = useLessonStore((s) => s.step);
  const finished = useLessonStore((s) => s.finished);
  const seed = useLessonStore((s) => s.seed);
  const mode = useLessonStore((s) => s.mode);
  const record = useLessonStore((s) => {
    const l = s.lessonId ? findLesson(s.lessonId) : null;
    const st = l?.steps[s.step];
    return l && st ? stepRecord(s, l.id, st.id) : undefined;
  });
  const flowId = useAppStore((s) => s.flow?.id ?? null);
  const panelRef = useRef<HTMLElement | null>(null);
  // A new step starts at the top; when it was asked for from the panel, focus its title.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    panel.scrollTop = 0;
    if (panel.contains(document.activeElement) && document.activeElement !== document.body) {
      panel.querySelector<HTMLElement>('.lp-step h3')?.focus({ preventScroll: true });
    }
  }, [lessonId, index]);
  const lesson = lessonId ? findLesson(lessonId) : null;
  if (!lesson) return null;
  if (finished) return <LessonEnd lesson={lesson} />;
  const r = lessonSteps(lesson)[index];
  if (!r) return null;
  const n = lesson.steps.length;
  const last = index === n - 1;
  const challenge = challengeOf(lesson, index, seed);
  const onScreen = r.step.flow ? flowId === stepFlowId(lesson.id, r.step.id) : true;
  const asking = challenge !== null && onScreen && record === undefined;
  const titleId = `lp-step-${r.step.id}`;
  return (
    <Shell lesson={lesson} panelRef={panelRef}>
      <div className="lp-progress">
        <p className="lp-count">
          Step {index + 1} of {n}
        </p>
        <div
          className="lp-bar"
          role="progressbar"
          aria-label="Lesson progress"
          aria-valuemin={1}
          aria-valuemax={n}
          aria-valuenow={index + 1}
          aria-valuetext={`Step ${index + 1} of ${n}`}
        >
          <span style={{ width: `${((index + 1) / n) * 100}%` }} />
        </div>
        <Score lessonId={lesson.id} />
      </div>
      <StepLinks lesson={lesson} current={index} />
      <article className="lp-step" aria-labelledby={titleId}>
        <h3 id={titleId} tabIndex={-1}>
          {r.step.title}
        </h3>
        <p className="lp-text">{r.step.text}</p>
        {r.error ? <p className="lp-error">This step cannot be shown: {r.error}</p> : null}
        {!onScreen && !challenge ? (
          <p className="hint">
            Another flow is on screen.{' '}
            <button type="button" className="linkish" onClick={() => showStep({ animate: false })}>
              Back to the step’s flow
            </button>
          </p>
        ) : null}
        {challenge ? (
          <ChallengeCard
            challenge={challenge}
            record={record}
            asking={asking}
            onShowFlow={() => showStep({ animate: false })}
          />
        ) : null}
      </article>
      <div className="lp-nav">
        <button
          type="button"
          className="btn"
          disabled={index === 0}
          onClick={() => goToStep(index - 1, false)}
        >
          ← Back
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={() => (last ? finishLesson() : goToStep(index + 1))}
        >
          {last ? 'Finish' : 'Next →'}
        </button>
      </div>
      <div className="lp-tools">
        {mode !== 'present' ? (
          <button type="button" className="btn" onClick={enterPresenter}>
            Present
          </button>
        ) : null}
        <CopyStepLink lesson={lesson} index={index} />
      </div>
      {r.step.flow && !asking && mode !== 'present' ? (
        <details className="lp-hops">
          <summary>Hops of this flow</summary>
          <div className="tabpanel">
            <HopList />
          </div>
        </details>
      ) : null}
    </Shell>
  );
}
