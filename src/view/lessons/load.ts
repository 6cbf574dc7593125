/**
 * The workshop's code and data (runtime.tsx: the lesson player, lists, presenter keys, speaker
 * notes; lessons/data.ts: the lessons and presets) are loaded on first use, not with the page:
 * when the lesson list opens, presenter or embed mode starts, or a link names a lesson or preset.
 * A pointer over the toolbar's workshop buttons starts the load early.
 */
import { loadLessonData } from '../../lessons/catalog';
import type * as Runtime from './runtime';

export type WorkshopRuntime = typeof Runtime;

let loaded: WorkshopRuntime | null = null;
let pending: Promise<WorkshopRuntime> | null = null;

/** The workshop's code, with the lessons loaded (lessons/catalog.ts). A failure can be retried. */
export function loadWorkshop(): Promise<WorkshopRuntime> {
  if (loaded) return Promise.resolve(loaded);
  if (!pending) {
    pending = Promise.all([import('./runtime'), loadLessonData()]).then(
      ([r]) => (loaded = r),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** The workshop's code if loaded already, else null. */
export function workshopNow(): WorkshopRuntime | null {
  return loaded;
}

/** Starts loading in the background (a failure is retried at the next real use). */
export function preloadWorkshop(): void {
  if (!loaded) loadWorkshop().catch(() => undefined);
}
