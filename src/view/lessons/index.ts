/** The workshop UI: lesson player, lesson and preset list, presenter and embed modes, speaker notes. */
export { LessonSide, LessonPanel } from './LessonPanel';
export { SpeakerNotes } from './SpeakerNotes';
export { Workshop, WorkshopButtons } from './Workshop';
