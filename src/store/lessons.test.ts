import { describe, expect, it } from 'vitest';
import { lessonDataNow, loadLessonData } from '../lessons/catalog';
import { findLesson } from '../lessons/lessons';
import { createLessonStore, lessonScore, stepOutcome, stepRecord } from './lessons';

// The store knows a lesson once the lessons are loaded (lessons/catalog.ts).
const before = lessonDataNow();
const unloadedStore = createLessonStore();
const openedBeforeLoad = unloadedStore.getState().actions.open('island');
const scoreBeforeLoad = lessonScore({ records: {} }, 'island');
await loadLessonData();

const island = findLesson('island');
if (!island) throw new Error('the island lesson is missing');
const challengeSteps = island.steps.filter((s) => s.challenge);
const [first, second, third] = challengeSteps;
if (!first || !second || !third) throw new Error('the island lesson needs three challenges');

describe('lesson store', () => {
  it('knows no lesson before the lessons are loaded, and every one after', () => {
    expect(before).toBeNull();
    expect(openedBeforeLoad).toBe(false);
    expect(scoreBeforeLoad.total).toBe(0);
    expect(lessonScore({ records: {} }, 'island').total).toBe(challengeSteps.length);
    expect(unloadedStore.getState().actions.open('island')).toBe(true);
  });

  it('opens known lessons only, and clamps the step into the lesson', () => {
    const store = createLessonStore();
    const a = store.getState().actions;
    expect(a.open('no-such-lesson')).toBe(false);
    expect(store.getState().lessonId).toBeNull();
    expect(a.open('island', 999)).toBe(true);
    expect(store.getState().step).toBe(island.steps.length - 1);
    a.goTo(-3);
    expect(store.getState().step).toBe(0);
    a.goTo(2.7);
    expect(store.getState().step).toBe(2);
  });

  it('closes the list when a lesson opens, and leaves the end screen on goTo', () => {
    const store = createLessonStore();
    const a = store.getState().actions;
    a.openList('presets');
    expect(store.getState().list).toBe('presets');
    a.open('island', 1);
    expect(store.getState().list).toBeNull();
    a.finish();
    expect(store.getState().finished).toBe(true);
    a.goTo(3);
    expect(store.getState()).toMatchObject({ finished: false, step: 3 });
  });

  it('keeps the first answer of a step: a second answer does not change the score', () => {
    const store = createLessonStore();
    const a = store.getState().actions;
    a.open('island');
    a.answer(first.id, 0, 1); // wrong
    a.answer(first.id, 1, 1); // a retry: ignored
    expect(stepRecord(store.getState(), 'island', first.id)).toEqual({
      stepId: first.id,
      chosen: 0,
      answerIndex: 1,
    });
    a.answer(second.id, 2, 2); // right
    const score = lessonScore(store.getState(), 'island');
    expect(score).toEqual({
      correct: 1,
      answered: 2,
      total: challengeSteps.length,
      percent: Math.round(100 / challengeSteps.length),
    });
  });

  it('counts a revealed challenge in the total but not as answered', () => {
    const store = createLessonStore();
    const a = store.getState().actions;
    a.open('island');
    a.reveal(third.id, 0);
    a.answer(third.id, 0, 0); // after the reveal: too late to score
    expect(stepOutcome(stepRecord(store.getState(), 'island', third.id))).toBe('revealed');
    expect(lessonScore(store.getState(), 'island')).toMatchObject({ correct: 0, answered: 0 });
  });

  it('restart forgets only the open lesson’s answers; close keeps them', () => {
    const store = createLessonStore();
    const a = store.getState().actions;
    a.open('flat');
    const flatStep = findLesson('flat')?.steps.find((s) => s.challenge);
    if (!flatStep) throw new Error('the flat lesson has a challenge');
    a.answer(flatStep.id, 1, 1);
    a.open('island', 4);
    a.answer(first.id, 1, 1);
    a.close();
    expect(store.getState().lessonId).toBeNull();
    expect(lessonScore(store.getState(), 'island').correct).toBe(1);
    a.open('island', 4);
    a.restart();
    expect(store.getState().step).toBe(0);
    expect(lessonScore(store.getState(), 'island').answered).toBe(0);
    expect(lessonScore(store.getState(), 'flat').correct).toBe(1);
  });

  it('names each outcome', () => {
    expect(stepOutcome(undefined)).toBe('open');
    expect(stepOutcome({ stepId: 'x', chosen: 2, answerIndex: 2 })).toBe('right');
    expect(stepOutcome({ stepId: 'x', chosen: 1, answerIndex: 2 })).toBe('wrong');
    expect(stepOutcome({ stepId: 'x', chosen: null, answerIndex: 2 })).toBe('revealed');
  });
});
