/**
 * The lesson and preset list: a modal dialog with two tabs. Lessons are grouped by topic, with
 * their length, challenges and the learner's score so far; presets are grouped by the talk they
 * come from, each with its flows.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { LESSONS } from '../../lessons/lessons';
import type { Lesson, LessonTopic } from '../../lessons/types';
import { lessonScore, lessonStore, useLessonStore, type ListTab } from '../../store/lessons';
import { openLesson } from './player';
import { openPreset, presetsByTalk } from './presets';

const TOPICS: { topic: LessonTopic; title: string }[] = [
  { topic: 'network-model', title: 'Network models' },
  { topic: 'service-exposure', title: 'Exposing Services' },
  { topic: 'pod-network', title: 'The pod network' },
  { topic: 'ipv6', title: 'IPv6' },
  { topic: 'planning', title: 'Address planning' },
];

const TABS: { id: ListTab; label: string }[] = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'presets', label: 'Presets from the talks' },
];

function LessonCard({ lesson }: { lesson: Lesson }) {
  const records = useLessonStore((s) => s.records[lesson.id]);
  const challenges = lesson.steps.filter((s) => s.challenge).length;
  const score =
    records && records.length > 0
      ? lessonScore({ records: { [lesson.id]: records } }, lesson.id)
      : null;
  return (
    <li className="wk-card">
      <div className="wk-card-text">
        <h4>{lesson.title}</h4>
        <p>{lesson.summary}</p>
        <p className="wk-meta">
          {lesson.steps.length} steps
          {challenges > 0 ? ` · ${challenges} challenges` : ''}
          {score ? ` · your score ${score.correct} of ${score.total}` : ''}
        </p>
      </div>
      <button
        type="button"
        className="btn primary"
        aria-label={`Start lesson: ${lesson.title}`}
        onClick={() => openLesson(lesson.id, 0)}
      >
        Start
      </button>
    </li>
  );
}

function LessonsTab() {
  return (
    <>
      {TOPICS.map(({ topic, title }) => {
        const list = LESSONS.filter((l) => l.topic === topic);
        if (list.length === 0) return null;
        return (
          <section key={topic} className="wk-group">
            <h3>{title}</h3>
            <ul className="wk-cards">
              {list.map((l) => (
                <LessonCard key={l.id} lesson={l} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function PresetsTab() {
  const close = () => lessonStore.getState().actions.closeList();
  return (
    <>
      {presetsByTalk().map((g) => (
        <section key={g.talk} className="wk-group">
          <h3>
            {g.title}
            {g.byline ? <span className="wk-byline"> · {g.byline}</span> : null}
          </h3>
          <ul className="wk-cards">
            {g.presets.map((p) => (
              <li key={p.id} className="wk-card">
                <div className="wk-card-text">
                  <h4>{p.title}</h4>
                  <p>{p.summary}</p>
                  <p className="wk-meta">{p.source}</p>
                  {(p.flows ?? []).length > 1 ? (
                    <ul className="wk-flows" aria-label={`Flows of ${p.title}`}>
                      {(p.flows ?? []).map((f) => (
                        <li key={f.id}>
                          <button
                            type="button"
                            className="linkish"
                            onClick={() => {
                              openPreset(p.id, f.id);
                              close();
                            }}
                          >
                            {f.label}
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Open preset: ${p.title}`}
                  onClick={() => {
                    openPreset(p.id);
                    close();
                  }}
                >
                  Open
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function LessonList({ tab }: { tab: ListTab }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const actions = useLessonStore((s) => s.actions);
  useEffect(() => {
    const d = ref.current;
    if (!d) return undefined;
    if (!d.open) d.showModal();
    const onClose = () => lessonStore.getState().actions.closeList();
    d.addEventListener('close', onClose);
    return () => {
      d.removeEventListener('close', onClose);
      if (d.open) d.close();
    };
  }, []);
  const onTabKey = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + d + TABS.length) % TABS.length];
    if (next) {
      actions.openList(next.id);
      document.getElementById(`wk-tab-${next.id}`)?.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      className="wk-dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        if (e.target === ref.current) ref.current?.close();
      }}
    >
      <div className="wk-dialog-body">
        <header className="wk-dialog-head">
          <h2 id={titleId}>Workshop</h2>
          <button
            type="button"
            className="btn icon"
            aria-label="Close"
            onClick={() => ref.current?.close()}
          >
            ✕
          </button>
        </header>
        <div className="tabs" role="tablist" aria-label="Workshop lists" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`wk-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls="wk-tabpanel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => actions.openList(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          className="wk-tabpanel"
          role="tabpanel"
          id="wk-tabpanel"
          aria-labelledby={`wk-tab-${tab}`}
        >
          {tab === 'lessons' ? <LessonsTab /> : <PresetsTab />}
        </div>
      </div>
    </dialog>
  );
}
