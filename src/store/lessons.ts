/**
 * Workshop state, kept apart from the app store (store.ts): which lesson is being played and at
 * which step (or its end screen), the learner's answers per lesson, the display mode (editing,
 * presenting, embedded) and which workshop dialog is open. The scenario, flow and playback a
 * lesson step shows live in the app store as always; view/lessons/player.ts puts them there.
 *
 * Answers are records per lesson and step: the first record of a step counts (lessons/
 * challenge.ts scoreLesson scores one point per challenge answered right at the first try). A
 * challenge revealed without an answer is recorded with `chosen: null`: it scores nothing.
 *
 * Public actions (stable: `lessonStore.getState().actions`):
 *   open(lessonId, step?)   start or resume a lesson at a step (0-based); false if unknown
 *   goTo(step)              another step of the open lesson (clamped); leaves the end screen
 *   finish()                show the end screen with the score
 *   close()                 leave the lesson (answers are kept until restart)
 *   restart()               forget the open lesson's answers and go back to its first step
 *   answer(stepId, chosen, answerIndex)   record an answer (ignored once the step has one)
 *   reveal(stepId, answerIndex)           show the answer without answering
 *   setMode(mode), openList(tab), closeList(), setFullscreen(state)
 *
 * The lessons themselves are not part of the first download (lessons/catalog.ts): `open` knows
 * a lesson once they are loaded, which whoever opens one (view/lessons, app/modes.ts) sees to.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { lessonDataNow, lessonNow } from '../lessons/catalog';
import type { ChallengeAnswer, LessonScore } from '../lessons/challenge';

export type WorkshopMode = 'edit' | 'present' | 'embed';
export type ListTab = 'lessons' | 'presets';
/** Presenter full screen: not asked, granted, or refused by the browser (a fallback shows). */
export type FullscreenState = 'off' | 'on' | 'refused';

export interface StepRecord {
  stepId: string;
  /** The choice the learner made, or null when the answer was revealed without one. */
  chosen: number | null;
  answerIndex: number;
}

export interface LessonActions {
  open(lessonId: string, step?: number): boolean;
  goTo(step: number): void;
  finish(): void;
  close(): void;
  restart(): void;
  answer(stepId: string, chosen: number, answerIndex: number): void;
  reveal(stepId: string, answerIndex: number): void;
  setMode(mode: WorkshopMode): void;
  openList(tab?: ListTab): void;
  closeList(): void;
  setFullscreen(state: FullscreenState): void;
}

export interface LessonState {
  mode: WorkshopMode;
  /** The lesson being played, or null. */
  lessonId: string | null;
  /** 0-based index of the step shown. */
  step: number;
  /** The end screen (score) is shown instead of a step. */
  finished: boolean;
  /** Per lesson id: the answers and reveals, in the order they were given. */
  records: Readonly<Record<string, readonly StepRecord[]>>;
  /** Seed of the challenges' choice order (lessons/challenge.ts); fixed, so a room sees one order. */
  seed: number;
  /** The lesson and preset list dialog, open on a tab, or null. */
  list: ListTab | null;
  fullscreen: FullscreenState;
  actions: LessonActions;
}

const clampStep = (lessonId: string, step: number): number => {
  const n = lessonNow(lessonId)?.steps.length ?? 0;
  if (!Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(Math.trunc(step), Math.max(0, n - 1)));
};

export function createLessonStore(init: { seed?: number } = {}) {
  return createStore<LessonState>()((set, get) => {
    const record = (r: StepRecord) => {
      const id = get().lessonId;
      if (id === null) return;
      const list = get().records[id] ?? [];
      if (list.some((x) => x.stepId === r.stepId)) return;
      set((s) => ({ records: { ...s.records, [id]: [...list, r] } }));
    };
    const actions: LessonActions = {
      open(lessonId, step = 0) {
        if (!lessonNow(lessonId)) return false;
        set({ lessonId, step: clampStep(lessonId, step), finished: false, list: null });
        return true;
      },
      goTo(step) {
        const id = get().lessonId;
        if (id === null) return;
        set({ step: clampStep(id, step), finished: false });
      },
      finish() {
        if (get().lessonId !== null) set({ finished: true });
      },
      close() {
        set({ lessonId: null, step: 0, finished: false });
      },
      restart() {
        const id = get().lessonId;
        if (id === null) return;
        set((s) => ({ records: { ...s.records, [id]: [] }, step: 0, finished: false }));
      },
      answer(stepId, chosen, answerIndex) {
        record({ stepId, chosen, answerIndex });
      },
      reveal(stepId, answerIndex) {
        record({ stepId, chosen: null, answerIndex });
      },
      setMode(mode) {
        set({ mode });
      },
      openList(tab = 'lessons') {
        set({ list: tab });
      },
      closeList() {
        set({ list: null });
      },
      setFullscreen(fullscreen) {
        set({ fullscreen });
      },
    };
    return {
      mode: 'edit',
      lessonId: null,
      step: 0,
      finished: false,
      records: {},
      seed: init.seed ?? 1,
      list: null,
      fullscreen: 'off',
      actions,
    };
  });
}

export const lessonStore = createLessonStore();

export function useLessonStore<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonStore, selector);
}

/** The record of one step of a lesson, if the learner answered or revealed it. */
export function stepRecord(
  s: Pick<LessonState, 'records'>,
  lessonId: string,
  stepId: string,
): StepRecord | undefined {
  return s.records[lessonId]?.find((r) => r.stepId === stepId);
}

/** A lesson's score so far: revealed-without-answer challenges count in the total, not as answered. */
export function lessonScore(s: Pick<LessonState, 'records'>, lessonId: string): LessonScore {
  const data = lessonDataNow();
  // No lesson is open before the lessons are loaded: nothing to score.
  if (!data) return { correct: 0, answered: 0, total: 0, percent: 0 };
  const answers: ChallengeAnswer[] = (s.records[lessonId] ?? []).flatMap((r) =>
    r.chosen === null ? [] : [{ stepId: r.stepId, chosen: r.chosen, answerIndex: r.answerIndex }],
  );
  return data.scoreLesson(answers, data.findLesson(lessonId) ?? undefined);
}

/** How a step went: not yet, right at the first try, wrong, or revealed without an answer. */
export type StepOutcome = 'open' | 'right' | 'wrong' | 'revealed';

export function stepOutcome(r: StepRecord | undefined): StepOutcome {
  if (!r) return 'open';
  if (r.chosen === null) return 'revealed';
  return r.chosen === r.answerIndex ? 'right' : 'wrong';
}
