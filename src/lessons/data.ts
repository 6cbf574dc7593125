/**
 * Everything of the workshop that is data: the lessons, the talks' preset list, challenges and
 * scoring. Not part of the first download: loaded through catalog.ts (loadLessonData) when the
 * lesson list opens, presenter mode starts, or a link names a lesson or preset.
 */
export { LESSONS, findLesson, findLessonStep, resolveLesson, stepChallenge } from './lessons';
export { PRESETS, TALKS, findPreset } from './presets';
export { scoreLesson } from './challenge';
