/**
 * The lesson player's logic (no rendering): it puts a lesson step on screen through the app
 * store's public actions, plays the packet to the step's stop or challenge hop and pauses there,
 * keeps a learner from stepping past an unanswered challenge, and turns "next" and "back"
 * (buttons, arrow keys, a presentation clicker) into the right move.
 *
 * A step is shown as: load(step scenario, {source: 'lesson'}) (not undoable; skipped when the
 * same scenario is already on screen), chooseFlow(the step's flow), then play up to
 * `stopAtHop`, the challenge hop (until answered) or the end. Loads that replace a previous
 * unedited lesson step are quiet: only work the learner did is offered back by app/previous.ts.
 */
import { quietly } from '../../app/previous';
import type { Challenge } from '../../lessons/challenge';
import { findLesson, resolveLesson, stepChallenge, type ResolvedStep } from '../../lessons/lessons';
import type { Lesson } from '../../lessons/types';
import { appStore, selectTrace } from '../../store';
import { lessonStore, stepRecord } from '../../store/lessons';
import { flowLabel } from './labels';
import { leavePresenter, workshopKey } from './presenter';

/** The app store's `source` for a scenario a lesson step loaded. */
export const LESSON_SOURCE = 'lesson';

/* ------------------------------------------------------------------------------------------ */
/* Resolved steps and challenges, computed once per lesson.                                     */
/* ------------------------------------------------------------------------------------------ */

const resolved = new Map<string, ResolvedStep[]>();
const challenges = new Map<string, Challenge | null>();

export function lessonSteps(lesson: Lesson): ResolvedStep[] {
  let r = resolved.get(lesson.id);
  if (!r) {
    r = resolveLesson(lesson);
    resolved.set(lesson.id, r);
  }
  return r;
}

/** The challenge of a step, or null (no challenge, or one that does not fit its trace). */
export function challengeOf(lesson: Lesson, index: number, seed: number): Challenge | null {
  const key = `${lesson.id}#${index}#${seed}`;
  if (challenges.has(key)) return challenges.get(key) ?? null;
  const r = lessonSteps(lesson)[index];
  const res = r ? stepChallenge(r, seed) : null;
  const c = res && res.ok ? res.challenge : null;
  challenges.set(key, c);
  return c;
}

/** The flow id a lesson step's flow has in the app store. */
export const stepFlowId = (lessonId: string, stepId: string) => `lesson:${lessonId}:${stepId}`;

/** What is on screen now, as the player sees it. */
export interface PlayerView {
  lesson: Lesson;
  index: number;
  step: ResolvedStep;
  challenge: Challenge | null;
  /** The step's challenge is waiting for an answer (and its flow is the one on screen). */
  asking: boolean;
}

export function playerView(): PlayerView | null {
  const ls = lessonStore.getState();
  if (ls.lessonId === null || ls.finished) return null;
  const lesson = findLesson(ls.lessonId);
  if (!lesson) return null;
  const step = lessonSteps(lesson)[ls.step];
  if (!step) return null;
  const challenge = ls.mode === 'embed' ? null : challengeOf(lesson, ls.step, ls.seed);
  const flowOnScreen = appStore.getState().flow?.id === stepFlowId(lesson.id, step.step.id);
  const asking =
    challenge !== null && flowOnScreen && stepRecord(ls, lesson.id, step.step.id) === undefined;
  return { lesson, index: ls.step, step, challenge, asking };
}

/* ------------------------------------------------------------------------------------------ */
/* Playing to a hop and pausing there.                                                          */
/* ------------------------------------------------------------------------------------------ */

/** A one-time stop: the packet plays up to this hop and pauses (the step's stop, an answer). */
let stopAt: number | null = null;
let fixing = false;

function hopCount(): number {
  return selectTrace(appStore.getState())?.hops.length ?? 0;
}

/** Plays from where the packet is to `hop` and pauses there (or just goes there when behind). */
function playTo(hop: number): void {
  const a = appStore.getState().actions;
  const last = hopCount() - 1;
  if (last < 0) return;
  const target = Math.max(0, Math.min(hop, last));
  const now = appStore.getState().playback.hop;
  if (target <= now) {
    stopAt = null;
    a.goToHop(target);
    return;
  }
  stopAt = target < last ? target : null;
  a.play();
}

/**
 * Keeps playback within what the learner may see: pauses at a one-time stop, and never past an
 * unanswered challenge's hop (stepping, clicking a later hop, playing on, the reply leg). Runs
 * after the store's own update (a microtask), so the animation loop has settled its frame.
 */
