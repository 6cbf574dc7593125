import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessonData } from '../../lessons/catalog';
import { findLesson } from '../../lessons/lessons';
import { appStore, selectTrace } from '../../store';
import { lessonStore, lessonScore } from '../../store/lessons';
import {
  answerChallenge,
  backMove,
  challengeOf,
  forward,
  forwardMove,
  lessonSteps,
  openLesson,
  playerView,
  revealChallenge,
  startPlayerGuards,
  stepFlowId,
  stepTarget,
  type MoveContext,
} from './player';

// The player runs only once the lessons are loaded (view/lessons/load.ts sees to it).
await loadLessonData();

const island = findLesson('island');
if (!island) throw new Error('the island lesson is missing');
const NODEPORT_SOURCE = island.steps.findIndex((s) => s.id === 'nodeport-source');

const ctx = (over: Partial<MoveContext>): MoveContext => ({
  inLesson: true,
  finished: false,
  step: 0,
  steps: 5,
  playing: false,
  asking: false,
  hop: 0,
  hops: 4,
  ...over,
});

/** Lets the guards' microtask run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

describe('next and back', () => {
  it('next: finishes the animation, then reveals, then walks hops, then steps, then ends', () => {
    expect(forwardMove(ctx({ playing: true, asking: true }))).toBe('finish-playing');
    expect(forwardMove(ctx({ asking: true }))).toBe('reveal');
    expect(forwardMove(ctx({ hop: 1 }))).toBe('next-hop');
    expect(forwardMove(ctx({ hop: 3 }))).toBe('next-step');
    expect(forwardMove(ctx({ hops: 0, step: 2 }))).toBe('next-step');
    expect(forwardMove(ctx({ hop: 3, step: 4 }))).toBe('finish');
    expect(forwardMove(ctx({ finished: true }))).toBe('none');
    // Without a lesson, next walks the hops of the flow on screen and stops at its end.
    expect(forwardMove(ctx({ inLesson: false, hop: 1 }))).toBe('next-hop');
    expect(forwardMove(ctx({ inLesson: false, hop: 3 }))).toBe('none');
  });

  it('back: from the end to the last step, then hops, then steps', () => {
    expect(backMove(ctx({ finished: true }))).toBe('back-from-end');
    expect(backMove(ctx({ hop: 2, step: 3 }))).toBe('prev-hop');
    expect(backMove(ctx({ hop: 0, step: 3 }))).toBe('prev-step');
    expect(backMove(ctx({ hop: 0, step: 0 }))).toBe('none');
    expect(backMove(ctx({ inLesson: false, hop: 0 }))).toBe('none');
  });
});

describe('stepTarget', () => {
  it('pauses at the challenge, at its answer once answered, else at stopAtHop or the end', () => {
    const steps = lessonSteps(island);
    const r = steps[NODEPORT_SOURCE];
    const c = challengeOf(island, NODEPORT_SOURCE, 1);
    if (!r || !c) throw new Error('the step has a challenge');
    expect(stepTarget(r, c, false, 7)).toBe(c.hop);
    expect(stepTarget(r, c, true, 7)).toBe(c.answerHop);
    const plain = { ...r, step: { ...r.step, challenge: undefined } };
    expect(stepTarget(plain, null, false, 7)).toBe(6);
    expect(stepTarget({ ...plain, step: { ...plain.step, stopAtHop: 2 } }, null, false, 7)).toBe(2);
  });
});

describe('playing a lesson step through the app store', () => {
  let stop: () => void = () => undefined;
  beforeAll(() => {
    stop = startPlayerGuards();
  });
  afterAll(() => stop());

  it('loads the step, chooses its flow and plays toward the challenge hop', () => {
    expect(openLesson('island', NODEPORT_SOURCE)).toBe(true);
    const st = appStore.getState();
    const r = lessonSteps(island)[NODEPORT_SOURCE];
    expect(st.scenario).toBe(r?.scenario);
    expect(st.source).toBe('lesson');
    expect(st.flow?.id).toBe(stepFlowId('island', 'nodeport-source'));
    expect(st.flow?.label).toBe('other to c1 NodePort node1:30080');
    expect(st.playback.playing).toBe(true);
    expect(playerView()?.asking).toBe(true);
  });

  it('never lets the packet past an unanswered challenge', async () => {
    const c = playerView()?.challenge;
    if (!c) throw new Error('the step has a challenge');
    const a = appStore.getState().actions;
    a.goToHop(c.hop + 2);
    await settle();
    expect(appStore.getState().playback.hop).toBe(c.hop);
    a.setLeg('reply');
    await settle();
    expect(appStore.getState().playback.leg).toBe('request');
    // The animation loop reaching the hop while playing: paused there.
    a.play();
    a.arrive(c.hop);
    await settle();
    expect(appStore.getState().playback).toMatchObject({ hop: c.hop, playing: false });
  });

  it('records an answer, scores it, and plays on to the answer hop', async () => {
    const c = playerView()?.challenge;
    if (!c) throw new Error('the step has a challenge');
    const wrong = (c.answerIndex + 1) % c.choices.length;
    answerChallenge(wrong);
    expect(playerView()?.asking).toBe(false);
    expect(lessonScore(lessonStore.getState(), 'island')).toMatchObject({
      correct: 0,
      answered: 1,
    });
    expect(appStore.getState().playback.playing).toBe(true);
    // Once answered, the hops after the challenge are free to see.
    const last = (selectTrace(appStore.getState())?.hops.length ?? 1) - 1;
    appStore.getState().actions.goToHop(last);
    await settle();
    expect(appStore.getState().playback.hop).toBe(last);
  });

  it('next reveals a waiting challenge without scoring it, then steps on', async () => {
    const prev = island.steps[NODEPORT_SOURCE + 1];
    if (!prev?.challenge) throw new Error('the next island step has a challenge');
    lessonStore.getState().actions.goTo(NODEPORT_SOURCE);
    // At the last hop of an answered step, next goes to the next step.
    expect(forward()).toBe('next-step');
    expect(lessonStore.getState().step).toBe(NODEPORT_SOURCE + 1);
    expect(forward()).toBe('finish-playing');
    await settle();
    expect(forward()).toBe('reveal');
    expect(playerView()?.asking).toBe(false);
    expect(lessonScore(lessonStore.getState(), 'island')).toMatchObject({ answered: 1 });
    revealChallenge(); // nothing left to reveal: no second record
    expect(lessonStore.getState().records.island).toHaveLength(2);
  });
});
