/**
 * The workshop UI: lesson player, lesson and preset list, presenter and embed modes, speaker
 * notes. Only Workshop.tsx is part of the first download; the rest comes with load.ts.
 */
export { LessonSide, SpeakerNotes, Workshop, WorkshopButtons } from './Workshop';