export function startPlayerGuards(): () => void {
  return appStore.subscribe((s) => {
    if (fixing) return;
    const view = playerView();
    const limit = view?.asking && view.challenge ? view.challenge.hop : stopAt;
    if (limit === null) return;
    const wrongLeg = Boolean(view?.asking) && s.playback.leg === 'reply';
    const past = s.playback.hop > limit;
    const reached = s.playback.playing && s.playback.hop >= limit;
    if (!wrongLeg && !past && !reached) return;
    fixing = true;
    queueMicrotask(() => {
      fixing = false;
      const a = appStore.getState().actions;
      if (wrongLeg) a.setLeg('request');
      if (limit === stopAt) stopAt = null;
      a.pause();
      a.goToHop(Math.min(appStore.getState().playback.hop, limit));
    });
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Showing a step.                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Where a step pauses: its unanswered challenge, its answer hop once answered, or stopAtHop. */
export function stepTarget(
  r: ResolvedStep,
  challenge: Challenge | null,
  answered: boolean,
  hops: number,
): number {
  if (challenge) return answered ? challenge.answerHop : challenge.hop;
  if (r.step.stopAtHop !== undefined) return r.step.stopAtHop;
  return Math.max(0, hops - 1);
}

/**
 * Puts step `index` of the open lesson on screen. `animate`: play the packet to the step's
 * target; otherwise stand there at once (going back, a link). `quiet`: the scenario this replaces
 * needs no keeping (a link that named the lesson just opened it).
 */
export function showStep(opts: { animate: boolean; quiet?: boolean }): void {
  const ls = lessonStore.getState();
  if (ls.lessonId === null) return;
  const lesson = findLesson(ls.lessonId);
  const r = lesson ? lessonSteps(lesson)[ls.step] : undefined;
  if (!lesson || !r || !r.scenario) return;
  stopAt = null;
  const st = appStore.getState();
  const a = st.actions;
  if (st.scenario !== r.scenario) {
    const untouched = st.history.past.length === 0 && st.history.future.length === 0;
    const load = () =>
      a.load(r.scenario as NonNullable<typeof r.scenario>, { source: LESSON_SOURCE });
    if (opts.quiet || (st.source === LESSON_SOURCE && untouched)) quietly(load);
    else load();
  }
  const flow = r.step.flow;
  if (!flow) {
    if (appStore.getState().flow !== null) a.chooseFlow(null);
    return;
  }
  const id = stepFlowId(lesson.id, r.step.id);
  a.chooseFlow({ id, label: flowLabel(flow), flow });
  if (ls.mode === 'embed') {
    // In a slide the packet waits at the start (or the step's stop) for the presenter's Play.
    a.goToHop(r.step.stopAtHop ?? 0);
    return;
  }
  const challenge = challengeOf(lesson, ls.step, ls.seed);
  const answered = stepRecord(ls, lesson.id, r.step.id) !== undefined;
  const target = stepTarget(r, challenge, answered, hopCount());
  if (opts.animate && target > 0) playTo(target);
  else a.goToHop(target);
}

/** Opens a lesson at a step (0-based) and shows it. False when the lesson is unknown. */
export function openLesson(
  lessonId: string,
  step = 0,
  opts: { animate?: boolean; quiet?: boolean } = {},
): boolean {
  if (!lessonStore.getState().actions.open(lessonId, step)) return false;
  showStep({ animate: opts.animate ?? true, ...(opts.quiet ? { quiet: true } : {}) });
  return true;
}

export function goToStep(step: number, animate = true): void {
  const ls = lessonStore.getState();
  ls.actions.goTo(step);
  showStep({ animate });
}

export function closeLesson(): void {
  stopAt = null;
  lessonStore.getState().actions.close();
}

/** The end screen, with the score. */
export function finishLesson(): void {
  stopAt = null;
  lessonStore.getState().actions.finish();
}

export function restartLesson(): void {
  lessonStore.getState().actions.restart();
  showStep({ animate: true });
}

/** Answer the challenge on screen with choice `chosen`; then play on to the answer's hop. */
export function answerChallenge(chosen: number): void {
  const v = playerView();
  if (!v || !v.challenge || !v.asking) return;
  const ls = lessonStore.getState();
  ls.actions.answer(v.step.step.id, chosen, v.challenge.answerIndex);
  playTo(v.challenge.answerHop);
}

/** Show the answer without answering (a presenter moving on); it scores nothing. */
export function revealChallenge(): void {
  const v = playerView();
  if (!v || !v.challenge || !v.asking) return;
  lessonStore.getState().actions.reveal(v.step.step.id, v.challenge.answerIndex);
  playTo(v.challenge.answerHop);
}

/* ------------------------------------------------------------------------------------------ */
/* Next and back: the presenter's keys and the player's buttons.                                */
/* ------------------------------------------------------------------------------------------ */

export type ForwardMove =
  'finish-playing' | 'reveal' | 'next-hop' | 'next-step' | 'finish' | 'none';
export type BackMove = 'prev-hop' | 'prev-step' | 'back-from-end' | 'none';

export interface MoveContext {
  /** A lesson is open (else next and back walk the hops of the flow on screen). */
  inLesson: boolean;
  finished: boolean;
  step: number;
  steps: number;
  playing: boolean;
  asking: boolean;
  hop: number;
  /** Hops of the flow on screen; 0 without one. */
  hops: number;
}

/** What "next" does: finish the running animation, reveal, the next hop, the next step, the end. */
export function forwardMove(c: MoveContext): ForwardMove {
  if (c.inLesson && c.finished) return 'none';
  if (c.playing) return 'finish-playing';
  if (c.asking) return 'reveal';
  if (c.hops > 0 && c.hop < c.hops - 1) return 'next-hop';
  if (!c.inLesson) return 'none';
  return c.step < c.steps - 1 ? 'next-step' : 'finish';
}

/** What "back" does: the hop before, the step before, or from the end screen to the last step. */
export function backMove(c: MoveContext): BackMove {
  if (c.inLesson && c.finished) return 'back-from-end';
  if (c.hops > 0 && c.hop > 0) return 'prev-hop';
  if (!c.inLesson) return 'none';
  return c.step > 0 ? 'prev-step' : 'none';
}

function moveContext(): MoveContext {
  const ls = lessonStore.getState();
  const st = appStore.getState();
  const lesson = ls.lessonId !== null ? findLesson(ls.lessonId) : null;
  const v = playerView();
  return {
    inLesson: lesson !== null,
    finished: ls.finished,
    step: ls.step,
    steps: lesson?.steps.length ?? 0,
    playing: st.playback.playing,
    asking: v?.asking ?? false,
    hop: st.playback.hop,
    hops: hopCount(),
  };
}

/** Next hop or next step (Right, Space, Page Down). */
export function forward(): ForwardMove {
  const move = forwardMove(moveContext());
  const a = appStore.getState().actions;
  switch (move) {
    case 'finish-playing': {
      const target = stopAt ?? hopCount() - 1;
      stopAt = null;
      a.pause();
      a.goToHop(target);
      break;
    }
    case 'reveal':
      revealChallenge();
      break;
    case 'next-hop':
      a.step(1);
      break;
    case 'next-step':
      goToStep(lessonStore.getState().step + 1);
      break;
    case 'finish':
      finishLesson();
      break;
    case 'none':
      break;
  }
  return move;
}

/** Previous hop or previous step (Left, Page Up). */
export function back(): BackMove {
  const move = backMove(moveContext());
  const a = appStore.getState().actions;
  switch (move) {
    case 'prev-hop':
      stopAt = null;
      a.pause();
      a.step(-1);
      break;
    case 'prev-step':
      goToStep(lessonStore.getState().step - 1, false);
      break;
    case 'back-from-end':
      goToStep(lessonStore.getState().step, false);
      break;
    case 'none':
      break;
  }
  return move;
}

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The window-level key handler (capture phase: it runs before app/useShortcuts.ts). */
export function onWorkshopKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (t && (TYPING.has(t.tagName) || t.isContentEditable)) return;
  if (t?.closest?.('dialog')) return;
  const ls = lessonStore.getState();
  if (ls.mode === 'embed') return;
  const v = playerView();
  const what = workshopKey(e.key, {
    presenting: ls.mode === 'present',
    inLesson: ls.lessonId !== null,
    asking: v?.asking ?? false,
    choices: v?.challenge?.choices.length ?? 0,
  });
  if (what === null) return;
  e.preventDefault();
  e.stopPropagation();
  if (what === 'next') forward();
  else if (what === 'back') back();
  else if (what === 'leave') leavePresenter();
  else answerChallenge(what.answer);
}
