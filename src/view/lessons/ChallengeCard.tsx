/**
 * A challenge: the question and its choices while the packet waits at the hop; once answered,
 * the learner's wrong choice is marked, the right one shown, with the engine's explanation.
 */
import { useEffect, useId, useRef } from 'react';
import type { Challenge } from '../../lessons/challenge';
import { stepOutcome, type StepRecord } from '../../store/lessons';
import { answerChallenge, revealChallenge } from './player';

export function ChallengeCard({
  challenge: c,
  record,
  asking,
  onShowFlow,
}: {
  challenge: Challenge;
  record: StepRecord | undefined;
  /** The question waits for an answer (its flow is on screen and it has none yet). */
  asking: boolean;
  /** Puts the step's flow back on screen (the learner chose another one). */
  onShowFlow: () => void;
}) {
  const qid = useId();
  const outcome = stepOutcome(record);
  const right = c.choices[c.answerIndex] ?? '';
  const resultRef = useRef<HTMLDivElement>(null);
  const answered = record !== undefined;
  // The answer and its explanation come into view as soon as they are shown.
  useEffect(() => {
    if (answered) resultRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [answered]);
  return (
    <section className={`challenge ch-${outcome}`} aria-labelledby={qid}>
      <p className="ch-kicker">Challenge</p>
      <p id={qid} className="ch-question">
        {c.question}
      </p>
      <ol className="ch-choices" aria-label="Choices">
        {c.choices.map((text, i) => {
          const isRight = record !== undefined && i === c.answerIndex;
          const isWrong = record !== undefined && record.chosen === i && i !== c.answerIndex;
          const cls = isRight ? 'right' : isWrong ? 'wrong' : '';
          return (
            <li key={i}>
              <button
                type="button"
                className={`ch-choice ${cls}`}
                disabled={!asking}
                onClick={() => answerChallenge(i)}
              >
                <span className="ch-key" aria-hidden="true">
                  {i + 1}
                </span>
                {/* Addresses read best in monospace; a reason in words reads (and fits) better
                    in the text face. */}
                <span className={/\s/.test(text.trim()) ? 'ch-text prose' : 'ch-text'}>{text}</span>
                {isRight ? <span className="ch-mark">✓ right answer</span> : null}
                {isWrong ? <span className="ch-mark">✗ your answer</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
      {asking ? (
        <div className="ch-foot">
          <span className="hint">Press 1–{c.choices.length} or click an answer.</span>
          <button type="button" className="btn" onClick={revealChallenge}>
            Show the answer
          </button>
        </div>
      ) : record ? (
        <div className={`ch-result ${outcome}`} role="status" ref={resultRef}>
          <p>
            <strong>
              {outcome === 'right' ? 'Right!' : outcome === 'wrong' ? 'Not quite.' : 'The answer:'}
            </strong>{' '}
            {outcome === 'right' ? right : outcome === 'wrong' ? `The answer is ${right}.` : right}
          </p>
          <p className="ch-explain">{c.explanation}</p>
        </div>
      ) : (
        <div className="ch-foot">
          <span className="hint">Another flow is on screen.</span>
          <button type="button" className="btn" onClick={onShowFlow}>
            Back to the step’s flow
          </button>
        </div>
      )}
    </section>
  );
}
