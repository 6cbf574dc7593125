/**
 * The workshop's data (data.ts: lessons, the talks' preset list, challenges) is loaded when first
 * needed, not with the page: the first download stays small for the many who never open a lesson.
 * What must answer synchronously (the lesson store's `open`) asks `lessonNow`, which knows only
 * loaded lessons: a lesson can be opened only after loadLessonData() has resolved, which the
 * workshop's loader (view/lessons/load.ts) and app/modes.ts see to.
 */
import type { Lesson } from './types';
import type * as Data from './data';

export type LessonData = typeof Data;

let loaded: LessonData | null = null;
let pending: Promise<LessonData> | null = null;

/** The lessons and presets, loading them if need be. A failed load can be retried. */
export function loadLessonData(): Promise<LessonData> {
  if (loaded) return Promise.resolve(loaded);
  if (!pending) {
    pending = import('./data').then(
      (d) => (loaded = d),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** The lessons and presets if they are loaded already, else null. */
export function lessonDataNow(): LessonData | null {
  return loaded;
}

/** A lesson by id, once the data is loaded (null before, and for an unknown id). */
export function lessonNow(id: string): Lesson | null {
  return loaded ? loaded.findLesson(id) : null;
}
