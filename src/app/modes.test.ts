import { describe, expect, it } from 'vitest';
import { loadLessonData } from '../lessons/catalog';
import { findLesson } from '../lessons/lessons';
import { namesLessonOrPreset, parseWorkshopUrl, workshopQuery } from './modes';

// Before the lessons are loaded only the mode is read (the first download has no lessons).
const unloaded = parseWorkshopUrl('?lesson=island&mode=present');
await loadLessonData();

const island = findLesson('island');
if (!island) throw new Error('the island lesson is missing');

describe('parseWorkshopUrl', () => {
  it('reads only the mode until the lessons are loaded; says when they are needed', () => {
    expect(unloaded).toEqual({
      mode: 'present',
      notes: false,
      lesson: null,
      preset: null,
      problems: [],
    });
    expect(parseWorkshopUrl('?lesson=island&mode=present').lesson).toEqual({
      id: 'island',
      step: 0,
    });
    expect(namesLessonOrPreset('?lesson=island')).toBe(true);
    expect(namesLessonOrPreset('?preset=models-island')).toBe(true);
    expect(namesLessonOrPreset('', { lesson: { id: 'island', step: 1 } })).toBe(true);
    expect(namesLessonOrPreset('?mode=present&lesson=', { model: 'flat' })).toBe(false);
  });

  it('reads presenter and embed mode; embed wins', () => {
    expect(parseWorkshopUrl('').mode).toBe('edit');
    expect(parseWorkshopUrl('?mode=present').mode).toBe('present');
    expect(parseWorkshopUrl('?present=1').mode).toBe('present');
    expect(parseWorkshopUrl('?embed=1').mode).toBe('embed');
    expect(parseWorkshopUrl('?embed=true&mode=present').mode).toBe('embed');
    expect(parseWorkshopUrl('?mode=embed').mode).toBe('embed');
    expect(parseWorkshopUrl('?embed=0').mode).toBe('edit');
    expect(parseWorkshopUrl('?notes=1').notes).toBe(true);
  });

  it('reads a lesson step counting from 1, or by step id', () => {
    expect(parseWorkshopUrl('?lesson=island').lesson).toEqual({ id: 'island', step: 0 });
    expect(parseWorkshopUrl('?lesson=island&step=3').lesson).toEqual({ id: 'island', step: 2 });
    const egress = island.steps.findIndex((s) => s.id === 'egress');
    expect(egress).toBeGreaterThan(0);
    expect(parseWorkshopUrl('?lesson=island&step=egress').lesson).toEqual({
      id: 'island',
      step: egress,
    });
  });

  it('says what it cannot follow, and still opens what it can', () => {
    const far = parseWorkshopUrl(`?lesson=island&step=${island.steps.length + 5}`);
    expect(far.lesson).toEqual({ id: 'island', step: island.steps.length - 1 });
    expect(far.problems[0]).toContain(`has ${island.steps.length} steps`);
    const bad = parseWorkshopUrl('?lesson=island&step=nope');
    expect(bad.lesson).toEqual({ id: 'island', step: 0 });
    expect(bad.problems).toHaveLength(1);
    const unknown = parseWorkshopUrl('?lesson=nope');
    expect(unknown.lesson).toBeNull();
    expect(unknown.problems[0]).toContain('There is no lesson “nope”');
  });

  it('reads the lesson of a share link, the query winning over it', () => {
    const fromLink = parseWorkshopUrl('', { lesson: { id: 'island', step: 4 } });
    expect(fromLink.lesson).toEqual({ id: 'island', step: 4 });
    const both = parseWorkshopUrl('?lesson=flat&step=2', { lesson: { id: 'island', step: 4 } });
    expect(both.lesson).toEqual({ id: 'flat', step: 1 });
    const gone = parseWorkshopUrl('', { lesson: { id: 'from-the-future', step: 0 } });
    expect(gone.lesson).toBeNull();
    expect(gone.problems).toHaveLength(1);
  });

  it('reads a preset and one of its flows; a lesson wins over a preset', () => {
    expect(parseWorkshopUrl('?preset=models-island&flow=vip').preset).toEqual({
      id: 'models-island',
      flow: 'vip',
    });
    const noFlow = parseWorkshopUrl('?preset=models-island&flow=nope');
    expect(noFlow.preset).toEqual({ id: 'models-island', flow: null });
    expect(noFlow.problems).toHaveLength(1);
    expect(parseWorkshopUrl('?preset=nope').preset).toBeNull();
    expect(parseWorkshopUrl('?lesson=island&preset=models-flat').preset).toBeNull();
  });
});

describe('workshopQuery', () => {
  it('shows the open lesson step from 1 and presenter mode, keeping other parameters', () => {
    expect(
      workshopQuery('?theme=dark&view=planner', { mode: 'present', lessonId: 'island', step: 2 }),
    ).toBe('?theme=dark&view=planner&lesson=island&step=3&mode=present');
  });

  it('drops the lesson when none is open, presenter mode when left, and a preset once opened', () => {
    expect(
      workshopQuery('?lesson=island&step=3&mode=present&preset=x&flow=y&theme=light', {
        mode: 'edit',
        lessonId: null,
        step: 0,
      }),
    ).toBe('?theme=light');
    expect(workshopQuery('?present=1', { mode: 'edit', lessonId: null, step: 0 })).toBe('');
  });

  it('round-trips with parseWorkshopUrl', () => {
    const q = workshopQuery('', { mode: 'present', lessonId: 'island', step: 5 });
    const back = parseWorkshopUrl(q);
    expect(back.mode).toBe('present');
    expect(back.lesson).toEqual({ id: 'island', step: 5 });
  });
});
